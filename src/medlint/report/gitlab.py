"""``--format gitlab``: a GitLab Code Quality report, for the merge request.

A JSON array with one issue per finding, in the fields GitLab documents for
its Code Quality artifact (``artifacts: reports: codequality:``):
``description``, ``check_name`` (the rule ID), ``fingerprint``, ``severity``
(GitLab's scale: error is ``major``, warning ``minor``, info ``info``) and
``location`` (``path``, and ``lines.begin``/``lines.end``).

- ``path`` is relative to the repository's root (the nearest directory above
  the working directory with a ``.git``), as GitLab matches it against the
  merge request's files; a file outside the repository keeps the path it was
  named by.
- ``fingerprint`` tells GitLab which issue of the merge request's head is
  which of its base: it is made of the path, the rule, the message (without
  the line numbers it names) and how many identical ones come before it in
  the file, not of the line, so that
  text added above a finding does not make it a new issue (and the same
  finding twice in a file gets two fingerprints: GitLab shows one issue per
  fingerprint). The same input gives the same fingerprints, run after run.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter

from medlint.findings import Severity
from medlint.report.escape import to_json
from medlint.report.paths import repository_path, repository_root
from medlint.runner import RunResult

_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
#: Line numbers in a message ("on line 15", "lines 3, 5 and 9", "line 6:"):
#: left out of the fingerprint, which must not change when lines move.
_LINES = re.compile(r"\blines? \d+(?:(?:,\s*|\s+and\s+|-)\d+)*")


def render(result: RunResult) -> str:
    root = repository_root(os.getcwd())
    seen: Counter[tuple[str, str, str]] = Counter()
    issues = []
    for finding in result.findings:
        path = repository_path(finding.path, root)
        same = (path, finding.rule, _LINES.sub("line", finding.message))
        occurrence = seen[same]
        seen[same] += 1
        key = "\0".join((*same, str(occurrence)))
        fingerprint = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        lines = {"begin": finding.line}
        if finding.end_line > finding.line:
            lines["end"] = finding.end_line
        issues.append(
            {
                "description": finding.message,
                "check_name": finding.rule,
                "fingerprint": fingerprint,
                "severity": _SEVERITIES[finding.severity],
                "location": {"path": path, "lines": lines},
            }
        )
    return to_json(issues, indent=2) + "\n"
