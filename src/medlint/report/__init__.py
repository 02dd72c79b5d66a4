"""Output formats: each module turns a RunResult into text for one audience.

Modules are imported when their format is asked for: a pre-commit run that
prints text should not pay for XML or SARIF.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

#: Format name -> module in this package with a ``render(result)`` function.
FORMAT_MODULES = {
    "text": "text_format",
    "json": "json_format",
    "json-lines": "json_lines",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
    "gitlab": "gitlab",
    "rdjson": "rdjson",
}


def renderer(name: str) -> Callable:
    return importlib.import_module(f"medlint.report.{FORMAT_MODULES[name]}").render


def piece_renderer(name: str) -> Callable | None:
    """The format's ``pieces(result)``, when it has one: the same text as
    ``render``, as an iterator of pieces to write as they come (a large
    report is never held whole)."""
    module = importlib.import_module(f"medlint.report.{FORMAT_MODULES[name]}")
    return getattr(module, "pieces", None)
