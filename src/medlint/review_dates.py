"""Find the review dates an article claims, in its front matter and its text.

Three rules (stale, missing, invalid review date) read the same claims, so the
search runs once per document and is cached on it. A claim is a place that
states a review date: a front matter key (``last_reviewed: 2026-04-07``) or a
labelled date in the text ("Last updated: 2026-04-07", "Medically reviewed on
November 2, 2026"). A claim whose value cannot be read as a date is kept, with
no value, so that it can be reported rather than silently ignored.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from medlint.document import TEXT_KINDS, Document
from medlint.findings import Span

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
#: Month and year only ("March 2025"): the day is unknown.
_MONTH_YEAR = re.compile(rf"{_MONTH}\s+\d{{4}}", re.IGNORECASE)
_DATE = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}{_ORDINAL}\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}{_ORDINAL},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{4}})"
)
_FULL_DATE = re.compile(rf"\s*{_DATE}\s*", re.IGNORECASE)
#: Labels strong enough that what follows their colon must be a date.
_STRONG_LABEL = (
    r"last\s+(?:medically\s+)?(?:reviewed|updated|modified|revised)"
    r"|(?:medical\s+)?review\s+date|date\s+(?:last\s+)?reviewed"
)
#: Labels that may stand right before a date: "Last reviewed 12 January 2025",
#: "Medically reviewed on November 2, 2026".
_LABEL = (
    rf"(?:{_STRONG_LABEL}"
    r"|(?:medically\s+)?reviewed(?:\s+by\s+[^\s:;,][^:;\n]{0,60}?)?\s+on)"
    r"(?:\s+on)?\s*[:\-–]?"
)
#: The next review's due date, as a national health service's page footer
#: says it: "Next review due: 01 November 2026", "Review due: 2027-01-01".
_DEADLINE_LABEL = r"(?:next\s+)?review\s+(?:due|date\s+due)(?:\s+(?:on|by))?\s*[:\-–]?"
#: Bare "Updated" or "Reviewed" needs a colon or "on": in a reference list,
#: "Updated March 12, 2012." is the cited page's date, not this article's.
_WEAK_LABEL = r"(?:page\s+)?(?:reviewed|updated)(?:\s*:|\s+on\b:?)"
_LABELLED_DATE = re.compile(
    rf"\b(?:(?P<due>{_DEADLINE_LABEL})|(?P<label>{_LABEL}|{_WEAK_LABEL}))\s*(?P<date>{_DATE})(?!\w)",
    re.IGNORECASE,
)
#: A word every label above has: a block without one has no dated label.
_LABEL_WORDS = ("review", "updated", "modified", "revised")
_LABEL_HINT = re.compile("|".join(_LABEL_WORDS), re.IGNORECASE)
#: A strong label with a colon but no date after it: "Last updated: soon".
_LABELLED_OTHER = re.compile(
    rf"(?:^|[·|•]\s*)(?P<label>{_STRONG_LABEL})\s*:\s*"
    r"(?P<date>[^·|•\n]{1,40}?)\s*(?=$|[·|•]|\.\s)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateClaim:
    """A stated review date. ``earliest``/``latest`` bracket a date given only
    to the month; both are None when the value cannot be read."""

    where: str  # "front matter key 'last_reviewed'" or "'Last updated' in the text"
    raw: str
    span: Span
    earliest: dt.date | None
    latest: dt.date | None
    deadline: bool = False

    @property
    def readable(self) -> bool:
        return self.latest is not None


def review_date_claims(
    doc: Document, keys: Sequence[str], deadline_keys: Sequence[str], day_first: bool
) -> list[DateClaim]:
    """All review-date claims of the document, front matter first (cached)."""
    cache_key = ("review-dates", tuple(keys), tuple(deadline_keys), day_first)
    if cache_key not in doc.cache:
        claims = _front_matter_claims(doc, keys, deadline_keys, day_first)
        claims += _text_claims(doc, day_first)
        doc.cache[cache_key] = claims
    return doc.cache[cache_key]


def _front_matter_claims(
    doc: Document, keys: Sequence[str], deadline_keys: Sequence[str], day_first: bool
) -> list[DateClaim]:
    if not doc.front_matter:
        return []
    wanted = {normal_key(k): False for k in keys} | {normal_key(k): True for k in deadline_keys}
    claims = []
    for key, value in doc.front_matter.items():
        deadline = wanted.get(normal_key(str(key)))
        if deadline is None:
            continue
        earliest, latest = _value_dates(value, day_first)
        claims.append(
            DateClaim(
                doc.key_labels.get(key, f"front matter key '{key}'"),
                str(value) if value is not None else "",
                _key_span(doc, key),
                earliest,
                latest,
                deadline,
            )
        )
    return claims


def normal_key(key: str) -> str:
    """A front matter key as compared: ``last_reviewed``, ``last-reviewed``,
    ``lastReviewed`` and ``LastReviewed`` are one key."""
    return re.sub(r"[\s_\-]", "", key).casefold()


def _value_dates(value: object, day_first: bool) -> tuple[dt.date | None, dt.date | None]:
    if isinstance(value, dt.datetime):
        return value.date(), value.date()
    if isinstance(value, dt.date):
        return value, value
    if not isinstance(value, str):
        return None, None
    if _ISO.fullmatch(value.strip()):  # the common case, without importing dateutil
        return parse_date(value, day_first)
    from dateutil import parser as date_parser

    try:
        day = date_parser.isoparse(value.strip()).date()
        return day, day
    except (ValueError, OverflowError):
        pass
    if _FULL_DATE.fullmatch(value):
        return parse_date(value.strip(), day_first)
    return None, None


def _key_span(doc: Document, key: str) -> Span:
    if key in doc.key_spans:
        return doc.key_spans[key]
    first, last = doc.front_matter_lines or (1, 1)
    pattern = re.compile(rf"\s*['\"]?{re.escape(key)}['\"]?\s*:")
    for number in range(first + 1, last):
        line = doc.line_index.text(number)
        if pattern.match(line):
            return Span(number, 1, number, len(line.rstrip()))
    return Span.at(first)


def _text_claims(doc: Document, day_first: bool) -> list[DateClaim]:
    claims = []
    for block in doc.blocks:
        if block.kind not in TEXT_KINDS or not block.text or not _may_label(block.text):
            continue
        taken: list[tuple[int, int]] = []
        for match in _LABELLED_DATE.finditer(block.text):
            earliest, latest = parse_date(match["date"], day_first)
            claims.append(_text_claim(doc, block, match, earliest, latest))
            taken.append(match.span())
        for match in _LABELLED_OTHER.finditer(block.text):
            if not any(start <= match.start("label") < end for start, end in taken):
                claims.append(_text_claim(doc, block, match, None, None))
    return claims


def _may_label(text: str) -> bool:
    """Whether a text may hold a review label (``_LABEL_HINT``): by plain
    substrings of the lower-cased text where it is ASCII (far faster than a
    search that ignores case), else by the search."""
    if not text.isascii():
        return _LABEL_HINT.search(text) is not None
    lower = text.lower()
    return any(word in lower for word in _LABEL_WORDS)


def _text_claim(doc, block, match, earliest, latest) -> DateClaim:
    group = "due" if match.groupdict().get("due") else "label"
    label = " ".join(match[group].rstrip(":-– ").split())
    span = doc.span_of(block, match.start(group), match.end("date"))
    return DateClaim(
        f"'{label}' in the text", match["date"], span, earliest, latest, deadline=group == "due"
    )


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(text: str, day_first: bool) -> tuple[dt.date | None, dt.date | None]:
    """Read a date; a month-and-year date spans its whole month. Year-first
    dates are always year-month-day, whatever ``day_first`` says."""
    iso = _ISO.fullmatch(text.strip())
    if iso:
        try:
            day = dt.date(*map(int, iso.groups()))
        except ValueError:
            return None, None
        return day, day
    from dateutil import parser as date_parser

    try:
        parsed = date_parser.parse(text, dayfirst=day_first, default=dt.datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None, None
    day = parsed.date()
    if _MONTH_YEAR.fullmatch(text.strip()):
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    return day, day
