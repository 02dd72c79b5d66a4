"""``medlint report``: the site as its content lead sees it, as data.

``build`` turns a run (with the ``article-facts`` each article gave, see
``medlint.checks.article_facts``) into one plain dict, ``report.json``: every
article with its review status on the report's day (overdue, due within 30 or
90 days, fine, no date), reviewer, grade and hardest paragraph, and its
findings; the findings per rule; the articles that share paragraphs
(copied-paragraph's findings). ``write`` puts it in a folder with the review
calendar as ``reviews.csv`` (one row an article) and ``reviews.ics`` (one
event a due review, for the team's calendar).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
from collections import Counter
from collections.abc import Collection
from pathlib import Path
from typing import Any

from medlint import __version__
from medlint.discovery import REPORT_MARKER
from medlint.findings import Severity
from medlint.report.escape import path_text, printable
from medlint.report.paths import repository_path, repository_root
from medlint.runner import RunResult

FACTS = "article-facts"
STATUSES = ("overdue", "due-30", "due-90", "fine", "no-date")
CSV_COLUMNS = ("path", "title", "status", "due", "days", "last_reviewed", "reviewer", "grade")


def review_status(
    facts: dict[str, Any], today: dt.date, max_age_days: int
) -> tuple[str, dt.date | None, dt.date | None]:
    """(status, due date, last review) of one article on ``today``: due on
    its next-review date when it gives one, else a review cycle after its
    last review."""
    reviews = [tuple(map(dt.date.fromisoformat, pair)) for pair in facts.get("reviews", [])]
    past = [latest for earliest, latest in reviews if earliest <= today]  # ("March 2026" in March)
    last = max(past) if past else None
    deadlines = [dt.date.fromisoformat(d) for d in facts.get("deadlines", [])]
    if deadlines:
        due = min(deadlines)
    elif last is not None:
        due = last + dt.timedelta(days=max_age_days)
    else:
        return "no-date", None, None
    days = (due - today).days
    if days < 0:
        return "overdue", due, last
    return ("due-30" if days <= 30 else "due-90" if days <= 90 else "fine"), due, last


def build(
    result: RunResult, today: dt.date, max_age_days: int, target_grade: float
) -> dict[str, Any]:
    by_path: dict[str, list] = {}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    articles = []
    for path in sorted(result.checked_paths):
        collected = result.collected.get(path, {}).get(FACTS)
        facts = collected[0] if collected else {}
        if facts.get("stub"):
            continue  # a redirect or an empty shell: nothing to review
        status, due, last = review_status(facts, today, facts.get("cycle", max_age_days))
        findings = by_path.get(path, [])
        severities = Counter(str(f.severity) for f in findings)
        articles.append(
            {
                "path": path_text(path),
                "id": _stable_id(path),
                "title": facts.get("title", ""),
                "status": status,
                "due": due.isoformat() if due else None,
                "days": (due - today).days if due else None,
                "last_reviewed": last.isoformat() if last else None,
                "reviewer": facts.get("reviewer", ""),
                "grade": facts.get("grade"),
                "target_grade": facts.get("target", target_grade),
                "words": facts.get("words", 0),
                "hardest": facts.get("hardest"),
                "errors": severities.get("error", 0),
                "warnings": severities.get("warning", 0),
                "infos": severities.get("info", 0),
                "findings": [
                    {
                        "line": f.line,
                        "column": f.column,
                        "rule": f.rule,
                        "severity": str(f.severity),
                        "message": printable(f.message),
                    }
                    for f in findings
                ],
            }
        )
    per_rule = Counter(f.rule for f in result.findings)
    copies = [
        {
            "path": path_text(f.path),
            "line": f.line,
            "dose": f.severity >= Severity.ERROR,  # a copy whose numbers differ
            "message": printable(f.message),
        }
        for f in result.findings
        if f.rule == "copied-paragraph"
    ]
    copies.sort(key=lambda c: (not c["dose"], c["path"], c["line"]))
    shown = {article["path"] for article in articles}
    return {
        "tool": "medlint",
        "version": __version__,
        "today": today.isoformat(),
        "review_cycle_days": max_age_days,
        "target_grade": target_grade,
        "summary": {
            "articles": len(articles),
            **{status: sum(a["status"] == status for a in articles) for status in STATUSES},
            "errors": sum(a["errors"] for a in articles),
            "warnings": sum(a["warnings"] for a in articles),
        },
        "rules": dict(sorted(per_rule.items(), key=lambda item: (-item[1], item[0]))),
        "articles": articles,
        "copies": copies,
        "clusters": clusters(copies, shown),
    }


def clusters(copies: list[dict[str, Any]], paths: set[str]) -> list[dict[str, Any]]:
    """The groups of articles that share paragraphs: an article and those its
    copied-paragraph findings name are in one group (a finding names three
    and "N more", but every article of a group has its own finding, so the
    groups join up). The groups with a copy whose numbers differ first, then
    the largest."""
    parent = {path: path for path in paths}

    def root(path: str) -> str:
        while parent[path] != path:
            parent[path] = parent[parent[path]]
            path = parent[path]
        return path

    for copy in copies:
        if copy["path"] not in parent:
            continue
        for other in named_paths(copy["message"], paths):
            parent[root(other)] = root(copy["path"])
    groups: dict[str, dict[str, Any]] = {}
    for copy in copies:
        if copy["path"] not in parent:
            continue
        group = groups.setdefault(root(copy["path"]), {"findings": []})
        group["findings"].append(copy)
    members: dict[str, list[str]] = {}
    for path in sorted(paths):
        members.setdefault(root(path), []).append(path)
    result = [
        {
            "articles": members[top],
            "copies": len(group["findings"]),
            "dose": any(f["dose"] for f in group["findings"]),
            "findings": group["findings"],
        }
        for top, group in groups.items()
    ]
    result.sort(key=lambda g: (not g["dose"], -len(g["articles"]), g["articles"]))
    return result


def named_paths(message: str, paths: Collection[str]) -> list[str]:
    """The articles a copied-paragraph message names (its places, as
    ``_listed`` writes them: "PATH:LINE, PATH:LINE and N more", after "stands
    in ... (" or "a copy of"). Only paths of the run count, so a message
    worded otherwise (a config's own message) names fewer, never others."""
    found = []
    for places in _places_text(message):
        places = _MORE.sub("", places)
        start = 0
        for end in _PLACE_END.finditer(places):
            candidate = places[start : end.start()]
            if candidate in paths:
                found.append(candidate)
                start = end.end()
    return found


def _places_text(message: str) -> list[str]:
    texts = []
    stands = message.find("stands in ")
    if stands >= 0 and (opening := message.find(" (", stands)) >= 0:
        closing = message.rfind("):")
        closing = closing if closing > opening else message.rfind(")")
        if closing > opening:
            texts.append(message[opening + 2 : closing])
    copy = message.find("is a copy of ")
    if copy >= 0 and (until := message.rfind(" with different numbers")) > copy:
        texts.append(message[copy + len("is a copy of ") : until])
    return texts


#: Where a place ends: its line, then the next place or the end.
_PLACE_END = re.compile(r":\d+(?:, |$)")
_MORE = re.compile(r" and \d+ more$")


def reviews_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for article in _by_due(report["articles"]):
        writer.writerow(
            {k: "" if article.get(k) is None else _cell(article.get(k)) for k in CSV_COLUMNS}
        )
    return out.getvalue()


def reviews_ics(report: dict[str, Any], stamp: dt.datetime) -> str:
    """One all-day event a due review (RFC 5545: CRLF lines of at most 75
    octets, text escaped), each with a stable UID, so that a calendar that
    imports the file again updates the events rather than doubling them."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//medlint//medlint {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Clinical reviews due",
    ]
    for article in _by_due(report["articles"]):
        if not article["due"]:
            continue
        due = dt.date.fromisoformat(article["due"])
        uid = article["id"]
        title = article["title"] or article["path"]
        reviewer = f"; last reviewer: {article['reviewer']}" if article["reviewer"] else ""
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@medlint",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(due + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text('Review due: ' + title)}",
            f"DESCRIPTION:{_ics_text(article['path'] + reviewer)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_folded(line) for line in lines)


def _stable_id(path: str) -> str:
    """An article's identity whatever path the run named it by: its path from
    the repository's root (else its real path), hashed (the calendar's UID)."""
    real = os.path.realpath(path)
    name = repository_path(real, repository_root(os.path.dirname(real)))
    return hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:24]


def _cell(value: object) -> object:
    """A CSV cell; text that a spreadsheet would run as a formula ("=", "+",
    "-", "@" first) is quoted with a leading apostrophe (OWASP's advice)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _by_due(articles: list[dict]) -> list[dict]:
    return sorted(articles, key=lambda a: (a["due"] is None, a["due"] or "", a["path"]))


def _ics_text(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    ).replace("\r", "")


def _folded(line: str) -> str:
    """A content line folded at 75 octets (never inside a UTF-8 sequence)."""
    parts, current = [], ""
    for char in line:
        limit = 75 if not parts else 74  # a continuation starts with a space
        if len((current + char).encode("utf-8", "surrogateescape")) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts) + "\r\n"


def write(
    folder: Path, report: dict[str, Any], stamp: dt.datetime, page: str | None = None
) -> list[Path]:
    """index.html (``page``, when given), report.json, reviews.csv and
    reviews.ics in ``folder`` (made if need be)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        **({"index.html": page} if page is not None else {}),
        "report.json": json.dumps(report, indent=2, ensure_ascii=False) + "\n",
        "reviews.csv": reviews_csv(report),
        "reviews.ics": reviews_ics(report, stamp),
    }
    (folder / REPORT_MARKER).write_text(
        "Written by medlint report: medlint check and medlint report do not enter this "
        "folder (its index.html is a report, not an article).\n",
        encoding="utf-8",
    )
    written = []
    for name, text in files.items():
        target = folder / name
        target.write_text(text, encoding="utf-8", newline="")
        written.append(target)
    return written
