"""``--format json``: one JSON object on stdout, for CI scripts.

The shape is a public contract (see the README): ``version``,
``files_checked`` and ``findings``, each finding with path, line, column,
end_line, end_column, rule, severity, message and fixable.
"""

from __future__ import annotations

import json

from medlint import __version__
from medlint.runner import RunResult


def render(result: RunResult) -> str:
    document = {
        "version": __version__,
        "files_checked": result.files_checked,
        "findings": [finding.to_dict() for finding in result.findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
