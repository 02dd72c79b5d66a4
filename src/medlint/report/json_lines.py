"""``--format json-lines``: one JSON object per finding per line, the fields of
``--format json``'s findings; easy to stream, grep and concatenate."""

from __future__ import annotations

import json

from medlint.runner import RunResult


def render(result: RunResult) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in result.findings)
