"""``--format json``: one JSON object on stdout, for CI scripts.

The shape is a public contract (see the README): ``version``,
``files_checked`` and ``findings``, each finding with path, line, column,
end_line, end_column, rule, severity, message and fixable.

``path`` is the name as the user gave it whenever it is valid UTF-8, and
``message`` is the message as it is: the JSON encoder escapes the control
characters in them. Only what UTF-8 cannot carry changes (``escape.to_json``):
a byte of a name that is not UTF-8 (a lone surrogate from ``surrogateescape``)
becomes the text ``\\xNN``, so that the output is always valid UTF-8.
"""

from __future__ import annotations

from collections.abc import Iterator

from medlint import __version__
from medlint.report.escape import to_json
from medlint.runner import RunResult


def render(result: RunResult) -> str:
    return "".join(pieces(result))


def pieces(result: RunResult) -> Iterator[str]:
    """The document as ``json.dumps(..., indent=2)`` writes it, byte for
    byte, in pieces a finding at a time, for the command line to write as
    they come: with an indent, ``json`` encodes in Python and held a piece
    for every key and value of the whole report (60 MB of a run's peak for
    the 28,000 findings of 5,486 articles)."""
    head = to_json({"version": __version__, "files_checked": result.files_checked}, indent=2)
    if not result.findings:
        yield head[:-2] + ',\n  "findings": []\n}\n'
        return
    yield head[:-2] + ',\n  "findings": [\n'
    last = len(result.findings) - 1
    for number, finding in enumerate(result.findings):
        item = "    " + to_json(finding.to_dict(), indent=2).replace("\n", "\n    ")
        yield item + (",\n" if number < last else "\n  ]\n}\n")
