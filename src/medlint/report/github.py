"""``--format github``: GitHub Actions workflow commands, one per finding.

    ::error file=a.md,line=6,col=1,endLine=6,endColumn=27,title=medlint empty-list-intro::message

GitHub shows them as annotations on the pull request's changed lines. Chosen
automatically when ``GITHUB_ACTIONS=true`` and no format is asked for.
Escaping follows GitHub's runner: ``%``, ``\\r`` and ``\\n`` in the message,
and also ``:`` and ``,`` in property values. Before that, the file name goes
through ``escape.path_text`` and the message through ``escape.printable``: the
Actions log interprets ANSI escape sequences, so a control character (a
terminal escape quoted from an article, a line feed in a name) shows as
``\\x1b`` or ``\\n``, a bidi control as ``\\u202e``, and a byte of a name that is
not UTF-8 as ``\\xNN``. Each command stays one line.
"""

from __future__ import annotations

from medlint.findings import Severity
from medlint.report.escape import path_text, printable
from medlint.runner import RunResult

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: RunResult) -> str:
    lines = []
    for f in result.findings:
        properties = ",".join(
            f"{key}={escape_property(str(value))}"
            for key, value in (
                ("file", path_text(f.path)),
                ("line", f.line),
                ("col", f.column),
                ("endLine", f.end_line),
                ("endColumn", f.end_column),
                ("title", f"medlint {f.rule}"),
            )
        )
        message = escape_data(printable(f.message))
        lines.append(f"::{_COMMANDS[f.severity]} {properties}::{message}\n")
    return "".join(lines)
