"""The report's charts, drawn by matplotlib as SVG to inline in ``index.html``.

Why matplotlib: the report must open from a file, with no network and no
server, so the charts are drawn before the page is written, not in the
browser; matplotlib is the best-kept plotting library for Python, draws SVG
with text kept as text (``svg.fonttype: none``: smaller, searchable, read by
screen readers), and a vendored JavaScript chart library would put outside
code in this repository. It is heavy (numpy with it, ~0.3 s to import), so
it is an extra (``medlint-content[report]``) imported only here, only by
``medlint report``: ``medlint check`` never loads it. Without it the report
still has every number, in the tables each chart has beside it.

Every chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>``
that says in words what it shows; its numbers are also in a table.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections import Counter
from typing import Any

#: Colours told apart with the common colour-vision deficiencies (a
#: ColorBrewer diverging scheme), each also named in the legend.
STATUS_COLOURS = {
    "overdue": "#b2182b",
    "due-30": "#e08214",
    "due-90": "#fdb863",
    "fine": "#2166ac",
}
STATUS_NAMES = {
    "overdue": "Overdue",
    "due-30": "Due within 30 days",
    "due-90": "Due within 90 days",
    "fine": "Due later",
}
SEVERITY_COLOURS = {"error": "#b2182b", "warning": "#e08214", "info": "#2166ac"}
#: Months shown before and after the report's month; earlier and later
#: deadlines are gathered at the ends.
MONTHS_BEFORE = 12
MONTHS_AFTER = 12
#: Every chart is this wide (inches at 96 dpi), so that their text is one size.
WIDTH = 9.5


def available() -> bool:
    """Whether matplotlib can be imported (the ``report`` extra)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "medlint",  # the same report, the same ids
            "font.family": "sans-serif",
            "font.size": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=96, layout="constrained")
    return figure, figure.add_subplot()


def _svg(figure, name: str, title: str, description: str) -> str:
    """The figure as an inline SVG element: no XML prologue, its ids made
    unique to the chart (several charts share one page), and the text
    alternative as its title and desc."""
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    text = out.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r'id="([^"]+)"', rf'id="{name}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{name}-\1)", text)
    text = re.sub(r'(\s(?:xlink:)?href)="#([^"]+)"', rf'\1="#{name}-\2"', text)
    head_end = text.index(">") + 1
    opening = text[:head_end]
    opening = re.sub(r'\swidth="[^"]*"', "", opening, count=1)
    opening = re.sub(r'\sheight="[^"]*"', "", opening, count=1)
    opening = opening.replace(
        "<svg",
        f'<svg role="img" aria-labelledby="{name}-title {name}-desc" class="chart"',
        1,
    )
    return (
        f'{opening}<title id="{name}-title">{_escape(title)}</title>'
        f'<desc id="{name}-desc">{_escape(description)}</desc>{text[head_end:]}'
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _month(day: dt.date, offset: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + offset
    return dt.date(index // 12, index % 12 + 1, 1)


#: The buckets of deadlines before the months shown, by how long ago.
OVERDUE_YEARS = ("due 3+ years ago", "2 to 3 years ago", "1 to 2 years ago")


def calendar_buckets(report: dict[str, Any]) -> tuple[list[str], dict[str, list[int]]]:
    """Articles with a deadline, by status and by the month it falls in, for
    the year before the report's month and the year after; deadlines before
    that by how many years ago, those after it together."""
    today = dt.date.fromisoformat(report["today"])
    first, last = _month(today, -MONTHS_BEFORE), _month(today, MONTHS_AFTER)
    months = [_month(today, n) for n in range(-MONTHS_BEFORE, MONTHS_AFTER + 1)]
    labels = list(OVERDUE_YEARS)
    labels += [f"{m:%b %Y}" for m in months] + [f"after {last:%b %Y}"]
    counts = {status: [0] * len(labels) for status in STATUS_COLOURS}
    for article in report["articles"]:
        if not article["due"] or article["status"] not in counts:
            continue
        month = dt.date.fromisoformat(article["due"]).replace(day=1)
        if month < first:
            # (``first`` is a year ago: a year before it is two years ago)
            slot = 2 if month >= _month(first, -12) else 1 if month >= _month(first, -24) else 0
        elif month > last:
            slot = len(labels) - 1
        else:
            slot = len(OVERDUE_YEARS) + (month.year - first.year) * 12 + month.month - first.month
        counts[article["status"]][slot] += 1
    return labels, counts


def calendar_chart(report: dict[str, Any]) -> str:
    labels, counts = calendar_buckets(report)
    figure, axes = _figure(WIDTH, 3.6)
    bottom = [0] * len(labels)
    positions = range(len(labels))
    for status, colour in STATUS_COLOURS.items():
        axes.bar(positions, counts[status], bottom=bottom, color=colour, label=STATUS_NAMES[status])
        bottom = [b + c for b, c in zip(bottom, counts[status], strict=True)]
    now = len(OVERDUE_YEARS) + MONTHS_BEFORE
    axes.axvline(now - 0.5, color="#333333", linestyle="--", linewidth=1)
    axes.text(now - 0.4, 1, "this month", transform=axes.get_xaxis_transform(), va="top")
    axes.set_xticks(list(positions), labels, rotation=60, ha="right", fontsize=8)
    axes.set_ylabel("Articles")
    axes.set_ylim(bottom=0)
    axes.yaxis.get_major_locator().set_params(integer=True)
    figure.legend(loc="outside upper center", ncols=4, frameon=False, fontsize=9)
    summary = report["summary"]
    busiest = labels[bottom.index(max(bottom))] if any(bottom) else "none"
    description = (
        f"Reviews due by month, from {labels[len(OVERDUE_YEARS)]} to {labels[-2]}, with "
        f"earlier deadlines by the year. {summary['overdue']} articles are overdue, "
        f"{summary['due-30']} fall due within 30 days, {summary['due-90']} within 90 days, "
        f"{summary['fine']} later, and {summary['no-date']} have no review date. The "
        f"tallest bar: {busiest}."
    )
    return _svg(figure, "calendar", "Reviews due by month", description)


def grade_bins(report: dict[str, Any]) -> tuple[list[str], list[int]]:
    """Articles by reading grade rounded up (bin 8 holds the grades above 7
    up to 8: at or below a target of 8, bin 9 and up above it); 0 and below
    together, and 20 and above."""
    bins = Counter()
    for article in report["articles"]:
        if article["grade"] is not None:
            bins[min(max(math.ceil(article["grade"]), 0), 20)] += 1
    labels = [str(n) for n in range(20)] + ["20+"]
    return labels, [bins.get(n, 0) for n in range(21)]


def above_target(report: dict[str, Any]) -> tuple[int, int]:
    """(articles scored, those that read above their own target)."""
    scored = [a for a in report["articles"] if a["grade"] is not None]
    return len(scored), sum(a["grade"] > a["target_grade"] for a in scored)


def grade_chart(report: dict[str, Any]) -> str:
    labels, counts = grade_bins(report)
    target = report["target_grade"]
    figure, axes = _figure(WIDTH, 3)
    colours = ["#2166ac" if n <= target else "#e08214" for n in range(21)]
    axes.bar(range(21), counts, color=colours)
    axes.axvline(target + 0.5, color="#333333", linestyle="--", linewidth=1)
    axes.text(
        target + 0.6,
        1,
        f"target: grade {target:g}",
        transform=axes.get_xaxis_transform(),
        va="top",
    )
    axes.set_xticks(range(21), labels, fontsize=8)
    axes.set_xlabel("Reading grade (school years, rounded up)")
    axes.set_ylabel("Articles")
    axes.set_ylim(bottom=0)
    axes.yaxis.get_major_locator().set_params(integer=True)
    scored, above = above_target(report)
    description = (
        f"Reading grades of {scored} articles, against the target of grade {target:g}: "
        f"{above} read above their target, {scored - above} at or below it."
    )
    return _svg(figure, "grades", "Articles by reading grade", description)


def rule_counts(report: dict[str, Any]) -> list[tuple[str, dict[str, int]]]:
    """Findings per rule, by severity, the most found first."""
    counts: dict[str, Counter] = {}
    for article in report["articles"]:
        for finding in article["findings"]:
            counts.setdefault(finding["rule"], Counter())[finding["severity"]] += 1
    return sorted(
        ((rule, dict(c)) for rule, c in counts.items()), key=lambda i: (-sum(i[1].values()), i[0])
    )


def rules_chart(report: dict[str, Any]) -> str:
    rows = rule_counts(report)
    figure, axes = _figure(WIDTH, 0.9 + 0.24 * max(len(rows), 1))
    names = [rule for rule, _ in rows][::-1]
    left = [0] * len(names)
    for severity, colour in SEVERITY_COLOURS.items():
        values = [counts.get(severity, 0) for _, counts in rows][::-1]
        if any(values):
            axes.barh(names, values, left=left, color=colour, label=f"{severity}s")
            left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_xlabel("Findings")
    if rows:
        axes.legend(frameon=False, loc="lower right", fontsize=8)
    top = ", ".join(f"{rule} ({sum(c.values())})" for rule, c in rows[:3]) or "none"
    description = f"Findings of {len(rows)} rules; the most found: {top}."
    return _svg(figure, "rules", "Findings per rule", description)


def _number(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def trend_chart(then: dict[str, Any], now: dict[str, Any]) -> str:
    names = ["errors", "warnings", "overdue", "due-30"]
    shown = ["Errors", "Warnings", "Overdue reviews", "Due within 30 days"]
    figure, axes = _figure(WIDTH, 2.8)
    before = [_number(then["summary"].get(n)) for n in names]  # (not known: no bar)
    after = [now["summary"].get(n, 0) for n in names]
    bars = [0 if a is None else a for a in before]
    axes.bar([n - 0.2 for n in range(4)], bars, width=0.4, color="#999999", label=then["today"])
    axes.bar([n + 0.2 for n in range(4)], after, width=0.4, color="#2166ac", label=now["today"])
    axes.set_xticks(range(4), shown)
    axes.legend(frameon=False, fontsize=8)
    description = "; ".join(
        f"{label}: {'not known' if a is None else a} then, {b} now"
        for label, a, b in zip(shown, before, after, strict=True)
    )
    return _svg(figure, "trend", f"Then ({then['today']}) and now ({now['today']})", description)
