"""Review-date rules: stale-review-date, missing-review-date, invalid-review-date.

Health information goes out of date: guidance changes, drugs are withdrawn,
doses are revised. Publishers promise readers a review cycle, and a page whose
last review is long past it (or that names no review at all) should not be
published as if current. The three check kinds read the same review-date
claims (see ``medlint.review_dates``), so they live together here. How dates
are read (which front matter keys, day or month first) is set once, as options
of stale-review-date, and the other two read dates the same way. An article in
British English (the config's ``language: en-GB``, or its own front matter
``lang: en-GB``) reads ambiguous numeric dates day first, unless the config
sets ``day-first`` itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

from medlint.checks.base import Context, Option, Options
from medlint.document import Document
from medlint.findings import Hit, Span
from medlint.review_dates import DateClaim, review_date_claims
from medlint.vocabulary import article_language

_READING_OPTIONS = {
    "keys": Option(
        "string-list",
        [
            "last_reviewed",
            "reviewed",
            "review_date",
            "date_reviewed",
            "page_last_reviewed",
            "last_updated",
            "last_update",
            "lastupdate",
            "updated",
            "last_modified",
            "last_modified_at",
            "lastmod",
            "modified",
            "date_modified",
        ],
        "Front matter keys that hold the date of the last review. Keys are compared "
        "without regard to case, '_' or '-': last_reviewed, last-reviewed and lastReviewed "
        "are one key.",
    ),
    "deadline-keys": Option(
        "string-list",
        ["next_review", "review_due", "next_review_due", "next_review_date"],
        "Front matter keys that hold the date the next review is due (compared as keys are).",
    ),
    "day-first": Option(
        "boolean",
        False,
        "Read ambiguous numeric dates such as 04/07/2026 as day/month (4 July) instead "
        "of month/day (April 7). Unless set in the config, true for articles in en-GB.",
    ),
}


#: The rule whose options say how dates are read, for all three kinds: the
#: settings give each of them those options (``SHARES_OPTIONS``), and which of
#: them the config sets (``SET_KEY``), so that a check reads its own options only.
SHARES_OPTIONS = ("stale-review-date", tuple(_READING_OPTIONS))
SET_KEY = "_set"


def _claims(doc: Document, options: Options, context: Context) -> list[DateClaim]:
    """The review-date claims, read as the reading options say (as
    stale-review-date is configured: see SHARES_OPTIONS)."""
    reading = {name: option.default for name, option in _READING_OPTIONS.items()}
    reading.update((k, v) for k, v in options.items() if k in _READING_OPTIONS)
    day_first = reading["day-first"]
    if "day-first" not in options.get(SET_KEY, ()):
        day_first = day_first or article_language(doc.front_matter, context.language) == "en-GB"
    return review_date_claims(doc, reading["keys"], reading["deadline-keys"], day_first)


def _check_stale(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    claims = [c for c in _claims(doc, options, context) if c.readable]
    deadlines = [c for c in claims if c.deadline]
    reviews = [c for c in claims if not c.deadline and c.earliest <= context.today]
    if deadlines:
        due = min(deadlines, key=lambda c: c.latest)
        overdue = (context.today - due.latest).days
        if overdue > 0:
            yield _stale_hit(due, f"was due {overdue} days ago")
    elif reviews:
        last = max(reviews, key=lambda c: c.latest)
        age = (context.today - last.latest).days
        if age > options["max-age-days"]:
            yield _stale_hit(
                last, f"is {age} days old, past the {options['max-age-days']}-day review cycle"
            )


def _stale_hit(claim: DateClaim, problem: str) -> Hit:
    return Hit(claim.span, {"date": claim.raw, "where": claim.where, "problem": problem})


def _check_missing(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    if not doc.is_stub and not _claims(doc, options, context):
        yield Hit(Span.at(1))


def _check_invalid(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    for claim in _claims(doc, options, context):
        if not claim.readable:
            problem, advice = "cannot be read as a date", "write it as YYYY-MM-DD"
        elif not claim.deadline and claim.earliest > context.today:
            problem, advice = "is in the future", "use the date the review took place"
        else:
            continue
        value = repr(claim.raw) if claim.raw else "(empty)"
        yield Hit(
            claim.span,
            {"value": value, "where": claim.where, "problem": problem, "advice": advice},
        )


STALE = SimpleNamespace(
    NAME="stale-review-date",
    USES_TODAY=True,  # its results change with the date (the results cache keys on it)
    WHOLE_ARTICLE=True,  # the article is due for review (see required_text.WHOLE_ARTICLE)
    OPTIONS={
        "max-age-days": Option(
            "integer",
            180,
            "The review cycle: a last review older than this many days is stale.",
            minimum=1,
        ),
        **_READING_OPTIONS,
    },
    MESSAGE_ARGS=frozenset({"date", "where", "problem"}),
    SHARES_OPTIONS=SHARES_OPTIONS,
    check=_check_stale,
)
MISSING = SimpleNamespace(
    NAME="missing-review-date",
    WHOLE_ARTICLE=True,
    OPTIONS={},
    MESSAGE_ARGS=frozenset(),
    SHARES_OPTIONS=SHARES_OPTIONS,
    check=_check_missing,
)
INVALID = SimpleNamespace(
    NAME="invalid-review-date",
    USES_TODAY=True,  # a review "in the future" is judged by today
    OPTIONS={},
    MESSAGE_ARGS=frozenset({"value", "where", "problem", "advice"}),
    SHARES_OPTIONS=SHARES_OPTIONS,
    check=_check_invalid,
)
