"""``--format sarif``: SARIF 2.1.0, for code-scanning dashboards (GitHub code
scanning, Azure DevOps, SonarQube).

Each rule that ran is described in ``tool.driver.rules`` from its YAML (ID,
one-line description, rationale and examples as help, default level); each
finding is a result with its rule, level, message and region. What GitHub
requires is always there: ``ruleId``, ``level``, ``message.text`` and a
location with ``artifactLocation.uri`` and ``region.startLine``.

An absolute path becomes a ``file:`` URI, percent-encoded from the name's
bytes (``caf%E9.md``); a relative one stays a relative path, shown by
``escape.path_text`` (``caf\\xe9.md``, ``new\\nline.md``). Messages are as
they are, in JSON that ``escape.to_json`` keeps valid UTF-8.
"""

from __future__ import annotations

from pathlib import Path

from medlint import __version__
from medlint.findings import Severity
from medlint.report.escape import path_text, to_json
from medlint.rules import Rule
from medlint.runner import RunResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(result: RunResult) -> str:
    rules = [r.rule for r in result.rules_run]
    index = {rule.id: i for i, rule in enumerate(rules)}
    severity = {r.rule.id: r.severity for r in result.rules_run}
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
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index) for f in result.findings],
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


def _result(finding, index: dict[str, int]) -> dict:
    result = {
        "ruleId": finding.rule,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.path)},
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


def _uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it against the
    repository); an absolute one becomes a file URI."""
    candidate = Path(path)
    return candidate.as_uri() if candidate.is_absolute() else path_text(candidate.as_posix())
