"""``medlint rules`` and ``medlint explain``: the rules' own YAML, printed for
people, so that the documentation cannot drift from the rules."""

from __future__ import annotations

import io
import json
import textwrap
from collections.abc import Mapping
from pathlib import Path

from medlint.config import Config, RuleSettings
from medlint.rules import Rule


def fix_safety(rule: Rule) -> str:
    """'safe', 'unsafe' or 'no': whether ``medlint check --fix`` can mend it."""
    decide = getattr(rule.kind, "fix_safety", None)
    if decide is not None:
        return decide(rule.options) or "no"
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


def config_template(rules: Mapping[str, Rule]) -> str:
    """A medlint.yaml naming every rule with its severity and options at their
    defaults, each explained in a comment: ready to edit."""
    from medlint.report.schema import TOP_LEVEL_DOCS

    lines = [
        "# medlint configuration, written by `medlint init`.",
        "# Every value is the default: change what you need and delete the rest.",
        "# `medlint explain RULE` tells what a rule checks and why.",
        "",
    ]
    for key in ("fail-on", "packs", "include", "exclude", "default-exclude", "per-file-ignores"):
        schema, help_text = TOP_LEVEL_DOCS[key]
        lines += _comment(help_text, "")
        lines.append(f"{key}: {flow(schema['default'])}")
    lines += [*_comment(TOP_LEVEL_DOCS["ignore"][1], ""), "ignore: []", "", "rules:"]
    for rule_id in sorted(rules):
        lines += _rule_section(rules[rule_id])
    return "\n".join(lines)


def _rule_section(rule: Rule) -> list[str]:
    lines = _comment(rule.description, "  ")
    lines.append(f"  {rule.id}:")
    if rule.enabled:
        lines.append(f"    severity: {rule.severity}")
    else:
        lines.append(f"    # severity: {rule.severity}  (off by default: uncomment to turn it on)")
    for name, value in rule.options.items():
        option = rule.kind.OPTIONS[name]
        lines += _comment(option.help, "    ")
        if option.type == "path-list" and value:
            # Files inside the installed package: their paths are not yours to
            # pin, and naming the option would replace them; extend- adds.
            names = ", ".join(Path(v).name for v in value)
            lines.append(f"    # {name}: bundled with medlint ({names}); add your own files here:")
            lines.append(f"    extend-{name}: []")
        else:
            lines.append(f"    {name}:{_yaml(value)}")
    return [*lines, ""]


def flow(value: object) -> str:
    """A value as one line of YAML's flow style (strings JSON-quoted unless a
    plain word: JSON is YAML): for ``medlint init`` and ``--show-settings``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        plain = value.replace("-", "").replace("_", "").isalnum()
        return value if plain else json.dumps(value, ensure_ascii=False)
    return "null" if value is None else str(value)


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()), 86, initial_indent=f"{indent}# ", subsequent_indent=f"{indent}# "
    )


def _yaml(value: object) -> str:
    """The value as YAML after its key: inline when short, as a block when long."""
    from ruamel.yaml import YAML

    long = isinstance(value, (list, dict)) and len(value) > 12
    if isinstance(value, (list, dict)) and not long:
        # JSON, which is YAML to every reader: a plain scalar with a ":" in a
        # flow list ("(?:a|b)") is YAML 1.2 but not 1.1, and libyaml refused it.
        return " " + json.dumps(value, ensure_ascii=False)
    yaml = YAML(typ="safe", pure=True)
    yaml.width = 4096
    yaml.default_flow_style = not long
    buffer = io.StringIO()
    yaml.dump(value, buffer)
    text = buffer.getvalue().rstrip("\n").removesuffix("...").rstrip()
    if long:
        return "\n" + textwrap.indent(text, "      ")
    return " " + text


#: Where the README's table of rule options begins and ends (it is generated:
#: ``python scripts/generate_docs.py``; a test holds it to ``options_table``).
TABLE_START = "<!-- generated by scripts/generate_docs.py: rule options -->"
TABLE_END = "<!-- end of generated rule options -->"


def options_table(rules: Mapping[str, Rule]) -> str:
    """The rules' options as a Markdown table: each with its default and the
    help its check kind gives (what ``medlint init`` writes, and the schema)."""
    lines = ["| Rule | Option | Default | Meaning |", "|---|---|---|---|"]
    for rule_id in sorted(rules):
        rule = rules[rule_id]
        first = True
        for name, option in rule.kind.OPTIONS.items():
            if name.startswith("_"):
                continue
            default = _cell(rule.id, option.type, rule.options.get(name, option.default))
            meaning = " ".join(option.help.split()).replace("|", "\\|")
            lines.append(f"| {rule_id if first else ''} | `{name}` | {default} | {meaning} |")
            first = False
    return "\n".join(lines) + "\n"


def _cell(rule_id: str, kind: str, value: object) -> str:
    if kind == "path-list":
        return "files bundled with medlint" if value else "`[]`"
    text = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.replace("-", "").isalnum():
        text = value
    if len(text) > 40:
        return f"see `medlint explain {rule_id}`"
    return "`" + text.replace("|", "\\|") + "`"
