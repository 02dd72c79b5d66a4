"""``index.html``: the report as a page a content lead opens every Monday.

One self-contained file (its CSS, script and charts inline, nothing fetched
when it is viewed), so that it opens from a laptop's disk and can be
attached to an e-mail. It reads ``report.json``'s data (``site.build``):

- the review calendar: reviews due by month (a chart) and every article in
  a table, sortable and filterable, with its status, deadline and reviewer;
- readability: the grades against the target (a histogram) and the 20
  hardest articles with their hardest paragraph;
- findings: per rule (a chart and a table), and every finding in a table
  filtered by article, rule and severity, whose links open the article (a
  relative link) or the editor at the line (``vscode://``);
- copied content: the groups of articles that share paragraphs, those whose
  numbers differ first;
- the trend, given an earlier report: findings and overdue reviews then and now.

Accessible: the charts have text alternatives (``charts``) and their
numbers in tables; the tables sort with buttons (keyboard, ``aria-sort``);
the page reads in print (no controls, every table row that is shown). The
two large tables (every article, every finding) are drawn by the page's
script from its data, JSON a third the size of their rows as HTML: 5,486
articles make a page of about 3 MB. Without the script, the summary, the
charts with their numbers, the hardest articles and the copies still read.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from medlint.report import charts
from medlint.report.site import named_paths

#: Findings shown a page in the findings table (all are in the page's data).
PAGE_ROWS = 100
HARDEST = 20
STATUS_TEXT = {
    "overdue": "Overdue",
    "due-30": "Due within 30 days",
    "due-90": "Due within 90 days",
    "fine": "Due later",
    "no-date": "No review date",
}


def render(
    report: dict[str, Any],
    output: str,
    previous: dict[str, Any] | None = None,
    draw: bool | None = None,
    files: dict[str, str] | None = None,
) -> str:
    """The page. ``output`` is the folder it is written to (links to the
    articles are relative to it); ``previous`` an earlier report.json for the
    trend; ``draw`` whether to draw the charts (default: when matplotlib is
    installed); ``files`` the real path of each article by the path the
    report shows (escaped: ``path_text``), for the links."""
    draw = charts.available() if draw is None else draw
    files = files or {}
    base = _common_folder([a["path"] for a in report["articles"]])
    links = {
        a["path"]: _links(files.get(a["path"], a["path"]), a["path"], output, base)
        for a in report["articles"]
    }
    sections = [
        _summary(report),
        _calendar(report, links, draw),
        _readability(report, links, draw),
        _findings(report, draw),
        _copies(report, links),
    ]
    if previous is not None:
        sections.append(_trend(previous, report, draw))
    data = _findings_data(report, links)
    nav = "".join(
        f'<li><a href="#{anchor}">{name}</a></li>'
        for anchor, name in (
            ("calendar", "Review calendar"),
            ("readability", "Readability"),
            ("findings", "Findings"),
            ("copies", "Copied content"),
            *((("trend", "Trend"),) if previous is not None else ()),
        )
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>medlint report, {_e(report['today'])}</title>\n"
        f"<style>{_asset('dashboard.css')}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the report</a>\n'
        f"<header><h1>Content report</h1><p>{report['summary']['articles']} articles, on "
        f"{_e(report['today'])}; medlint {_e(report['version'])}. The data: "
        '<a href="report.json">report.json</a>; the review calendar: '
        '<a href="reviews.csv">reviews.csv</a> (a spreadsheet), '
        '<a href="reviews.ics">reviews.ics</a> (a calendar to import).'
        + (f" Articles are named from <code>{_e(base)}</code>." if base else "")
        + "</p>"
        f'<nav aria-label="Sections"><ul>{nav}</ul></nav></header>\n'
        f'<main id="main">\n{"".join(sections)}</main>\n'
        f'<script type="application/json" id="report-data">{_script_json(data)}</script>\n'
        f"<script>{_asset('dashboard.js')}</script>\n</body>\n</html>\n"
    )


def _asset(name: str) -> str:
    """The page's stylesheet or script, which live beside this module."""
    return (Path(__file__).parent / name).read_text(encoding="utf-8")


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _script_json(value: Any) -> str:
    """JSON that cannot end its <script> element early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _common_folder(paths: list[str]) -> str:
    """The folder every article is in ("" when none is common): the page
    names the articles from it, and says so once."""
    folders = [os.path.dirname(path) for path in paths]
    if not folders:
        return ""
    try:
        common = os.path.commonpath(folders)
    except ValueError:  # absolute and relative, or other drives
        return ""
    return "" if common in ("", "/", ".") else common


def _links(file: str, path: str, output: str, base: str) -> tuple[str, str, str]:
    """(relative link to the article from the report's folder, vscode://
    link, its path as the page shows it: from ``base``). ``file`` is the real
    path (the links' bytes, quoted), ``path`` as the report shows it."""
    absolute = os.path.abspath(file)
    try:
        relative = os.path.relpath(absolute, os.path.abspath(output))
    except ValueError:  # another drive
        relative = absolute
    posix = absolute.replace(os.sep, "/")
    editor = "vscode://file" + _quote(posix if posix.startswith("/") else "/" + posix)
    shown = os.path.relpath(path, base) if base else path
    return _quote(relative.replace(os.sep, "/")), editor, shown


def _quote(path: str) -> str:
    """A path as a URL's path: its bytes (a name that is not UTF-8 too), quoted."""
    return quote(os.fsencode(path))


def _chart(draw: bool, make, *args) -> str:
    if not draw:
        return (
            '<p class="note">The charts need matplotlib: install '
            "<code>medlint-content[report]</code>. Their numbers are in the tables.</p>"
        )
    return f'<figure class="chart">{make(*args)}</figure>'


def _table(caption: str, headers: list[tuple[str, str]], rows: list[str], **attributes) -> str:
    """A table whose columns sort: headers are (text, "num" or "text")."""
    extra = "".join(f' {k.replace("_", "-")}="{_e(v)}"' for k, v in attributes.items())
    head = "".join(
        f'<th scope="col"><button type="button" data-type="{kind}">{_e(text)}'
        '<span class="arrow" aria-hidden="true"></span></button></th>'
        for text, kind in headers
    )
    return (
        f'<table class="sortable"{extra}><caption>{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _opening(anchor: str, title: str) -> str:
    return f'<section id="{anchor}" aria-labelledby="{anchor}-h"><h2 id="{anchor}-h">{title}</h2>'


def _section(anchor: str, title: str, body: str) -> str:
    return f"{_opening(anchor, title)}{body}</section>\n"


def _summary(report: dict[str, Any]) -> str:
    s = report["summary"]
    tiles = [
        ("overdue", s["overdue"], "overdue for review"),
        ("due-30", s["due-30"], "due within 30 days"),
        ("due-90", s["due-90"], "due within 90 days"),
        ("no-date", s["no-date"], "without a review date"),
        ("error", s["errors"], "errors"),
        ("warning", s["warnings"], "warnings"),
    ]
    items = "".join(
        f'<li class="tile {kind}" data-count="{kind}"><strong>{count:,}</strong> {label}</li>'
        for kind, count, label in tiles
    )
    return _section("summary", "At a glance", f'<ul class="tiles">{items}</ul>')


def _article_cell(article: dict[str, Any], links: dict[str, tuple[str, str]]) -> str:
    relative, _, shown = links[article["path"]]
    title = article["title"] or shown
    return f'<td><a href="{relative}">{_e(title)}</a><br><span class="path">{_e(shown)}</span></td>'


def _calendar(report: dict[str, Any], links: dict, draw: bool) -> str:
    labels, counts = charts.calendar_buckets(report)
    month_rows = "".join(
        f'<tr><th scope="row">{_e(label)}</th>'
        + "".join(f"<td>{counts[s][n]}</td>" for s in charts.STATUS_COLOURS)
        + "</tr>"
        for n, label in enumerate(labels)
        if any(counts[s][n] for s in charts.STATUS_COLOURS)
    )
    month_table = (
        f"<details{'' if draw else ' open'}><summary>The chart's numbers</summary>"
        "<table><caption>Articles by the month their review falls due</caption><thead><tr>"
        '<th scope="col">Month</th>'
        + "".join(f'<th scope="col">{_e(n)}</th>' for n in charts.STATUS_NAMES.values())
        + f"</tr></thead><tbody>{month_rows}</tbody></table></details>"
    )
    options = "".join(
        f'<option value="{status}">{text} ({report["summary"][status]})</option>'
        for status, text in STATUS_TEXT.items()
    )
    table = _table(
        "Every article by its review deadline (select a column's heading to sort)",
        [
            ("Article", "text"),
            ("Status", "num"),
            ("Review due", "text"),
            ("Last reviewed", "text"),
            ("Reviewer", "text"),
            ("Grade", "num"),
            ("Errors", "num"),
            ("Warnings", "num"),
        ],
        [],  # drawn by the script from the page's data (#report-data): a site's
        id="articles",  # thousands of rows take a third of the bytes as JSON
    )
    return (
        _opening("calendar", "Review calendar")
        + f"<p>Each article is due for clinical review on its next-review date, or "
        f"{report['review_cycle_days']} days after its last review.</p>"
        + (
            _chart(draw, charts.calendar_chart, report)
            if any(a["due"] for a in report["articles"])
            else "<p>No article gives a review date: there is no calendar to draw.</p>"
        )
        + month_table
        + '<div class="controls" role="search" aria-label="Filter the articles">'
        '<label>Find <input type="search" id="articles-filter" '
        'placeholder="title, path or reviewer"></label> '
        '<label>Status <select id="articles-status"><option value="">all</option>'
        f"{options}</select></label> "
        f'<span id="articles-count" aria-live="polite">{len(report["articles"])} articles'
        f"</span></div>{table}<noscript><p>The table needs the page's script: the same "
        'rows are in <a href="reviews.csv">reviews.csv</a>.</p></noscript></section>\n'
    )


def _readability(report: dict[str, Any], links: dict, draw: bool) -> str:
    labels, counts = charts.grade_bins(report)
    bins = "".join(
        f'<tr><th scope="row">{_e(label)}</th><td>{count}</td></tr>'
        for label, count in zip(labels, counts, strict=True)
        if count
    )
    bin_table = (
        f"<details{'' if draw else ' open'}><summary>The chart's numbers</summary>"
        '<table><caption>Articles by reading grade</caption><thead><tr><th scope="col">Grade</th>'
        f'<th scope="col">Articles</th></tr></thead><tbody>{bins}</tbody></table></details>'
    )
    scored = [a for a in report["articles"] if a["grade"] is not None]
    hardest = sorted(scored, key=lambda a: (-a["grade"], a["path"]))[:HARDEST]
    rows = []
    for article in hardest:
        paragraph = article["hardest"] or {}
        _, editor, _ = links[article["path"]]
        line = paragraph.get("line")
        place = f'<a href="{editor}:{line}">line {line}</a>, ' if line else ""
        rows.append(
            "<tr>"
            + _article_cell(article, links)
            + f'<td data-v="{article["grade"]}">{article["grade"]}</td>'
            f'<td data-v="{article["words"]}">{article["words"]}</td>'
            f"<td>{place}grade {_e(paragraph.get('grade', ''))}: "
            f"<q>{_e(paragraph.get('text', ''))}</q></td></tr>"
        )
    table = _table(
        f"The {len(rows)} hardest articles to read",
        [("Article", "text"), ("Grade", "num"), ("Words", "num"), ("Hardest paragraph", "text")],
        rows,
    )
    _, above = charts.above_target(report)
    return (
        _opening("readability", "Readability")
        + f"<p>{len(scored)} articles long enough to score; {above} read above the target of "
        f"grade {report['target_grade']:g}.</p>"
        + _chart(draw, charts.grade_chart, report)
        + bin_table
        + table
        + "</section>\n"
    )


def _findings(report: dict[str, Any], draw: bool) -> str:
    per_rule = charts.rule_counts(report)
    rows = [
        f"<tr><td><code>{_e(rule)}</code></td>"
        f'<td data-v="{c.get("error", 0)}">{c.get("error", 0)}</td>'
        f'<td data-v="{c.get("warning", 0)}">{c.get("warning", 0)}</td>'
        f'<td data-v="{c.get("info", 0)}">{c.get("info", 0)}</td>'
        f'<td data-v="{sum(c.values())}">{sum(c.values())}</td></tr>'
        for rule, c in per_rule
    ]
    rules_table = _table(
        "Findings per rule (<code>medlint explain RULE</code> tells what a rule asks for)",
        [("Rule", "text"), ("Errors", "num"), ("Warnings", "num"), ("Info", "num"), ("All", "num")],
        rows,
    )
    rule_options = "".join(f'<option value="{_e(r)}">{_e(r)}</option>' for r, _ in per_rule)
    total = sum(len(a["findings"]) for a in report["articles"])
    return (
        '<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2>'
        f"<p>{report['summary']['errors']} errors and {report['summary']['warnings']} warnings "
        f"in {sum(1 for a in report['articles'] if a['findings'])} articles.</p>"
        + _chart(draw, charts.rules_chart, report)
        + rules_table
        + '<div class="controls" role="search" aria-label="Filter the findings">'
        '<label>Find <input type="search" id="findings-filter" '
        'placeholder="article or message"></label> '
        '<label>Rule <select id="findings-rule"><option value="">all</option>'
        f"{rule_options}</select></label> "
        '<label>Severity <select id="findings-severity"><option value="">all</option>'
        '<option value="error">errors</option><option value="warning">warnings</option>'
        '<option value="info">info</option></select></label> '
        '<button type="button" id="findings-clear">Show all</button></div>'
        + _table(
            "Every finding: the article opens from its name, the editor (VS Code) from its line",
            [
                ("Article", "text"),
                ("Line", "num"),
                ("Rule", "text"),
                ("Severity", "num"),
                ("Message", "text"),
            ],
            [],
            id="findings-table",
        )
        + '<div class="controls pager">'
        '<button type="button" id="findings-previous">Previous</button> '
        f'<span id="findings-count" aria-live="polite">{total} findings</span> '
        '<button type="button" id="findings-next">Next</button></div>'
        '<p class="print-only">Printed here: the findings shown on screen (a page of the '
        "table, as filtered); every finding is in report.json.</p>"
        "<noscript><p>The findings table needs the page's script: every finding is also in "
        "report.json.</p></noscript></section>\n"
    )


def _findings_data(report: dict[str, Any], links: dict) -> dict[str, Any]:
    """Every finding, compactly (the page must stay small for 5,000 articles):
    a message said by many findings is kept once, with its rule and severity;
    a finding is [article, line, message]; the articles table's rows are in
    ``table``, in the articles' order; an article is [its path as shown,
    its link, its editor link], or only the path when the links are the path
    after the common prefixes (``prefixes``: most articles)."""
    articles: list = []
    messages: list[list[str]] = []
    rows: list[list[int]] = []
    message_index: dict[tuple[str, str, str], int] = {}
    prefixes = _prefixes(links)
    for number, article in enumerate(report["articles"]):
        relative, editor, shown = links[article["path"]]
        if prefixes is not None and (relative, editor) == (
            prefixes[0] + shown,
            prefixes[1] + shown,
        ):
            articles.append(shown)
        else:
            articles.append([shown, relative, editor])
        for finding in article["findings"]:
            key = (finding["rule"], finding["severity"], finding["message"])
            index = message_index.get(key)
            if index is None:
                index = message_index[key] = len(messages)
                messages.append(list(key))
            rows.append([number, finding["line"], index])
    table = [
        [
            article["title"],
            article["status"],
            article["due"] or "",
            article["days"],
            article["last_reviewed"] or "",
            article["reviewer"],
            article["grade"],
            article["errors"],
            article["warnings"],
        ]
        for article in report["articles"]
    ]
    return {
        "articles": articles,
        "table": table,
        "statuses": list(STATUS_TEXT.items()),
        "prefixes": prefixes or ["", ""],
        "messages": messages,
        "findings": rows,
        "page": PAGE_ROWS,
    }


def _prefixes(links: dict) -> list[str] | None:
    """The link and editor-link prefixes that, before an article's shown
    path, make its links (taken from the first article whose path needs no
    quoting), or None."""
    for relative, editor, shown in links.values():
        if _quote(shown) == shown and relative.endswith(shown) and editor.endswith(shown):
            return [relative[: len(relative) - len(shown)], editor[: len(editor) - len(shown)]]
    return None


def clusters(report: dict[str, Any]) -> list[dict[str, Any]]:
    """report["clusters"], or []: a report.json of an older medlint has none."""
    return report.get("clusters", [])


def _copies(report: dict[str, Any], links: dict) -> str:
    groups = clusters(report)
    if not groups:
        body = "<p>No paragraph of an article stands in another (copied-paragraph found none).</p>"
    else:
        parts = []
        for number, group in enumerate(groups):
            dose = group["dose"]
            items = "".join(
                f'<li><a href="{links[path][0]}">{_e(links[path][2])}</a></li>'
                for path in group["articles"]
                if path in links
            )
            found = "".join(_copy_item(f, links) for f in group["findings"])
            count = len(group["articles"])
            names = [links[path][2] for path in group["articles"] if path in links]
            named = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
            heading = (
                f"{count} articles share paragraphs: {named} ({group['copies']} "
                f"{'copy' if group['copies'] == 1 else 'copies'} found)"
                + ("; numbers differ between copies" if dose else "")
            )
            parts.append(
                f'<details class="cluster{" dose" if dose else ""}"'
                f"{' open' if dose and number < 10 else ''}><summary>{_e(heading)}</summary>"
                f'<p>The articles:</p><ul>{items}</ul><p>The copies:</p><ul class="found">'
                f"{found}</ul></details>"
            )
        doses = sum(g["dose"] for g in groups)
        body = (
            f"<p>{len(groups)} {'group' if len(groups) == 1 else 'groups'} of articles that "
            f"share paragraphs; {doses} where a copy gives other numbers (one of them is "
            "wrong: check those first).</p>" + "".join(parts)
        )
    return _section("copies", "Copied content", body)


_NUMBERS = re.compile(r'\("([^"]*)" here, "([^"]*)" there\)')


def _copy_item(finding: dict[str, Any], links: dict) -> str:
    """One copy: where it is (the editor opens there), and for a copy with
    other numbers, the numbers (the finding's whole message is in the
    findings table)."""
    _, editor, shown = links.get(finding["path"], ("", "", finding["path"]))
    place = f'<a href="{editor}:{finding["line"]}">{_e(shown)}:{finding["line"]}</a>'
    numbers = _NUMBERS.search(finding["message"]) if finding["dose"] else None
    if numbers is None:
        return f'<li><span class="status fine">copy</span> {place}</li>'
    other = _COPY_OF.search(finding["message"])
    there = _e(_shown_places(other.group(1), links)) if other else "the other"
    return (
        f'<li><span class="status overdue">numbers differ</span> {place}: '
        f"<q>{_e(numbers.group(1))}</q> here, <q>{_e(numbers.group(2))}</q> in {there}</li>"
    )


_COPY_OF = re.compile(r"is a copy of (.+?) with different numbers")


def _shown_places(places: str, links: dict) -> str:
    """ "path:line, ..." of a message, with each path as the page names it."""
    for path in named_paths(places, links.keys()):
        places = places.replace(f"{path}:", f"{links[path][2]}:")
    return places


def _trend(then: dict[str, Any], now: dict[str, Any], draw: bool) -> str:
    rows = []
    for key, name in TREND:
        before, after = _count(then["summary"].get(key)), now["summary"][key]
        if before is None:
            shown, change = "not known", ""
        else:
            shown, change = str(before), f"{'+' if after > before else ''}{after - before}"
        rows.append(
            f'<tr><th scope="row">{name}</th><td>{shown}</td><td>{after}</td><td>{change}</td></tr>'
        )
    return (
        _opening("trend", "Trend")
        + f"<p>This report ({_e(now['today'])}) against the one of {_e(then['today'])}.</p>"
        + _chart(draw, charts.trend_chart, then, now)
        + '<table><caption>Then and now</caption><thead><tr><th scope="col">Measure</th>'
        f'<th scope="col">{_e(then["today"])}</th>'
        f'<th scope="col">{_e(now["today"])}</th><th scope="col">Change</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>\n"
    )


#: The measures the trend compares: (key in "summary", name).
TREND = (
    ("articles", "Articles"),
    ("errors", "Errors"),
    ("warnings", "Warnings"),
    ("overdue", "Overdue reviews"),
    ("due-30", "Due within 30 days"),
    ("no-date", "No review date"),
)


def is_report(value: object) -> bool:
    """Whether ``value`` (a loaded JSON) looks like a report.json, for
    --compare: its day, and its summary's counts, numbers where given (an
    older report may lack one: the trend shows it as not known)."""
    if not isinstance(value, dict) or value.get("tool") != "medlint":
        return False
    summary, today = value.get("summary"), value.get("today")
    if not isinstance(summary, dict) or not isinstance(today, str) or not _is_date(today):
        return False
    return all(_count(summary[key]) is not None for key, _ in TREND if key in summary)


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
