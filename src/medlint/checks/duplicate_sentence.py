"""duplicate-sentence: a sentence repeated in another paragraph of the article.

A sentence pasted twice is the smaller cousin of a repeated paragraph, and as
visible to readers. Short stock phrases ("Talk to your doctor.") legitimately
recur, so sentences shorter than ``min-words`` are not compared. A paragraph
that duplicate-paragraph already reports is left to that rule, one finding
per defect: each hit names its paragraph and the other one (``subjects``),
and the engine drops those about what duplicate-paragraph reports (the rule's
``defers-to``).

Pages built from a template repeat its stock sentences on purpose: "Check the
list of clinical trials for stage I ..." and "... for stage II ...", each
followed by the same instructions. When the two paragraphs are twins (the
same words but for a few, as ``template-max-changed-words`` sets), their
shared sentences are not reported. And a sentence that stands in three or
more paragraphs (``stock-min-paragraphs``) is a stock sentence of the site
(a trial-search tip, a phone line, a video caption), repeated by design; so
is the text of a link ("Find out how to apply.").
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator

from medlint.checks import duplicate_paragraph
from medlint.checks.base import Context, Option, Options
from medlint.document import Block, BlockKind, Document, Sentence
from medlint.findings import Hit
from medlint.similarity import (
    Group,
    MetAgain,
    fingerprint,
    group_copies,
    squashed,
    word_edits,
)
from medlint.structure import is_contact_text, page_part

NAME = "duplicate-sentence"
OPTIONS = {
    "scope": Option(
        "string",
        "section",
        "Where a repeat is a defect: within one section and container (section), or "
        "anywhere in the article (article). Contact lines (phone, TTY, opening hours) "
        "are never reported.",
        choices=("section", "article"),
    ),
    "min-words": Option("integer", 6, "Sentences with fewer words are never compared.", minimum=1),
    "template-max-changed-words": Option(
        "integer",
        3,
        "Paragraphs that differ by at most this many words are instances of one "
        "template, and their shared sentences are not reported. 0 turns this off.",
        minimum=0,
    ),
    "stock-min-paragraphs": Option(
        "integer",
        3,
        "A sentence found in at least this many paragraphs is a stock sentence, repeated "
        "by design, and is not reported. 0 turns this off.",
        minimum=0,
    ),
}
MESSAGE_ARGS = frozenset({"sentence", "other_line"})


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    stock = options["stock-min-paragraphs"]
    for group in _copies(doc, options["min-words"]):
        if len(group.keys) < 2:
            continue  # said once: nothing more to ask of it
        sentences: list[Sentence] = [
            s for _, s in group.keys if not s.is_link_text and not is_contact_text(s.text)
        ]
        paragraphs = {s.block.index for s in sentences}
        if stock and len(paragraphs) >= stock:
            continue
        firsts: dict[tuple, Sentence] = {}  # the first copy in each part of the page
        for sentence in sentences:
            block = sentence.block
            part = () if options["scope"] == "article" else page_part(block)
            first = firsts.setdefault(part, sentence)
            if first is sentence:
                continue
            if (block is first.block and not block.line_breaks) or (  # twice in one text: a slip
                not _template_twins(first.block, block, options["template-max-changed-words"])
            ):
                yield Hit(
                    sentence.span,
                    {"sentence": _quote(sentence.text), "other_line": first.line},
                    subjects=(block.index, first.block.index),
                )


def _copies(doc: Document, min_words: int) -> list[Group[tuple[int, Sentence]]]:
    """The sentences of paragraphs, with their numbers in the article, grouped
    by their words (``similarity.group_copies`` of their fingerprints, those of
    ``min_words`` words or more), groups in the order of their first sentence.
    Only the sentences that share their ``squashed`` text with another are
    fingerprinted: most sentences are said once."""
    # Only the sentences whose squashed text may be met again (``MetAgain``)
    # are gathered by text: a dict of every sentence's text was ~27 MB of an
    # article of 80,000 paragraphs.
    hashes = array(
        "q",
        (
            hash(squashed(sentence.text))
            for sentence in doc.sentences
            if sentence.block.kind == BlockKind.PARAGRAPH
        ),
    )
    again = MetAgain(hashes, MetAgain.bits_for(len(hashes)))
    next_hash = iter(hashes).__next__  # (the paragraphs' sentences, in the same order)
    alike: dict[str, list[tuple[int, Sentence]]] = {}
    for number, sentence in enumerate(doc.sentences):
        if sentence.block.kind == BlockKind.PARAGRAPH and next_hash() in again:
            alike.setdefault(squashed(sentence.text), []).append((number, sentence))
    groups: list[Group[tuple[int, Sentence]]] = []
    fingerprint_of = duplicate_paragraph.fingerprinter(doc)
    for same in alike.values():
        if len(same) < 2:
            continue
        printed = [(item, fingerprint_of(item[1].text)) for item in same]
        groups += group_copies((item, words) for item, words in printed if len(words) >= min_words)
    groups.sort(key=lambda group: group.keys[0][0])
    return groups


def _template_twins(a: Block, b: Block, limit: int) -> bool:
    return limit > 0 and word_edits(fingerprint(a.text), fingerprint(b.text), limit) is not None


def _quote(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
