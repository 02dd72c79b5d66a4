"""``--format sarif``: SARIF 2.1.0, for code-scanning dashboards (GitHub code
scanning, Azure DevOps, SonarQube).

Each rule that ran is described in ``tool.driver.rules`` from its YAML (ID,
one-line description, rationale and examples as help, default level); each
finding is a result with its rule, level, message and region. What GitHub
requires is always there: ``ruleId``, ``level``, ``message.text`` and a
location with ``artifactLocation.uri`` and ``region.startLine``.

A file inside the repository (the nearest directory above the working
directory with a ``.git``; else the working directory) gets a URI relative
to its root with ``uriBaseId: "%SRCROOT%"``, and the run says where that is
(``originalUriBaseIds``, a ``file:`` URI ending in ``/``), as GitHub code
scanning resolves them; a file outside it, an absolute ``file:`` URI. Every
URI is percent-encoded from the name's bytes (RFC 3986: ``my%20page%20%231.md``,
``caf%E9.md``). Messages are as they are, in JSON that ``escape.to_json``
keeps valid UTF-8.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from medlint import __version__
from medlint.findings import Severity
from medlint.report.escape import to_json
from medlint.report.paths import inside_root, repository_root
from medlint.rules import Rule
from medlint.runner import RunResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(result: RunResult) -> str:
    rules = [r.rule for r in result.rules_run]
    index = {rule.id: i for i, rule in enumerate(rules)}
    severity = {r.rule.id: r.severity for r in result.rules_run}
    root = repository_root(os.getcwd()) or os.getcwd()
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "medlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/medlint/medlint",
                        "rules": [_descriptor(rule, severity[rule.id]) for rule in rules],
                    }
                },
                "originalUriBaseIds": {_SRCROOT: {"uri": Path(root).as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index, root) for f in result.findings],
            }
        ],
    }
    return to_json(document, indent=2) + "\n"


def _descriptor(rule: Rule, severity: Severity) -> dict:
    examples = "".join(
        f"\n\n{title}:\n\n{rule.examples[key].rstrip()}"
        for title, key in (("Flagged", "bad"), ("Instead", "good"))
        if rule.examples.get(key)
    )
    help_text = f"{rule.rationale}{examples}".strip() or rule.description
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.description},
        "fullDescription": {"text": rule.rationale or rule.description},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": _LEVELS[severity]},
        "properties": {"tags": ["health-content"], "check": rule.check},
    }


def _result(finding, index: dict[str, int], root: str) -> dict:
    result = {
        "ruleId": finding.rule,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(finding.path, root),
                    "region": {
                        "startLine": finding.line,
                        "startColumn": finding.column,
                        "endLine": finding.end_line,
                        "endColumn": finding.end_column + 1,  # SARIF's end column is exclusive
                    },
                }
            }
        ],
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    return result


_SRCROOT = "%SRCROOT%"
#: What a relative URI may hold unencoded besides letters and digits (RFC
#: 3986's unreserved characters, the sub-delimiters, "@", and "/" between
#: segments); "%", "#", "?", ":" (a first segment "notes:2024.md" would read as
#: a scheme), spaces and every other byte are encoded.
_SAFE = "/-._~!$&'()*+,;=@"


def _artifact(path: str, root: str) -> dict:
    """The finding's file: relative to the repository's root when inside it
    (with its base ID), else an absolute file URI."""
    relative = inside_root(path, root)
    if relative is None:  # percent-encoded from the name's bytes
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": _encoded(relative), "uriBaseId": _SRCROOT}


def _encoded(path: str) -> str:
    """The path percent-encoded from its bytes (a name that is not UTF-8
    keeps its bytes: ``os.fsencode`` undoes Python's surrogateescape)."""
    return quote(os.fsencode(path), safe=_SAFE)
