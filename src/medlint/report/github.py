"""``--format github``: GitHub Actions workflow commands, one per finding.

    ::error file=a.md,line=6,col=1,endLine=6,endColumn=27,title=medlint empty-list-intro::message

GitHub shows them as annotations on the pull request's changed lines. An
annotation over several lines may not have columns (GitHub drops them): the
columns of such a finding are in its title ("medlint RULE (3:5-4:12)"). Chosen
automatically when ``GITHUB_ACTIONS=true`` and no format is asked for. A file
is named relative to the repository's root (``report.paths``), as GitHub
matches annotations to the pull request's files. GitHub shows only the first
few annotations of each kind per step, so the run also writes a summary of
every finding, in Markdown, to ``$GITHUB_STEP_SUMMARY`` when it is set
(``step_summary``).
Escaping follows GitHub's runner: ``%``, ``\\r`` and ``\\n`` in the message,
and also ``:`` and ``,`` in property values. Before that, the file name goes
through ``escape.path_text`` and the message through ``escape.printable``: the
Actions log interprets ANSI escape sequences, so a control character (a
terminal escape quoted from an article, a line feed in a name) shows as
``\\x1b`` or ``\\n``, a bidi control as ``\\u202e``, and a byte of a name that is
not UTF-8 as ``\\xNN``. Each command stays one line.
"""

from __future__ import annotations

import html
import os
from collections import Counter

from medlint.findings import Severity
from medlint.report.escape import path_text, printable
from medlint.report.paths import repository_path, repository_root
from medlint.runner import RunResult

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: RunResult) -> str:
    root = repository_root(os.getcwd())
    lines = []
    for f in result.findings:
        place: tuple[tuple[str, object], ...]
        if f.end_line == f.line:
            place = (("line", f.line), ("col", f.column), ("endLine", f.line),
                     ("endColumn", f.end_column))  # fmt: skip
            title = f"medlint {f.rule}"
        else:  # GitHub takes no columns on an annotation over several lines: the title has them
            place = (("line", f.line), ("endLine", f.end_line))
            title = f"medlint {f.rule} ({f.line}:{f.column}-{f.end_line}:{f.end_column})"
        properties = ",".join(
            f"{key}={escape_property(str(value))}"
            for key, value in (
                ("file", path_text(repository_path(f.path, root))),
                *place,
                ("title", title),
            )
        )
        message = escape_data(printable(f.message))
        lines.append(f"::{_COMMANDS[f.severity]} {properties}::{message}\n")
    return "".join(lines)


#: The step summary lists at most this many findings (GitHub takes 1 MiB).
SUMMARY_ROWS = 1000


def step_summary(result: RunResult) -> str:
    """The run in Markdown for ``$GITHUB_STEP_SUMMARY``: counts by rule, then
    a table of the findings (file and line, severity, rule, message). Text
    from articles is escaped: it is shown, never read as Markdown or HTML."""
    root = repository_root(os.getcwd())
    findings = result.findings
    severities = Counter(str(f.severity) for f in findings)
    counted = ", ".join(f"{n} {name}{'s' if n != 1 else ''}" for name, n in severities.items())
    lines = [
        "## medlint",
        "",
        f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
        + (f" ({counted})" if counted else "")
        + f" in {result.files_checked} file{'s' if result.files_checked != 1 else ''} checked.",
        "",
    ]
    if not findings:
        return "\n".join(lines) + "\n"
    lines += ["| Rule | Findings |", "|---|---:|"]
    for rule, count in sorted(Counter(f.rule for f in findings).items()):
        lines.append(f"| `{rule}` | {count} |")
    lines += ["", "| Where | Severity | Rule | Message |", "|---|---|---|---|"]
    for f in findings[:SUMMARY_ROWS]:
        where = _cell(f"{path_text(repository_path(f.path, root))}:{f.line}")
        lines.append(f"| {where} | {f.severity} | `{f.rule}` | {_cell(printable(f.message))} |")
    if len(findings) > SUMMARY_ROWS:
        lines += ["", f"... and {len(findings) - SUMMARY_ROWS} more (see the job's log)."]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text for a Markdown table cell, shown as it is."""
    text = html.escape(text.replace("\\", "\\\\"), quote=False)
    text = text.replace("|", "\\|").replace("`", "&#96;")
    return text.replace("*", "\\*").replace("_", "\\_").replace("[", "\\[")
