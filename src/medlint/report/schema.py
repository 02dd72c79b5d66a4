"""The JSON Schema of ``medlint.yaml``, made from the same definitions the
config is read by: the top-level keys (``TOP_LEVEL_DOCS``) and each rule's
check kind's options (type, default, choices, minimum, help). Editors that
validate YAML by a schema (the YAML language server: VS Code, JetBrains,
Neovim) complete and check a config with it; ``medlint schema`` prints it,
for the rules of the config's packs too, and the repository keeps the
built-in rules' as ``medlint.schema.json`` (a test holds it to this).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from medlint.checks.base import Option
from medlint.discovery import DEFAULT_INCLUDE
from medlint.rules import EXTENSIBLE_TYPES, Rule

SEVERITIES = ["error", "warning", "info", "off"]

#: The top-level keys of a config: (JSON Schema, help). The help is what
#: ``medlint init`` writes above each key, too.
TOP_LEVEL_DOCS: dict[str, tuple[dict[str, Any], str]] = {
    "extend": (
        {"type": "string"},
        "A shared config file to start from (relative to this file); this file's settings "
        "override its settings.",
    ),
    "packs": (
        {"type": "array", "items": {"type": "string"}, "default": []},
        "Rule packs of your own (directories of rule YAML files), relative to this file.",
    ),
    "include": (
        {"type": "array", "items": {"type": "string"}, "default": list(DEFAULT_INCLUDE)},
        "Which files a directory walk checks (globs relative to this file; .gitignore is "
        "honoured as well).",
    ),
    "exclude": (
        {"type": "array", "items": {"type": "string"}, "default": []},
        "Which files and folders a directory walk leaves out (globs relative to this file).",
    ),
    "default-exclude": (
        {"type": "boolean", "default": True},
        "Leave out the repository's own files too (README, CHANGELOG, LICENSE, templates, ...).",
    ),
    "per-file-ignores": (
        {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "default": {},
        },
        "Rules silenced for some files, by glob (plain text has no inline comments).",
    ),
    "select": (
        {"type": "array", "items": {"type": "string"}},
        "Run only these rules, by ID (without it: every rule that is on).",
    ),
    "extend-select": (
        {"type": "array", "items": {"type": "string"}, "default": []},
        "Run these rules as well, opt-in ones too, by ID.",
    ),
    "ignore": (
        {"type": "array", "items": {"type": "string"}, "default": []},
        "Rules that never run, by ID.",
    ),
    "fail-on": (
        {"enum": ["error", "warning", "info"], "default": "error"},
        "Lowest severity that makes `medlint check` exit with code 1.",
    ),
    "max-file-size": (
        {"type": ["integer", "string"], "default": "10MB"},
        'Larger files are not read (an unreadable-file finding): bytes, or "10MB", "512KB".',
    ),
    "language": (
        {"enum": ["en-US", "en-GB"], "default": "en-US"},
        "The articles' English (spelling, dates), unless an article's front matter names its "
        "own (lang: en-GB).",
    ),
    "rules": ({"type": "object"}, "Each rule's severity and options, by rule ID."),
}

_TYPES: dict[str, dict[str, Any]] = {
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "string": {"type": "string"},
    "string-list": {"type": "array", "items": {"type": "string"}},
    "pattern-list": {"type": "array", "items": {"type": "string", "format": "regex"}},
    "path-list": {"type": "array", "items": {"type": "string"}},
    "string-map": {"type": "object", "additionalProperties": {"type": "string"}},
    "pattern-map": {"type": "object", "additionalProperties": {"type": "string"}},
}


def option_schema(option: Option, default: Any) -> dict[str, Any]:
    schema = dict(_TYPES[option.type])
    if option.choices:
        schema["enum"] = list(option.choices)
    if option.minimum is not None:
        schema["minimum"] = option.minimum
    if option.type != "path-list":  # (files inside the installed package: not the user's)
        schema["default"] = default
    schema["description"] = " ".join(option.help.split())
    return schema


def rule_schema(rule: Rule) -> dict[str, Any]:
    """A rule's settings: a severity alone ("readability: off"), or its
    severity and options (``extend-NAME`` adds to a list or map option)."""
    properties: dict[str, Any] = {
        "severity": {
            "enum": SEVERITIES,
            "default": str(rule.severity) if rule.enabled else "off",
            "description": "How a finding of the rule is reported (off: the rule does not run).",
        }
    }
    for name, option in rule.kind.OPTIONS.items():
        if name.startswith("_"):
            continue
        properties[name] = option_schema(option, rule.options.get(name, option.default))
        if option.type in EXTENSIBLE_TYPES:
            extended = dict(_TYPES[option.type])
            extended["description"] = f"Added to the {name} option's defaults."
            properties[f"extend-{name}"] = extended
    description = " ".join(rule.description.split())
    return {
        "description": description,
        "anyOf": [
            {"enum": SEVERITIES},
            {"type": "object", "properties": properties, "additionalProperties": False},
        ],
    }


def _either(given: dict[str, Any], *shapes: dict[str, Any]) -> dict[str, Any]:
    """``given``'s description and default, its value in any of ``shapes``:
    what the config reader accepts (a list, or a string it splits)."""
    kept = {k: given[k] for k in ("description", "default") if k in given}
    bare = [
        {k: v for k, v in shape.items() if k not in ("description", "default")} for shape in shapes
    ]
    return {**kept, "anyOf": bare}


def config_schema(rules: Mapping[str, Rule]) -> dict[str, Any]:
    """The JSON Schema (draft-07, which every YAML language server reads) of a
    config whose rules are ``rules``."""
    properties: dict[str, Any] = {}
    for key, (schema, help_text) in TOP_LEVEL_DOCS.items():
        properties[key] = {**schema, "description": help_text}
    rule_ids = sorted(rules)
    ids = {"type": "array", "items": {"enum": rule_ids}}
    some_ids = {"type": "string", "description": "Rule IDs, separated by commas."}
    for key in ("select", "extend-select", "ignore"):
        properties[key] = {**_either(properties[key], ids, some_ids)}
    for key in ("include", "exclude"):  # (a single glob may be given as a string)
        properties[key] = _either(properties[key], properties[key], {"type": "string"})
    per_file = properties["per-file-ignores"]
    per_file["additionalProperties"] = {"anyOf": [ids, some_ids]}
    properties["rules"] = {
        "type": "object",
        "description": TOP_LEVEL_DOCS["rules"][1],
        "properties": {rule_id: rule_schema(rules[rule_id]) for rule_id in rule_ids},
        "additionalProperties": False,
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "medlint configuration (medlint.yaml, .medlint.yaml, [tool.medlint])",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
