"""Reading review dates: the formats editors write, and the ambiguous ones."""

import datetime as dt
import json

import pytest

from medlint.parsing import load_document
from medlint.review_dates import parse_date, review_date_claims

from conftest import CORPUS, TODAY, needs_corpus, python_in

KEYS = ["last_reviewed", "updated", "lastReviewed", "dateModified"]
DEADLINES = ["next_review"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-04-07", dt.date(2026, 4, 7)),
        ("12 January 2025", dt.date(2025, 1, 12)),
        ("November 2, 2026", dt.date(2026, 11, 2)),
        ("Nov. 2nd, 2026", dt.date(2026, 11, 2)),
        ("3rd March 2026", dt.date(2026, 3, 3)),
        ("04/07/2026", dt.date(2026, 4, 7)),
    ],
)
def test_formats(text, expected):
    assert parse_date(text, day_first=False) == (expected, expected)


def test_day_first_reads_ambiguous_dates_the_other_way():
    assert parse_date("04/07/2026", day_first=True)[0] == dt.date(2026, 7, 4)


def test_month_and_year_spans_the_month():
    assert parse_date("June 2026", False) == (dt.date(2026, 6, 1), dt.date(2026, 6, 30))


@pytest.mark.parametrize("text", ["31/02/2026", "2026-13-01", "Feb 30, 2026"])
def test_impossible_dates_are_unreadable(text):
    assert parse_date(text, day_first=True) == (None, None)


def claims(source: str, name: str = "a.md"):
    doc = load_document(name, source.encode())
    return review_date_claims(doc, KEYS, DEADLINES, day_first=False)


def test_a_quoted_iso_date_reads_as_the_same_date_unquoted():
    found = claims("---\nlast_reviewed: \"2026-04-07\"\nupdated: '2024-02-30'\n---\n")
    assert [(c.where, c.latest) for c in found] == [
        ("front matter key 'last_reviewed'", dt.date(2026, 4, 7)),
        ("front matter key 'updated'", None),  # quoted or not, no 30 February
    ]


def test_a_quoted_iso_date_is_read_without_dateutil(tmp_path):
    article = tmp_path / "a.md"
    article.write_text('---\nlast_reviewed: "2026-04-07"\n---\n# A\n\nText.\n', encoding="utf-8")
    code = (
        "import sys; from medlint.cli import main; "
        f"main(['check', '--no-cache', '--today', '2026-05-01', {str(article)!r}]); "
        "print('dateutil' in sys.modules)"
    )
    run = python_in(tmp_path, code)
    assert "missing-review-date" not in run.stdout, run.stdout
    assert run.stdout.strip().splitlines()[-1] == "False", run.stderr


def test_front_matter_values_of_every_shape():
    found = claims(
        "---\nlast_reviewed: 2026-04-07\nupdated: 'March 3, 2026'\n"
        "lastReviewed: 2026-05-01T10:00:00Z\ndateModified: 42\nnext_review: 2027-01-01\n---\n"
    )
    assert [(c.where, c.latest) for c in found] == [
        ("front matter key 'last_reviewed'", dt.date(2026, 4, 7)),
        ("front matter key 'updated'", dt.date(2026, 3, 3)),
        ("front matter key 'lastReviewed'", dt.date(2026, 5, 1)),
        ("front matter key 'dateModified'", None),
        ("front matter key 'next_review'", dt.date(2027, 1, 1)),
    ]
    assert [c.span.line for c in found] == [2, 3, 4, 5, 6]
    assert found[-1].deadline


@pytest.mark.parametrize(
    "line",
    [
        "Last updated: 2026-04-07",
        "Last reviewed 7 April 2026",
        "Medically reviewed on April 7, 2026",
        "Medically reviewed by Dr. A. Jones on 2026-04-07",
        "Updated: 04/07/2026",
        "Page reviewed on: 2026-04-07",
        "Review date: 2026-04-07",
    ],
)
def test_text_labels(line):
    found = claims(f"Intro text.\n\n{line}\n", "a.txt")
    assert [(c.latest, c.span.line) for c in found] == [(dt.date(2026, 4, 7), 3)]


@pytest.mark.parametrize(
    "line",
    [
        "Smith J. Thyroid disease. Updated March 12, 2012. Accessed April 10, 2012.",
        "The trial reviewed 2,000 patients between 2019 and 2021.",
        "Guidelines were updated in 2020.",
        "```\nLast updated: 2020-01-01\n```",
    ],
)
def test_not_review_dates(line):
    assert claims(f"Intro text.\n\n{line}\n") == []


def test_a_labelled_value_that_is_not_a_date_is_kept_as_unreadable():
    found = claims("Guide · Last reviewed: soon · Print\n", "a.txt")
    assert [(c.raw, c.readable) for c in found] == [("soon", False)]


def test_today_is_fixed_for_the_tests():
    assert TODAY == "2026-11-24"


@needs_corpus
def test_every_vagov_page_with_a_past_lastupdate_is_stale(medlint):
    """VA.gov pages date themselves with `lastupdate:`: a page with a past one
    is stale (or its empty value invalid), never "missing"."""
    pages = CORPUS / "vagov" / "pages"
    dated = {}
    for page in pages.rglob("*.md"):
        for line in page.read_text(encoding="utf-8").splitlines()[:40]:
            if line.startswith("lastupdate:"):
                dated[str(page)] = line.split(":", 1)[1].strip()
    assert len(dated) >= 40
    run = medlint(
        "check",
        "--today",
        TODAY,
        "--select",
        "stale-review-date,missing-review-date,invalid-review-date",
        "--format",
        "json",
        pages,
    )
    rules = {}
    for finding in json.loads(run.out)["findings"]:
        rules.setdefault(finding["path"], set()).add(finding["rule"])
    for page, value in dated.items():
        expected = "stale-review-date" if value else "invalid-review-date"
        assert rules.get(page) == {expected}, (page, value, rules.get(page))


@pytest.mark.parametrize(
    "key", ["last_reviewed", "last-reviewed", "lastReviewed", "LastReviewed", "dateReviewed"]
)
def test_key_spellings_are_one_key(key):
    doc = load_document("a.md", f"---\n{key}: 2026-01-02\n---\n\nText.\n".encode())
    [claim] = review_date_claims(doc, ["last_reviewed", "date_reviewed"], [], False)
    assert claim.latest == dt.date(2026, 1, 2) and key in claim.where
