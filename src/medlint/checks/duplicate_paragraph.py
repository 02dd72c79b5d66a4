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

from collections.abc import Iterator
from dataclasses import dataclass

from medlint.checks.base import Context, Option, Options
from medlint.document import Block, BlockKind, Document
from medlint.findings import Hit
from medlint.fixes import delete_block
from medlint.similarity import Passage, contains, only_slight_edits, word_edits
from medlint.structure import following_items, is_list_intro, unmarked_items

NAME = "duplicate-paragraph"
OPTIONS = {
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


@dataclass(frozen=True)
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
        )


def _fix(doc: Document, dup: Duplicate):
    """Delete the paragraph when all it says stands in the other one (it repeats
    it, or sits inside it): safe. A near-repeat differs, so an editor decides."""
    if dup.relation == "nearly repeats" or is_list_intro(dup.block):
        return None
    return delete_block(doc, dup.block, f"delete the paragraph repeated from line {dup.other.line}")


_ADVICE = {
    "repeats": "delete one of the copies",
    "nearly repeats": "keep one version and delete the other",
    "is contained in": "delete it, or move what only it says into line {line}",
}


def duplicate_paragraphs(doc: Document, options: Options) -> list[Duplicate]:
    """The paragraphs this rule reports, in document order (cached per options)."""
    key = (NAME, tuple(sorted(options.items())))
    if key not in doc.cache:
        doc.cache[key] = sorted(_find(doc, options), key=lambda d: d.block.index)
    return doc.cache[key]


def _find(doc: Document, options: Options) -> Iterator[Duplicate]:
    items = unmarked_items(doc)
    paragraphs = [
        (block, Passage.of(_compared_text(doc, block)))
        for block in doc.blocks_of(BlockKind.PARAGRAPH)
        if block.index not in items and not block.link_only
    ]
    paragraphs = [(b, p) for b, p in paragraphs if len(p.words) >= options["min-words"]]
    reported: set[int] = set()
    for i, (later, later_passage) in enumerate(paragraphs):
        for earlier, earlier_passage in paragraphs[:i]:
            relation = _relation(later_passage, earlier_passage, options)
            if relation and later.index not in reported:
                reported.add(later.index)
                yield Duplicate(later, _holder(doc, earlier, later_passage), relation)
            elif earlier.index not in reported and _contained(
                earlier_passage, later_passage, options
            ):
                reported.add(earlier.index)
                yield Duplicate(earlier, _holder(doc, later, earlier_passage), "is contained in")


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
        and word_edits(passage.words, other.words, limit) is not None
        and only_slight_edits(other.words, passage.words)
    ):
        return "nearly repeats"
    return None


def _contained(inner: Passage, outer: Passage, options: Options) -> bool:
    return len(inner.words) >= options["min-contained-words"] and contains(outer, inner)
