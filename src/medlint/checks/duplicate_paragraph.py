"""duplicate-paragraph: a paragraph that repeats, nearly repeats, or is wholly
contained in another paragraph of the same article.

CMS copy-and-paste and template merges leave the same paragraph twice, or a
summary paragraph repeated inside a longer one. Readers notice; it looks
careless on a page that asks for trust. Paragraphs are compared as readers
read them: case, punctuation, spacing and line wrapping do not matter.
Headings, list items and table cells are not compared: they repeat across
sections by design ("Key points" lists, "Causes" headings). Nor are short
paragraphs that are list items which lost their bullets, or paragraphs that are
only a link ("Find out how to apply"). A list introduction is compared
together with its list.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from medlint.checks.base import Context, Option, Options
from medlint.document import Block, BlockKind, Document
from medlint.findings import Hit
from medlint.fixes import delete_block
from medlint.similarity import (
    Group,
    Passage,
    PassageIndex,
    contains,
    could_be_slight_edits,
    fingerprint,
    only_slight_edits,
    word_edits,
)
from medlint.structure import (
    following_items,
    is_contact_block,
    is_list_intro,
    page_part,
    stands_apart,
    unmarked_items,
)

NAME = "duplicate-paragraph"
OPTIONS = {
    "scope": Option(
        "string",
        "section",
        "Where a repeat is a defect: within one section and container (section: the "
        "same text in two callouts or under two FAQ questions is there on purpose), or "
        "anywhere in the article (article).",
        choices=("section", "article"),
    ),
    "min-words": Option("integer", 6, "Paragraphs with fewer words are never compared.", minimum=1),
    "min-contained-words": Option(
        "integer",
        12,
        "A paragraph must have at least this many words to be reported as contained "
        "in a longer one.",
        minimum=1,
    ),
    "max-changed-words": Option(
        "integer",
        2,
        "Paragraphs that differ by at most this many words (changed, added or removed) "
        "are near-repeats. 0 turns near-repeats off.",
        minimum=0,
    ),
    "min-near-words": Option(
        "integer",
        20,
        "Paragraphs must have at least this many words to be compared as near-repeats.",
        minimum=1,
    ),
}
MESSAGE_ARGS = frozenset({"relation", "other_line", "advice"})
FIX = "safe"


@dataclass(frozen=True, slots=True)
class Duplicate:
    block: Block  # the paragraph reported
    other: Block  # the paragraph it repeats or sits inside
    relation: str  # "repeats", "nearly repeats", "is contained in"


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    for dup in duplicate_paragraphs(doc, options):
        yield Hit(
            doc.block_span(dup.block),
            {
                "relation": dup.relation,
                "other_line": dup.other.line,
                "advice": _ADVICE[dup.relation].format(line=dup.other.line),
            },
            fix=_fix(doc, dup),
            subjects=(dup.block.index, dup.other.index),
        )


def _fix(doc: Document, dup: Duplicate):
    """Delete the paragraph when all it says stands in the other one (it repeats
    it, or sits inside it) in the same part of the page: safe. Across sections
    (``scope: article``) the copy may be what makes its section read on its
    own: unsafe. A near-repeat differs, so an editor decides."""
    if dup.relation == "nearly repeats" or is_list_intro(dup.block):
        return None
    fix = delete_block(doc, dup.block, f"delete the paragraph repeated from line {dup.other.line}")
    if fix is not None and stands_apart(dup.block, dup.other):
        return dataclasses.replace(fix, safe=False)
    return fix


_ADVICE = {
    "repeats": "delete one of the copies",
    "nearly repeats": "keep one version and delete the other",
    "is contained in": "delete it, or move what only it says into line {line}",
}


def duplicate_paragraphs(doc: Document, options: Options) -> list[Duplicate]:
    """The paragraphs this rule reports, in document order (cached per options).

    With ``scope: section`` (the default) paragraphs are compared within each
    part of the page that reads on its own (``medlint.structure.page_part``):
    its section and its container (a callout, an FAQ answer in <details>, an
    accordion panel, a list item). The same advice in the adults' and the
    babies' callout, or the same answer under a question asked twice, is
    there on purpose; a paragraph pasted twice into one section, or into a
    page without headings (the seed), is a defect. Contact lines (phone, TTY,
    opening hours) are stock text and never reported.
    """
    key = (NAME, tuple(sorted(options.items())))
    if key not in doc.cache:
        parts: dict[tuple, list[Block]] = {}
        for block in doc.blocks_of(BlockKind.PARAGRAPH):
            part = page_part(block) if options["scope"] == "section" else ()
            parts.setdefault(part, []).append(block)
        found = [
            dup
            for part in parts.values()
            if len(part) > 1  # (a paragraph alone in its part repeats nothing there)
            for dup in _find(doc, options, [b for b in part if not is_contact_block(b)])
        ]
        doc.cache[key] = sorted(found, key=lambda d: d.block.index)
    return doc.cache[key]


def _find(doc: Document, options: Options, blocks: list[Block]) -> Iterator[Duplicate]:
    """Each paragraph is reported once: naming the first earlier paragraph it
    repeats, sits in or nearly repeats; or, when there is none, the first later
    paragraph it sits in (unless that one is reported as nearly repeating it).

    The candidates come from a PassageIndex; the verdicts from ``_relation``,
    pair by pair, as before the index: the index only spares the pairs that
    share no content.
    """
    if len(blocks) < 2:
        return  # a paragraph alone in its part of the page repeats nothing there
    items = unmarked_items(doc)
    fingerprint_of = fingerprinter(doc)
    fingerprints = (
        (block, fingerprint_of(_compared_text(doc, block)))
        for block in blocks
        if block.index not in items and not block.link_only
    )
    index = PassageIndex(
        ((block, words) for block, words in fingerprints if len(words) >= options["min-words"]),
        shingle_words=_shingle_words(options),
        min_words=_min_matched_words(options),
    )
    groups = index.groups
    passages = _Passages(groups)
    alone = [index.alone(g, options["max-changed-words"]) for g in range(len(groups))]
    earlier = [
        None if alone[g] else _first_earlier(index, passages, g, options)
        for g in range(len(groups))
    ]
    for g, group in enumerate(groups):
        first, *copies = group.keys
        other = earlier[g]
        if other is not None:
            relation = _relation(passages[g], passages[other], options)
            holder = _holder(doc, groups[other].keys[0], passages[g])
            for block in group.keys:
                yield Duplicate(block, holder, relation)
            continue
        if not alone[g] and len(group.words) >= options["min-contained-words"]:
            container = next(
                (
                    x
                    for x in index.containers(g, before=False)
                    if earlier[x] != g and contains(passages[x], passages[g])
                ),
                None,
            )
            if container is not None:
                holder = _holder(doc, groups[container].keys[0], passages[g])
                yield Duplicate(first, holder, "is contained in")
        if copies:  # (most paragraphs are said once)
            holder = _holder(doc, first, passages[g])
            for block in copies:
                yield Duplicate(block, holder, "repeats")


def _first_earlier(
    index: PassageIndex[Block], passages: _Passages, group: int, options: Options
) -> int | None:
    """The first group before ``group`` that its paragraphs sit in or nearly
    repeat. (Its Passage is made only when there is a candidate: most groups
    have none, and 65,000 Passages were 9 MB.)"""
    length = len(index.groups[group].words)
    candidates = set()
    if length >= options["min-contained-words"]:
        candidates.update(index.containers(group, before=True))
    limit = options["max-changed-words"]
    if limit and length >= options["min-near-words"]:
        candidates.update(index.neighbours(group, limit, before=True))
    if not candidates:
        return None
    passage = passages[group]
    return next((x for x in sorted(candidates) if _relation(passage, passages[x], options)), None)


def _shingle_words(options: Options) -> int:
    """Shingles of at most 4 words, and short enough that a contained paragraph
    has one, and that a near-repeat as short as ``min-near-words`` keeps one
    intact after ``max-changed-words`` changes (see PassageIndex.neighbours)."""
    k = min(4, options["min-contained-words"])
    if limit := options["max-changed-words"]:
        k = min(k, max(1, options["min-near-words"] // (limit + 1)))
    return k


def _min_matched_words(options: Options) -> int:
    """The fewest words of a paragraph that can sit in, hold, or nearly repeat
    another (shorter ones can only repeat exactly)."""
    if options["max-changed-words"]:
        return min(options["min-contained-words"], options["min-near-words"])
    return options["min-contained-words"]


def fingerprinter(doc: Document) -> Callable[[str], tuple[str, ...]]:
    """``similarity.fingerprint``, once per text for one search: copies of a
    paragraph share one tuple, each word the one the document holds
    (``Document.canonical_words``). Not kept in the document: the 80,000
    fingerprints of an article of 80,000 paragraphs held 12 MB until the end
    of its check, for duplicate-sentence, which asks for few of them."""
    known: dict[str, tuple[str, ...]] = {}
    one = doc.canonical_words().setdefault

    def fingerprint_of(text: str) -> tuple[str, ...]:
        found = known.get(text)
        if found is None:
            found = known[text] = tuple([one(word, word) for word in fingerprint(text)])
        return found

    return fingerprint_of


class _Passages:
    """The Passage of each group, made when first asked for: most groups are
    alone, and never compared (80,000 of them were 4.5 MB)."""

    def __init__(self, groups: list[Group[Block]]) -> None:
        self._groups = groups
        self._made: dict[int, Passage] = {}

    def __getitem__(self, group: int) -> Passage:
        passage = self._made.get(group)
        if passage is None:
            passage = self._made[group] = Passage(self._groups[group].words)
        return passage


def _compared_text(doc: Document, block: Block) -> str:
    """A list introduction is compared together with its list: "For men,
    treatment may include:" twice, over two different lists, is no repeat."""
    if not is_list_intro(block):
        return block.text
    return " ".join([block.text, *(item.text for item in following_items(doc, block))])


def _holder(doc: Document, other: Block, passage: Passage) -> Block:
    """The block to name: for a list introduction compared with its list, the
    item that holds the text, not the introduction."""
    if not is_list_intro(other):
        return other
    for block in (other, *following_items(doc, other)):
        candidate = Passage.of(block.text)
        if candidate.words == passage.words or contains(candidate, passage):
            return block
    return other


def _relation(passage: Passage, other: Passage, options: Options) -> str | None:
    if passage.words == other.words:
        return "repeats"
    if _contained(passage, other, options):
        return "is contained in"
    limit = options["max-changed-words"]
    long_enough = min(len(passage.words), len(other.words)) >= options["min-near-words"]
    if (
        limit
        and long_enough
        and could_be_slight_edits(other.words, passage.words)  # quick to refuse most pairs
        and word_edits(passage.words, other.words, limit) is not None
        and only_slight_edits(other.words, passage.words)
    ):
        return "nearly repeats"
    return None


def _contained(inner: Passage, outer: Passage, options: Options) -> bool:
    return len(inner.words) >= options["min-contained-words"] and contains(outer, inner)
