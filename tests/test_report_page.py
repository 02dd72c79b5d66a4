"""medlint report's index.html, as a content lead's browser shows it: a real
headless Chromium (the system's, driven by Playwright) opens the page from
disk, and the tests read what it shows, sort and filter as a person would,
and save a screenshot of each page (in $MEDLINT_SCREENSHOTS when set, else
beside the report). Without Playwright or a Chromium they skip, saying why;
CI installs both (.ci/run, the test extra)."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from test_report import TODAY, _report, _site

from conftest import EXAMPLES

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def _chromium() -> str | None:
    given = os.environ.get("MEDLINT_CHROMIUM")
    if given:
        return given
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install '.[test]')"
    )
    executable = _chromium()
    if executable is None:
        pytest.skip(
            "no Chromium on this machine (apt-get install chromium, or set MEDLINT_CHROMIUM)"
        )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


class Page:
    """A report opened in the browser, with every console error and
    uncaught exception it raised."""

    def __init__(self, browser, folder: Path):
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.set_default_timeout(5000)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto((folder / "index.html").resolve().as_uri())
        self.page.wait_for_load_state("load")
        self.folder = folder

    def texts(self, selector: str) -> list[str]:
        return self.page.locator(selector).all_inner_texts()

    def visible_rows(self, table: str) -> int:
        return self.page.locator(f"#{table} tbody tr:visible").count()

    def column(self, table: str, number: int) -> list[str]:
        return self.page.locator(
            f"#{table} tbody tr:visible td:nth-child({number})"
        ).all_inner_texts()

    def screenshot(self, name: str) -> Path:
        folder = Path(os.environ.get("MEDLINT_SCREENSHOTS") or self.folder)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{name}.png"
        self.page.evaluate("window.scrollTo(0, 0)")
        self.page.screenshot(path=str(target), full_page=True)
        return target


def _tile(page: Page, kind: str) -> int:
    return int(
        page.page.locator(f'li.tile[data-count="{kind}"] strong').inner_text().replace(",", "")
    )


def test_the_examples_page_shows_the_calendar_and_sorts(medlint, tmp_path, browser):
    out, report = _report(medlint, tmp_path, EXAMPLES)
    page = Page(browser, out)
    assert page.errors == []
    assert _tile(page, "overdue") == report["summary"]["overdue"] == 2
    assert _tile(page, "no-date") == 1
    assert page.visible_rows("articles") == len(report["articles"]) == 4
    assert page.page.locator("svg.chart").count() == 3  # calendar, grades, rules
    for svg in page.page.locator("svg.chart").all():  # each chart says what it shows
        labelled = svg.get_attribute("aria-labelledby").split()
        assert all(page.page.locator(f"#{i}").text_content().strip() for i in labelled)
    # Sorting by grade, hardest first, by keyboard: focus the heading's button, press Enter.
    grade = page.page.locator("#articles thead button", has_text="Grade")
    grade.focus()
    page.page.keyboard.press("Enter")
    page.page.keyboard.press("Enter")
    header = page.page.locator(
        "#articles thead th", has=page.page.locator("button", has_text="Grade")
    )
    assert header.get_attribute("aria-sort") == "descending"
    grades = [float(g) for g in page.column("articles", 6) if g]
    assert grades == sorted(grades, reverse=True) and len(grades) >= 2
    # Printed, the closed <details> (the charts' numbers) open, and close again after.
    page.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.page.locator("details:not([open])").count() == 0
    page.page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.page.locator("details:not([open])").count() == 2
    shot = page.screenshot("report-examples")
    assert shot.stat().st_size > 10_000
    assert page.errors == []


def test_a_site_of_300_articles_in_the_browser(medlint, tmp_path, browser):
    expected = _site(tmp_path / "site")
    out, report = _report(medlint, tmp_path, tmp_path / "site")
    page = Page(browser, out)
    assert page.errors == []
    # The calendar's counts, as the page shows them, against an independent tally.
    for status in ("overdue", "due-30", "due-90", "no-date"):
        assert _tile(page, status) == expected[status], status
    page.page.select_option("#articles-status", "overdue")
    assert page.visible_rows("articles") == expected["overdue"]
    assert set(page.column("articles", 2)) == {"Overdue"}
    count = page.page.locator("#articles-count").inner_text()
    assert count == f"{expected['overdue']} of 300 articles"
    page.page.select_option("#articles-status", "due-30")
    assert page.visible_rows("articles") == expected["due-30"]
    page.page.select_option("#articles-status", "")
    assert page.visible_rows("articles") == 300
    # The chart's own numbers (its table) add up to every article with a date.
    month_cells = page.page.locator("#calendar details table tbody td").all_text_contents()
    assert sum(int(c) for c in month_cells) == 300 - expected["no-date"]
    # Sorting by the review deadline: soonest first, then latest first.
    due = page.page.locator("#articles thead button", has_text="Review due")
    due.click()
    dates = [d.split("\n")[0] for d in page.column("articles", 3) if d.strip()]
    dues = sorted(a["due"] for a in report["articles"] if a["due"])
    assert dates[: len(dues)] == dues
    due.click()
    dates = [d.split("\n")[0] for d in page.column("articles", 3)]
    assert dates == dues[::-1] + [""] * expected["no-date"]  # no date: last either way
    # A query matches within a cell, never across two ("a004.md" then "No review date").
    page.page.fill("#articles-filter", "Article 4")
    assert page.visible_rows("articles") >= 1
    page.page.fill("#articles-filter", ".mdno review")
    assert page.visible_rows("articles") == 0
    page.page.fill("#articles-filter", "")
    # The findings of one article, from its row's count of warnings.
    with_warnings = next(a for a in report["articles"] if a["warnings"])
    name = with_warnings["path"].rsplit("/", 1)[-1]  # the page names articles from their folder
    row = page.page.locator("#articles tbody tr", has=page.page.locator(".path", has_text=name))
    link = row.locator('a.show-findings[data-severity="warning"]')
    assert link.inner_text() == str(with_warnings["warnings"])
    link.click()
    shown = page.column("findings-table", 1)
    assert shown and set(shown) == {name}
    assert len(shown) == with_warnings["warnings"]
    page.page.click("#findings-clear")
    total = sum(len(a["findings"]) for a in report["articles"])
    assert f"of {total}" in page.page.locator("#findings-count").inner_text()
    assert page.visible_rows("findings-table") == min(total, 100)
    # Sorting the findings by severity puts the errors first.
    page.page.locator("#findings-table thead button", has_text="Severity").click()
    severities = page.column("findings-table", 4)
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    # The copies: the group whose dose differs comes first, and opens.
    first = page.page.locator("#copies details.cluster").first
    assert "numbers differ" in first.inner_text() and first.get_attribute("open") is not None
    shot = page.screenshot("report-300-articles")
    assert shot.stat().st_size > 50_000
    assert page.errors == []


def test_a_trend_against_an_earlier_report(medlint, tmp_path, browser):
    _site(tmp_path / "site")
    earlier, before = _report(medlint, tmp_path / "then", tmp_path / "site")
    (tmp_path / "site" / "a007.md").write_text("# Seven\n\nClick here for more.\n")
    out, now = _report(
        medlint, tmp_path / "now", tmp_path / "site", extra=("--compare", earlier / "report.json")
    )
    page = Page(browser, out)
    assert page.errors == []
    rows = page.page.locator("#trend tbody tr").all_inner_texts()
    warnings = next(r for r in rows if r.startswith("Warnings")).split("\t")
    assert warnings[1:3] == [str(before["summary"]["warnings"]), str(now["summary"]["warnings"])]
    assert page.page.locator("#trend svg.chart").count() == 1


def test_the_page_is_one_file_that_fetches_nothing(medlint, tmp_path):
    out, report = _report(medlint, tmp_path, EXAMPLES)
    text = (out / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", text)  # no network
    assert "<link" not in text and "@import" not in text
    assert not re.search(r"<script[^>]+src=", text)
    data = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', text)
    findings = json.loads(data.group(1))
    assert len(findings["findings"]) == sum(len(a["findings"]) for a in report["articles"])
    assert "</" not in data.group(1)  # the data cannot close its element


def test_without_matplotlib_the_page_has_every_number(tmp_path):
    from medlint.report import dashboard

    report = json.loads(_examples_report(tmp_path))
    page = dashboard.render(report, str(tmp_path), draw=False)
    assert "<svg" not in page and "medlint-content[report]" in page
    assert "<details open><summary>The chart's numbers" in page


def test_a_bad_compare_file_is_one_line(medlint, tmp_path):
    (tmp_path / "old.json").write_text("[1, 2]")
    for given in (tmp_path / "old.json", tmp_path / "absent.json"):
        run = medlint("report", "--no-cache", "--today", TODAY.isoformat(), "--output",
                      str(tmp_path / "out"), "--compare", str(given), str(EXAMPLES))  # fmt: skip
        assert run.code == 2 and len(run.err.strip().splitlines()) == 1, run.err
        assert "--compare" in run.err and "Traceback" not in run.err
    assert not (tmp_path / "out").exists()  # nothing written


def _examples_report(tmp_path: Path) -> str:
    from medlint.cli import main

    out = tmp_path / "r"
    code = main(["report", "--no-cache", "--today", TODAY.isoformat(), "-q", "--output",
                 str(out), str(EXAMPLES)])  # fmt: skip
    assert code == 0
    return (out / "report.json").read_text(encoding="utf-8")


def test_the_calendar_buckets_say_how_long_overdue():
    from medlint.report import charts

    def article(due, status):
        return {"due": due, "status": status}

    report = {
        "today": "2026-11-24",
        "articles": [
            article("2026-11-30", "due-30"),  # this month
            article("2026-11-02", "overdue"),  # this month, passed
            article("2025-11-01", "overdue"),  # the first month shown
            article("2025-10-31", "overdue"),  # a year and a month ago
            article("2024-05-01", "overdue"),  # two and a half years ago
            article("2020-01-01", "overdue"),
            article("2027-11-30", "fine"),  # the last month shown
            article("2031-01-01", "fine"),
            article(None, "no-date"),
        ],
    }
    labels, counts = charts.calendar_buckets(report)
    at = {label: n for n, label in enumerate(labels)}
    assert counts["due-30"][at["Nov 2026"]] == 1 and counts["overdue"][at["Nov 2026"]] == 1
    assert counts["overdue"][at["Nov 2025"]] == 1
    assert counts["overdue"][at["1 to 2 years ago"]] == 1
    assert counts["overdue"][at["2 to 3 years ago"]] == 1
    assert counts["overdue"][at["due 3+ years ago"]] == 1
    assert counts["fine"][at["Nov 2027"]] == 1 and counts["fine"][at["after Nov 2027"]] == 1
    assert sum(sum(c) for c in counts.values()) == 8  # every article with a date, once


COPIES = EXAMPLES.parent / "tests" / "fixtures" / "copied-paragraph"


def _copies_site(folder: Path, names: dict[str, str]) -> Path:
    """The copied-paragraph fixtures (a pasted paragraph, a dose that
    differs), each article under the name ``names`` gives it."""
    folder.mkdir(parents=True)
    for case in ("flag-pasted-paragraph", "flag-dose-differs"):
        for article in (COPIES / case).iterdir():
            shutil.copy(article, folder / names.get(article.name, article.name))
    return folder


def test_the_report_folder_inside_the_site_is_not_an_article(medlint, tmp_path, monkeypatch):
    site = _copies_site(tmp_path / "site", {})
    monkeypatch.chdir(site)
    for _ in range(2):
        run = medlint("report", "--no-cache", "--today", TODAY.isoformat(), "--output", "out", ".")
        assert run.code == 0, run.err
        report = json.loads((site / "out" / "report.json").read_text(encoding="utf-8"))
        assert sorted(a["path"] for a in report["articles"]) == sorted(
            p.name for p in site.glob("*.md")
        )
    check = medlint("check", "--no-cache", "--today", TODAY.isoformat(), ".")
    assert "out/" not in check.out and "index.html" not in check.out


def test_paths_with_parentheses_make_one_group_of_copies(medlint, tmp_path):
    names = {"asthma.md": "asthma (adult).md", "copd.md": "copd, (adult) 2.md"}
    out, report = _report(medlint, tmp_path, _copies_site(tmp_path / "site", names))
    groups = [sorted(p.rsplit("/", 1)[-1] for p in g["articles"]) for g in report["clusters"]]
    assert sorted(groups) == [
        ["asthma (adult).md", "copd, (adult) 2.md"],
        ["back-pain.md", "ibuprofen.md"],
    ]
    assert report["clusters"][0]["dose"] is True  # the dose that differs comes first


def test_links_are_made_from_the_real_file_names(medlint, tmp_path):
    from urllib.parse import unquote_to_bytes

    odd = ["tab\there.md", "bidi\u202eevil.md", "space #1?.md", os.fsdecode(b"caf\xe9.md")]
    site = tmp_path / "site"
    site.mkdir()
    for name in odd:
        (site / name).write_text("# Odd\n\nRest and drink fluids.\n", encoding="utf-8")
    out, report = _report(medlint, tmp_path, site)
    assert len(report["articles"]) == 4  # (a name that is not UTF-8 used to stop the report)
    page = (out / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="report-data">(.*?)</script>', page).group(1))
    for kept in data["articles"]:
        shown, relative, _ = (
            [kept, data["prefixes"][0] + kept, None] if isinstance(kept, str) else kept
        )
        target = out / os.fsdecode(unquote_to_bytes(relative))
        assert target.is_file(), (shown, relative)


def test_the_readability_text_alternative_agrees_with_the_page(tmp_path):
    from medlint.report import charts, dashboard

    report = json.loads(_examples_report(tmp_path))
    for article in report["articles"]:
        article["grade"] = 8.6  # above a target of 8, in the bin a truncating chart calls 8
    page = dashboard.render(report, str(tmp_path), draw=charts.available())
    assert "4 articles long enough to score; 4 read above the target" in page
    if charts.available():
        assert "4 read above their target, 0 at or below it" in page


def test_compare_refuses_a_summary_that_is_not_counts(medlint, tmp_path):
    old = tmp_path / "old.json"
    old.write_text(
        json.dumps({"tool": "medlint", "today": "2026-01-01", "summary": {"errors": "3"}})
    )
    run = medlint("report", "--no-cache", "--today", TODAY.isoformat(), "--output",
                  str(tmp_path / "out"), "--compare", str(old), str(EXAMPLES))  # fmt: skip
    assert run.code == 2 and "is not a report.json" in run.err and len(run.err.splitlines()) == 1
    old.write_text(json.dumps({"tool": "medlint", "today": "2026-01-01", "summary": {"errors": 3}}))
    out, _ = _report(medlint, tmp_path, EXAMPLES, extra=("--compare", str(old)))
    page = (out / "index.html").read_text(encoding="utf-8")
    trend = page[page.index('id="trend"') :]
    assert '<th scope="row">Warnings</th><td>not known</td>' in trend  # missing: not 0
    assert '<th scope="row">Errors</th><td>3</td><td>10</td><td>+7</td>' in trend
