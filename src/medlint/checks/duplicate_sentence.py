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

from collections.abc import Iterator

from medlint.checks import duplicate_paragraph
from medlint.checks.base import Context, Option, Options
from medlint.document import Block, BlockKind, Document, Sentence
from medlint.findings import Hit
from medlint.similarity import fingerprint, group_copies, word_edits
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
    compared = (
        (sentence, duplicate_paragraph.fingerprint_of(doc, sentence.text))
        for sentence in doc.sentences
        if sentence.block.kind == BlockKind.PARAGRAPH
    )
    copies = group_copies((s, words) for s, words in compared if len(words) >= options["min-words"])
    stock = options["stock-min-paragraphs"]
    for group in copies:
        if len(group.keys) < 2:
            continue  # said once (most sentences): nothing more to ask of it
        sentences: list[Sentence] = [
            s for s in group.keys if not s.is_link_text and not is_contact_text(s.text)
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


def _template_twins(a: Block, b: Block, limit: int) -> bool:
    return limit > 0 and word_edits(fingerprint(a.text), fingerprint(b.text), limit) is not None


def _quote(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
