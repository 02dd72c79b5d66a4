"""Output formats: each module turns a RunResult into text for one audience."""

from __future__ import annotations

from medlint.report import github, json_format, json_lines, junit, sarif, text_format

FORMATS = {
    "text": text_format.render,
    "json": json_format.render,
    "json-lines": json_lines.render,
    "github": github.render,
    "sarif": sarif.render,
    "junit": junit.render,
}
