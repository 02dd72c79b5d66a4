"""Review-date rules: stale-review-date, missing-review-date, invalid-review-date.

Health information goes out of date: guidance changes, drugs are withdrawn,
doses are revised. Publishers promise readers a review cycle, and a page whose
last review is long past it (or that names no review at all) should not be
published as if current. The three check kinds read the same review-date
claims (see ``medlint.review_dates``) and share their options, so they live
together here.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

from medlint.checks.base import Context, Option, Options
from medlint.document import Document
from medlint.findings import Hit, Span
from medlint.review_dates import DateClaim, review_date_claims

_CLAIM_OPTIONS = {
    "keys": Option(
        "string-list",
        [
            "last_reviewed",
            "reviewed",
            "review_date",
            "last_updated",
            "updated",
            "lastReviewed",
            "dateModified",
        ],
        "Front matter keys that hold the date of the last review.",
    ),
    "deadline-keys": Option(
        "string-list",
        ["next_review", "review_due"],
        "Front matter keys that hold the date the next review is due.",
    ),
    "day-first": Option(
        "boolean",
        False,
        "Read ambiguous numeric dates such as 04/07/2026 as day/month (7 April) instead "
        "of month/day (April 7).",
    ),
}


def _claims(doc: Document, options: Options) -> list[DateClaim]:
    return review_date_claims(doc, options["keys"], options["deadline-keys"], options["day-first"])


def _check_stale(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    claims = [c for c in _claims(doc, options) if c.readable]
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
    if not _claims(doc, options):
        yield Hit(Span.at(1))


def _check_invalid(doc: Document, options: Options, context: Context) -> Iterator[Hit]:
    for claim in _claims(doc, options):
        if not claim.readable:
            problem = "cannot be read as a date: write it as YYYY-MM-DD"
        elif not claim.deadline and claim.earliest > context.today:
            problem = "is in the future: use the date the review took place"
        else:
            continue
        value = repr(claim.raw) if claim.raw else "(empty)"
        yield Hit(claim.span, {"value": value, "where": claim.where, "problem": problem})


STALE = SimpleNamespace(
    NAME="stale-review-date",
    OPTIONS={
        "max-age-days": Option(
            "integer",
            180,
            "The review cycle: a last review older than this many days is stale.",
            minimum=1,
        ),
        **_CLAIM_OPTIONS,
    },
    MESSAGE_ARGS=frozenset({"date", "where", "problem"}),
    check=_check_stale,
)
MISSING = SimpleNamespace(
    NAME="missing-review-date",
    OPTIONS=dict(_CLAIM_OPTIONS),
    MESSAGE_ARGS=frozenset(),
    check=_check_missing,
)
INVALID = SimpleNamespace(
    NAME="invalid-review-date",
    OPTIONS=dict(_CLAIM_OPTIONS),
    MESSAGE_ARGS=frozenset({"value", "where", "problem"}),
    check=_check_invalid,
)
