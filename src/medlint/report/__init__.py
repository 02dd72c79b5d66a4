"""Output formats: each module turns a RunResult into text for one audience."""

from __future__ import annotations

from medlint.report import json_format, text_format

FORMATS = {
    "text": text_format.render,
    "json": json_format.render,
}
