"""``--format rdjson``: the Reviewdog Diagnostic Format (rdjson), for
reviewdog to comment on a pull request's changed lines (``reviewdog
-f=rdjson -reporter=github-pr-review``) and offer the fixes as suggestions.

One ``DiagnosticResult``: ``source`` names medlint, each diagnostic has the
message, the rule as its ``code``, its severity (ERROR, WARNING, INFO) and a
``location``: the path as the report names it (relative to the working
directory, as reviewdog reads it) and a range whose columns are counted, as
the format says, in UTF-8 bytes from 1 and whose end is exclusive. A finding
with a fix has it as a ``suggestion`` (each edit: a range and its text). The
files are read again for the byte columns (standard input: the text as
checked); one that cannot be read keeps character columns.
"""

from __future__ import annotations

from medlint.baseline import Sources
from medlint.findings import Finding, Severity
from medlint.report.escape import path_text, to_json
from medlint.runner import RunResult

_SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def render(result: RunResult) -> str:
    sources = Sources(result.texts)
    diagnostics = []
    for finding in result.findings:
        columns = _Columns(sources, finding.path)
        diagnostic = {
            "message": finding.message,
            "location": {
                "path": path_text(finding.path),
                "range": {
                    "start": columns.position(finding.line, finding.column),
                    "end": columns.position(finding.end_line, finding.end_column + 1),
                },
            },
            "severity": _SEVERITIES[finding.severity],
            "code": {"value": finding.rule},
        }
        if finding.fix is not None:
            diagnostic["suggestions"] = _suggestions(finding, columns)
        diagnostics.append(diagnostic)
    report = {"source": {"name": "medlint"}, "diagnostics": diagnostics}
    return to_json(report, indent=2) + "\n"


class _Columns:
    """Character columns (1-based) of one file as UTF-8 byte columns."""

    def __init__(self, sources: Sources, path: str) -> None:
        self.lines = sources.lines_of(path)

    def position(self, line: int, column: int) -> dict[str, int]:
        if self.lines is None:
            return {"line": line, "column": column}
        source, index = self.lines
        start = index.offset(line)
        text = source[start : index.content_end(line)]
        prefix = text[: max(column - 1, 0)]
        return {"line": line, "column": len(prefix.encode("utf-8", "surrogatepass")) + 1}

    def at_offset(self, offset: int) -> dict[str, int]:
        if self.lines is None:
            return {"line": 1, "column": offset + 1}
        line, column = self.lines[1].position(offset)
        return self.position(line, column)


def _suggestions(finding: Finding, columns: _Columns) -> list[dict]:
    assert finding.fix is not None
    return [
        {
            "range": {"start": columns.at_offset(edit.start), "end": columns.at_offset(edit.end)},
            "text": edit.text,
        }
        for edit in finding.fix.edits
    ]
