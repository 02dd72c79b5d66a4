"""``--format json-lines``: one JSON object per finding per line, the fields of
``--format json``'s findings; easy to stream, grep and concatenate.

Escaped as ``--format json`` is (``escape.to_json``): names as given when they
are UTF-8, a byte that is not as the text ``\\xNN``. Line breaks in a name or a
message, U+2028 and U+2029 included, are JSON escapes, so that every object
stays on its line.
"""

from __future__ import annotations

from medlint.report.escape import to_json
from medlint.runner import RunResult


def render(result: RunResult) -> str:
    return "".join(to_json(f.to_dict()) + "\n" for f in result.findings)
