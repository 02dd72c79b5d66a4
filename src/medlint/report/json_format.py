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

from medlint import __version__
from medlint.report.escape import to_json
from medlint.runner import RunResult


def render(result: RunResult) -> str:
    document = {
        "version": __version__,
        "files_checked": result.files_checked,
        "findings": [finding.to_dict() for finding in result.findings],
    }
    return to_json(document, indent=2) + "\n"
