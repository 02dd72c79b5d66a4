"""``--format text``: one line per finding, then a count per rule.

    path:line:col: severity rule-id message

Lines sort by path, line and column, so that an editor's "next error" walks
down each file. Colour is used only when asked for (a terminal, no NO_COLOR).

Paths and messages go through ``escape.path_text`` and ``escape.printable``:
a byte of a name that is not UTF-8 shows as ``\\xNN``, and control characters
(a terminal escape sequence quoted from an article, a line feed in a name) and
bidi controls as ``\\x1b``, ``\\n``, ``\\u202e``, so that every finding is one
line and nothing in it reaches the terminal as a command.
"""

from __future__ import annotations

from collections import Counter

from medlint.findings import Finding, Severity
from medlint.report.escape import path_text, printable
from medlint.runner import RunResult

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def render(result: RunResult, color: bool = False, quiet: bool = False) -> str:
    """Finding lines, then (unless ``quiet``) the summary."""
    lines = [_finding_line(f, color) for f in result.findings]
    if quiet:
        return "".join(line + "\n" for line in lines)
    if lines:
        lines.append("")
    lines.extend(_summary(result))
    return "\n".join(lines) + "\n"


def _finding_line(finding: Finding, color: bool) -> str:
    severity = str(finding.severity)
    where = f"{path_text(finding.path)}:{finding.line}:{finding.column}:"
    rule = finding.rule
    if color:
        where = _paint(where, "1")
        severity = _paint(severity, _COLORS[finding.severity])
        rule = _paint(rule, "2")
    mark = " [*]" if finding.fixable and finding.fix.safe else ""
    return f"{where} {severity} {rule}{mark} {printable(finding.message)}"


def _summary(result: RunResult) -> list[str]:
    files = _plural(result.files_checked, "file")
    fixed = [f"Fixed {_plural(result.fixed, 'finding')}."] if result.fixed else []
    if not result.findings:
        return [*fixed, f"No findings: {files} checked."]
    by_severity = Counter(f.severity for f in result.findings)
    severities = ", ".join(
        _plural(by_severity[s], str(s)) for s in sorted(by_severity, reverse=True)
    )
    with_findings = len({f.path for f in result.findings})
    lines = [
        f"Found {_plural(len(result.findings), 'finding')} ({severities}) "
        f"in {with_findings} of {files} checked:"
    ]
    per_rule = Counter(f.rule for f in result.findings)
    width = len(str(max(per_rule.values())))
    for rule, count in sorted(per_rule.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {count:>{width}}  {rule}")
    safe = sum(1 for f in result.findings if f.fixable and f.fix.safe)
    unsafe = sum(1 for f in result.findings if f.fixable and not f.fix.safe)
    if safe:
        lines.append(f"[*] {safe} fixable with --fix.")
    if unsafe:
        lines.append(f"{unsafe} more fixable with --fix --unsafe-fixes.")
    return fixed + lines


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _paint(text: str, code: str) -> str:
    return f"\033[{code}m{text}\033[0m"
