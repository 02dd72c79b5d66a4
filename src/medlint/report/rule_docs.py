"""``medlint rules`` and ``medlint explain``: the rules' own YAML, printed for
people, so that the documentation cannot drift from the rules."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from medlint.config import Config, RuleSettings
from medlint.rules import Rule


def fix_safety(rule: Rule) -> str:
    """'safe', 'unsafe' or 'no': whether ``medlint check --fix`` can mend it."""
    return getattr(rule.kind, "FIX", None) or "no"


def rules_table(rules: Mapping[str, Rule], config: Config) -> str:
    """One line per rule: ID, severity as configured, fixable, description."""
    rows = [("RULE", "SEVERITY", "FIX", "DESCRIPTION")]
    for rule_id in sorted(rules):
        rule = rules[rule_id]
        settings = config.rules.get(rule_id, RuleSettings())
        severity = str(settings.severity or rule.severity)
        if not rule.enabled and settings.severity is None:
            severity += " (off)"
        rows.append((rule_id, severity, fix_safety(rule), rule.description))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return (
        "\n".join(
            "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
            + "  "
            + row[3]
            for row in rows
        )
        + "\n"
    )


def explain(rule: Rule) -> str:
    """A rule's page: what it flags, why it matters, an example, its options."""
    state = "" if rule.enabled else ", off by default"
    lines = [
        f"{rule.id} ({rule.severity}{state}; fix: {fix_safety(rule)})",
        "",
        _wrap(rule.description),
        "",
        "Why it matters",
        _wrap(rule.rationale),
    ]
    for title, key in (("Flagged", "bad"), ("Instead", "good")):
        if rule.examples.get(key):
            lines += ["", title, textwrap.indent(rule.examples[key].rstrip("\n"), "    ")]
    if rule.options:
        lines += ["", "Options (defaults)"]
        for name, value in rule.options.items():
            help_text = rule.kind.OPTIONS[name].help
            lines.append(f"  {name}: {_value(value)}")
            lines.append(textwrap.indent(_wrap(help_text, 74), "      "))
    lines += ["", f"Check kind: {rule.check}. Defined in {rule.source}."]
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int = 78) -> str:
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(textwrap.fill(p, width) for p in paragraphs if p)


def _value(value: object) -> str:
    if isinstance(value, list) and len(value) > 6:
        return f"[{', '.join(map(str, value[:6]))}, ... {len(value) - 6} more]"
    if isinstance(value, dict):
        return f"{{{len(value)} entries}}"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
