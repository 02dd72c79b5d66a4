"""readability: the article reads above the target school grade.

Health-literacy guidance (the AMA, NIH and CDC) asks for patient material at
grade 6 to 8; text far above it is misread or skipped by the readers who most
need it. The grade is computed on prose only: paragraphs and list items (each
item its own sentence); headings, tables, code and front matter are left out, and so are
tables flattened into a paragraph by an export ("Seizures 90% Hearing loss
50% ...").

The default formula is Flesch-Kincaid. SMOG is common in health publishing
but is only valid from 30 sentences (many short pages have fewer), and
Coleman-Liau counts letters, not syllables, which under-rates long medical
terms. Flesch-Kincaid works at any length and is what editors see in their word
processors. With ``formula: smog`` a page of fewer than 30 sentences is
scored by Flesch-Kincaid, and the message says so.
"""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.base import Context, Option, Options
from medlint.document import PROSE_KINDS, Block, BlockKind, Document
from medlint.findings import Hit
from medlint.memo import TextMemo
from medlint.readability import FORMULA_NAMES, FORMULA_TITLES, TextStats
from medlint.structure import is_flattened_table

NAME = "readability"
OPTIONS = {
    "max-grade": Option(
        "number", 8, "The target: articles that read above this US school grade are reported."
    ),
    "formula": Option(
        "string", "flesch-kincaid", "The readability formula.", choices=FORMULA_NAMES
    ),
    "min-words": Option(
        "integer",
        100,
        "Articles with fewer words of prose are not scored: formulas are unreliable on "
        "very short texts.",
        minimum=1,
    ),
    "min-paragraph-words": Option(
        "integer",
        20,
        "Only paragraphs of at least this many words are candidates for the hardest "
        "paragraph named in the message.",
        minimum=1,
    ),
}
MESSAGE_ARGS = frozenset({"grade", "formula", "target", "line", "paragraph_grade"})
#: Its findings are about the article as a whole (a baseline keys them by the
#: file and rule alone; --changed-since judges them for every changed file).
WHOLE_ARTICLE = True
SMOG_MIN_SENTENCES = 30


def _table(sentence) -> bool:
    return is_flattened_table(sentence.text)


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    prose = [
        (block, _block_stats(block))
        for block in doc.blocks
        if block.kind in PROSE_KINDS and block.sentences
    ]
    stats = sum((block_stats for _, block_stats in prose), TextStats(0, 0, 0, 0, 0))
    if stats.words < options["min-words"]:
        return
    formula = options["formula"]
    title = FORMULA_TITLES[formula]
    if formula == "smog" and stats.sentences < SMOG_MIN_SENTENCES:
        formula = "flesch-kincaid"
        title = f"Flesch-Kincaid, as SMOG needs {SMOG_MIN_SENTENCES} sentences"
    grade = stats.grade(formula)
    if round(grade, 1) <= options["max-grade"]:  # as the message shows it: 8.04 is 8.0
        return
    hardest, hardest_grade = _hardest_paragraph(prose, formula, options["min-paragraph-words"])
    yield Hit(
        doc.block_span(hardest),
        {
            "grade": f"{grade:.1f}",
            "formula": title,
            "target": f"{options['max-grade']:g}",
            "line": hardest.line,
            "paragraph_grade": f"{hardest_grade:.1f}",
        },
    )


def _block_stats(block: Block) -> TextStats:
    """The counts of a block's sentences (tables run together left out),
    kept by its text: a site repeats paragraphs across its articles, and the
    sentences of a text are the same wherever it stands."""
    key = (block.text, tuple(block.break_offsets))
    stats = _KEPT.get(key)
    if stats is None:
        stats = TextStats.of_words(s.words for s in block.sentences if not _table(s))
        _KEPT.put(key, len(block.text), stats)
    return stats


_KEPT: TextMemo[TextStats] = TextMemo()


def _hardest_paragraph(
    prose: list[tuple[Block, TextStats]], formula: str, min_words: int
) -> tuple[Block, float]:
    """The paragraph with the highest grade, among those long enough to score."""
    candidates = [
        (block, stats)
        for block, stats in prose
        if block.kind == BlockKind.PARAGRAPH and stats.words >= min_words
    ] or prose
    block, stats = max(candidates, key=lambda pair: pair[1].grade(formula))
    return block, stats.grade(formula)
