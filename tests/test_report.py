"""medlint report: the site as data (report.json), and its review calendar
as CSV and iCalendar, as a content lead's spreadsheet and calendar read them."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random

import icalendar

from conftest import EXAMPLES

TODAY = dt.date(2026, 11, 24)


def _report(medlint, tmp_path, *paths, extra=()):
    out = tmp_path / "report"
    run = medlint("report", "--no-cache", "--today", TODAY.isoformat(), "--output", str(out),
                  *extra, *map(str, paths))  # fmt: skip
    assert run.code == 0, run.err
    return out, json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_the_examples_report(medlint, tmp_path):
    out, report = _report(medlint, tmp_path, EXAMPLES)
    by_name = {a["path"].rsplit("/", 1)[-1]: a for a in report["articles"]}
    assert by_name["seasonal-flu.md"]["status"] == "fine"
    assert by_name["seasonal-flu.md"]["reviewer"].startswith("Dr. Maya Okafor")
    assert by_name["iron-deficiency-anemia.md"]["status"] == "overdue"
    assert by_name["iron-deficiency-anemia.md"]["days"] == -502  # due 2025-07-10
    assert by_name["missing-review-date.md"]["status"] == "no-date"
    assert by_name["iron-deficiency-anemia.md"]["grade"] > report["target_grade"]
    assert by_name["iron-deficiency-anemia.md"]["hardest"]["line"] == 28
    assert report["summary"]["overdue"] == 2 and report["summary"]["no-date"] == 1
    assert report["rules"]["long-sentence"] == sum(
        f["rule"] == "long-sentence" for a in report["articles"] for f in a["findings"]
    )


def _site(folder, count=300, seed=5):
    """Articles reviewed over five years, some with a next-review date, some
    with none, and a paragraph copied into a few (one with another dose)."""
    rng = random.Random(seed)
    folder.mkdir()
    shared = (
        "Adults can take 400 mg of ibuprofen every 6 hours with food, and no more than "
        "1,200 mg in a day unless a doctor says so."
    )
    expected = {"overdue": 0, "due-30": 0, "due-90": 0, "fine": 0, "no-date": 0}
    for n in range(count):
        kind = rng.random()
        front = ""
        if kind < 0.1:
            status = "no-date"
        else:
            reviewed = TODAY - dt.timedelta(days=rng.randint(0, 5 * 365))
            front = f"last_reviewed: {reviewed.isoformat()}\n"
            due = reviewed + dt.timedelta(days=180)
            if kind < 0.3:
                due = TODAY + dt.timedelta(days=rng.randint(-400, 400))
                front += f"next_review: {due.isoformat()}\n"
            days = (due - TODAY).days
            status = (
                "overdue"
                if days < 0
                else "due-30"
                if days <= 30
                else "due-90"
                if days <= 90
                else "fine"
            )
        expected[status] += 1
        body = f"# Article {n}\n\nRest and drink fluids until you feel better, article {n}.\n"
        if n % 50 == 0:
            body += "\n" + (shared.replace("400 mg", "800 mg") if n == 100 else shared) + "\n"
        (folder / f"a{n:03}.md").write_text(f"---\ntitle: Article {n}\n{front}---\n\n{body}")
    return expected


def test_a_site_of_300_articles_gives_the_right_calendar(medlint, tmp_path):
    expected = _site(tmp_path / "site")
    out, report = _report(medlint, tmp_path, tmp_path / "site")
    assert {k: report["summary"][k] for k in expected} == expected
    assert len(report["articles"]) == 300
    # The CSV: the same rows as the report's articles, soonest due first.
    with open(out / "reviews.csv", newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert sorted(r["path"] for r in rows) == sorted(a["path"] for a in report["articles"])
    dues = [r["due"] for r in rows if r["due"]]
    assert dues == sorted(dues)
    by_path = {a["path"]: a for a in report["articles"]}
    assert all(r["status"] == by_path[r["path"]]["status"] for r in rows)
    # The calendar: one event a due review, each with its date.
    calendar = icalendar.Calendar.from_ical((out / "reviews.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 300 - expected["no-date"]
    first = min(events, key=lambda e: e.decoded("DTSTART"))
    assert first.decoded("DTSTART").isoformat() == min(dues)
    assert str(first["SUMMARY"]).startswith("Review due: Article ")
    assert len({str(e["UID"]) for e in events}) == len(events)
    # Copies: the one whose dose differs first.
    assert report["copies"] and report["copies"][0]["dose"] is True


def test_the_calendar_is_stable_and_its_lines_fold(medlint, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    title = (
        "A very long title about iron-deficiency anaemia, its causes; its care — and its follow-up"
    )
    (site / "a.md").write_text(
        f"---\ntitle: {title}\nlast_reviewed: 2026-01-01\n---\n\n# A\n\nText.\n"
    )
    out, _ = _report(medlint, tmp_path, site)
    raw = (out / "reviews.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Review due: {title}"
    uid = str(event["UID"])
    again, _ = _report(
        medlint, tmp_path / "again" if (tmp_path / "again").mkdir() is None else tmp_path, site
    )
    (event,) = icalendar.Calendar.from_ical((again / "reviews.ics").read_bytes()).walk("VEVENT")
    assert str(event["UID"]) == uid


def test_check_and_rules_do_not_know_the_reports_facts(medlint):
    assert "article-facts" not in medlint("rules").out
    assert (
        "article-facts" not in medlint("check", "--no-cache", "--format", "json", str(EXAMPLES)).out
    )


def test_a_bad_output_folder_is_one_line(medlint, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    run = medlint("report", "--no-cache", "--output", str(blocker / "sub"), str(EXAMPLES))
    assert run.code == 2 and "cannot write the report" in run.err and run.err.count("\n") == 1


# Found in review: each of these once went wrong.


def _article(folder, name, front, body="# A\n\nText.\n"):
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")


def test_each_article_is_dated_by_its_own_config_and_without_the_date_rules(
    medlint, tmp_path, monkeypatch
):
    site = tmp_path / "site"
    _article(site, "top.md", "title: Top\nlast_reviewed: 2026-01-01\n")
    _article(site, "sub/sub.md", "title: Sub\nlast_reviewed: 2026-01-01\n")
    (site / "sub" / "medlint.yaml").write_text(
        "rules:\n  stale-review-date:\n    max-age-days: 365\n"
    )
    _, report = _report(medlint, tmp_path, site)
    due = {a["title"]: a["due"] for a in report["articles"]}
    assert due == {"Top": "2026-06-30", "Sub": "2027-01-01"}
    (tmp_path / "again").mkdir()
    _, ignored = _report(medlint, tmp_path / "again", site, extra=("--ignore", "stale-review-date"))
    assert {a["title"]: a["due"] for a in ignored["articles"]} == due


def test_a_review_given_to_the_month_counts_in_that_month(medlint, tmp_path):
    site = tmp_path / "site"
    _article(site, "a.md", f"last_reviewed: {TODAY.strftime('%B %Y')}\n")
    _, report = _report(medlint, tmp_path, site)
    (article,) = report["articles"]
    assert article["status"] == "fine" and article["last_reviewed"] is not None


def test_an_explicit_day_first_false_holds_in_british_english(medlint, tmp_path):
    site = tmp_path / "site"
    _article(site, "a.md", "last_reviewed: 01/02/2026\n")
    (site / "medlint.yaml").write_text(
        "language: en-GB\nrules:\n  stale-review-date:\n    day-first: false\n"
    )
    _, report = _report(medlint, tmp_path, site)
    assert report["articles"][0]["last_reviewed"] == "2026-01-02"


def test_calendar_uids_do_not_depend_on_how_the_path_was_named(medlint, tmp_path, monkeypatch):
    site = tmp_path / "site"
    _article(site, "a.md", "last_reviewed: 2026-01-01\n")
    uids = []
    for n, (where, path) in enumerate(((tmp_path, "site"), (site, "."), (tmp_path, str(site)))):
        monkeypatch.chdir(where)
        out = tmp_path / f"out{n}"
        assert medlint("report", "--no-cache", "--output", str(out), path).code == 0
        (event,) = icalendar.Calendar.from_ical((out / "reviews.ics").read_bytes()).walk("VEVENT")
        uids.append(str(event["UID"]))
    assert len(set(uids)) == 1


def test_reviewers_given_as_mappings_and_formula_text_in_the_csv(medlint, tmp_path):
    site = tmp_path / "site"
    _article(
        site,
        "a.md",
        'title: \'=HYPERLINK("http://x.example","click")\'\nlast_reviewed: 2026-01-01\n'
        "reviewed_by: [{name: Dr One, credentials: MD}, {name: Dr Two}]\n",
    )
    out, report = _report(medlint, tmp_path, site)
    assert report["articles"][0]["reviewer"] == "Dr One, Dr Two"
    with open(out / "reviews.csv", newline="", encoding="utf-8") as file:
        (row,) = csv.DictReader(file)
    assert row["title"].startswith("'=HYPERLINK")  # not run as a formula by a spreadsheet


def test_an_empty_output_is_refused(medlint, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = medlint("report", "--no-cache", "--output", "", str(EXAMPLES))
    assert run.code == 2 and not (tmp_path / "report.json").exists()
