"""article-facts: what `medlint report` shows of every article, whatever its
findings: its title, its review dates and reviewer, and its readability.

Not a rule of the packs: the report adds it to the rules it runs. It finds
nothing; it collects, like copied-paragraph, plain data that the workers
send back and the results cache keeps (so a warm report re-reads nothing).
What depends on the day (is the review due?) is the report's to work out:
the facts are the dates as written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from medlint.checks import readability, review_date
from medlint.checks.base import Context, Option, Options, Spread, in_one_process
from medlint.document import PROSE_KINDS, BlockKind, Document
from medlint.findings import Hit
from medlint.readability import FORMULA_NAMES, TextStats
from medlint.review_dates import normal_key, review_date_claims
from medlint.vocabulary import article_language

NAME = "article-facts"
#: Collects per article, as the project rules do (see the module's docstring);
#: facts, which no directive silences.
PROJECT = True
FACTS = True
OPTIONS = {
    # How dates are read: as the review-date rules read them (stale-review-date's options).
    **{name: review_date._READING_OPTIONS[name] for name in ("keys", "deadline-keys", "day-first")},
    "_set": Option("string-list", [], "The reading options the config sets (day-first wins)."),
    "max-age-days": Option("integer", 180, "The review cycle (stale-review-date's).", minimum=1),
    "max-grade": Option("number", 8, "The target grade (readability's)."),
    "language": Option("string", "en-US", "The run's language (an article's own wins)."),
    "formula": Option("string", "flesch-kincaid", "The readability formula.", FORMULA_NAMES),
    "min-words": Option("integer", 100, "Shorter articles are not scored.", minimum=1),
    "min-paragraph-words": Option(
        "integer", 20, "The hardest paragraph has at least this many words.", minimum=1
    ),
}
MESSAGE_ARGS: frozenset[str] = frozenset()

#: Front matter keys that name the clinical reviewer (compared as review-date
#: keys are: without case, "_" or "-"); HTML's JSON-LD reviewedBy is one.
_REVIEWER_NAMES = ("reviewed_by", "reviewer", "medical_reviewer", "medically_reviewed_by")
REVIEWER_KEYS = frozenset(normal_key(key) for key in (*_REVIEWER_NAMES, "reviewedBy"))
_EXCERPT = 160


def check(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    return iter(())


def check_project(
    articles: Sequence,
    options: Options,
    reported: int | None = None,
    spread: Spread = in_one_process,
) -> Iterator[tuple[int, Hit]]:
    return iter(())


def collect(doc: Document, options: Options) -> tuple[dict]:
    day_first = options["day-first"]
    if "day-first" not in options["_set"]:  # (as the review-date rules read it)
        day_first = day_first or article_language(doc.front_matter, options["language"]) == "en-GB"
    claims = review_date_claims(doc, options["keys"], options["deadline-keys"], day_first)
    readable = [c for c in claims if c.readable]
    facts = {
        "title": _title(doc),
        # [earliest, latest]: a date given to the month is a span of days.
        "reviews": sorted(
            {(c.earliest.isoformat(), c.latest.isoformat()) for c in readable if not c.deadline}
        ),
        "deadlines": sorted({c.latest.isoformat() for c in readable if c.deadline}),
        "reviewer": _reviewer(doc),
        "stub": doc.is_stub,
        "cycle": options["max-age-days"],
        "target": options["max-grade"],
    }
    facts.update(_readability(doc, options))
    return (facts,)


def _title(doc: Document) -> str:
    title = (doc.front_matter or {}).get("title")
    if isinstance(title, str) and title.strip():
        return " ".join(title.split())
    heading = next((b for b in doc.blocks if b.kind == BlockKind.HEADING and b.text), None)
    return " ".join(heading.text.split()) if heading is not None else ""


def _reviewer(doc: Document) -> str:
    for key, value in (doc.front_matter or {}).items():
        if isinstance(key, str) and normal_key(key) in REVIEWER_KEYS:
            names = value if isinstance(value, list) else [value]
            value = ", ".join(
                str(v.get("name", "")) if isinstance(v, dict) else str(v) for v in names if v
            )
            if value:
                return " ".join(str(value).split())
    return ""


def _readability(doc: Document, options: Options) -> dict:
    prose = [
        (block, readability._block_stats(block))
        for block in doc.blocks
        if block.kind in PROSE_KINDS and block.sentences
    ]
    stats = sum((s for _, s in prose), TextStats(0, 0, 0, 0, 0))
    if stats.words < options["min-words"] or not prose:
        return {"words": stats.words, "grade": None, "hardest": None}
    formula = options["formula"]
    block, grade = readability._hardest_paragraph(prose, formula, options["min-paragraph-words"])
    text = " ".join(block.text.split())
    excerpt = text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rstrip() + "…"
    return {
        "words": stats.words,
        "grade": round(stats.grade(formula), 1),
        "hardest": {"line": block.line, "grade": round(grade, 1), "text": excerpt},
    }
