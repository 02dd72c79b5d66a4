"""One definition of the config, three views of it that must not disagree:
the JSON Schema editors validate medlint.yaml with, the template `medlint
init` writes, and the README's table of rule options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from medlint.report.rule_docs import config_template
from medlint.report.schema import config_schema
from medlint.rules import builtin_rules_dir, load_pack

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def schema():
    return config_schema(load_pack(builtin_rules_dir()))


@pytest.fixture(scope="module")
def validator(schema):
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_the_published_schema_and_the_readme_table_are_the_generated_ones():
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_medlint_schema_prints_it(schema, medlint):
    run = medlint("schema")
    assert run.code == 0 and json.loads(run.out) == schema


def test_the_init_template_and_the_example_config_are_valid(validator, tmp_path, medlint):
    written = tmp_path / "medlint.yaml"
    assert medlint("init", str(written)).code == 0
    for path in (written, ROOT / "examples" / "medlint.yaml"):
        # The C loader (libyaml, YAML 1.1) reads them too, as other tools will.
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        errors = [error.message for error in validator.iter_errors(data)]
        assert errors == [], path


def test_the_template_names_every_option_the_schema_has(schema):
    template = YAML(typ="safe").load(config_template(load_pack(builtin_rules_dir())))
    rules = schema["properties"]["rules"]["properties"]
    assert set(template["rules"]) == set(rules)
    for rule_id, settings in template["rules"].items():
        known = rules[rule_id]["anyOf"][1]["properties"]
        assert set(settings or {}) <= set(known), rule_id
    assert set(template) <= set(schema["properties"])


@pytest.mark.parametrize(
    ("config", "medlint_says"),
    [
        ({"fail-on": "loud"}, "fail-on"),
        ({"rules": {"readability": {"max-grade": "eight"}}}, "max-grade"),
        ({"rules": {"readability": {"max-grade": 3, "colour": "red"}}}, "colour"),
        ({"rules": {"no-such-rule": "off"}}, "no-such-rule"),
        ({"ignore": ["no-such-rule"]}, "no-such-rule"),
        ({"lenguage": "en-GB"}, "lenguage"),
        ({"default-exclude": "yes"}, "default-exclude"),
    ],
)
def test_what_the_schema_refuses_medlint_refuses(
    validator, tmp_path, medlint, config, medlint_says
):
    assert list(validator.iter_errors(config)), config
    (tmp_path / "medlint.yaml").write_text(json.dumps(config), encoding="utf-8")
    (tmp_path / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    run = medlint("check", "--no-cache", "--config", str(tmp_path / "medlint.yaml"),
                  str(tmp_path / "a.md"))  # fmt: skip
    assert run.code == 2 and medlint_says in run.err


def test_what_the_schema_accepts_medlint_accepts(validator, tmp_path, medlint):
    config = {
        "extend-select": ["plain-language"],
        "per-file-ignores": {"legacy/*": ["spelling"], "*.txt": "readability"},
        "max-file-size": "2MB",
        "select": "readability, spelling, long-sentence, plain-language",  # (a string too)
        "include": "*.md",
        "language": "en-GB",
        "rules": {
            "readability": {"max-grade": 9, "formula": "smog"},
            "long-sentence": "warning",
            "spelling": {"extend-words": ["anaemia"], "severity": "info"},
        },
    }
    assert list(validator.iter_errors(config)) == []
    (tmp_path / "medlint.yaml").write_text(json.dumps(config), encoding="utf-8")
    (tmp_path / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    run = medlint("check", "--no-cache", "--config", str(tmp_path / "medlint.yaml"),
                  str(tmp_path / "a.md"))  # fmt: skip
    assert run.code in (0, 1), run.err
