"""The examples/ articles, and the real page they were modelled on, give
exactly the findings the project promises (issue 2's "done when")."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from medlint.rules import builtin_rules_dir, load_pack

from conftest import EXAMPLES, SEED, TODAY, needs_seed

ALL_RULES = sorted(load_pack(builtin_rules_dir()))

CORE_RULES = (
    "duplicate-paragraph,duplicate-sentence,empty-list-intro,stale-review-date,"
    "missing-review-date,invalid-review-date,missing-disclaimer,readability"
)
SEED_FINDINGS = [
    (1, "stale-review-date", "error"),
    (4, "duplicate-paragraph", "error"),
    (5, "duplicate-sentence", "warning"),
    (6, "empty-list-intro", "error"),
]
#: What the rule packs of issue 3 add on the seed's shape, besides long sentences.
PACK_FINDINGS = [
    (1, "unattributed-review"),
    (2, "undefined-acronym"),
    (3, "leaked-boilerplate"),
]


def findings(medlint, path, *args):
    run = medlint("check", "--today", TODAY, "--format", "json", path, *args)
    return run, json.loads(run.out)["findings"]


def assert_seed_shape(run, found):
    assert [(f["line"], f["rule"], f["severity"]) for f in found if f["rule"] != "readability"] == (
        SEED_FINDINGS
    )
    assert [f["severity"] for f in found if f["rule"] == "readability"] == ["warning"]
    assert len(found) == 5
    paragraph = next(f for f in found if f["rule"] == "duplicate-paragraph")
    assert "line 2" in paragraph["message"]
    assert run.code == 1


def assert_seed_shape_with_packs(found):
    """Every rule on: the core findings, plus the packs' three, plus long sentences;
    no spelling finding, and VEGF and ASCT count as defined."""
    others = [(f["line"], f["rule"]) for f in found if f["rule"] != "long-sentence"]
    expected = sorted(PACK_FINDINGS + [(line, rule) for line, rule, _ in SEED_FINDINGS])
    assert sorted((line, rule) for line, rule in others if rule != "readability") == expected
    acronyms = [f["message"] for f in found if f["rule"] == "undefined-acronym"]
    assert len(acronyms) == 1 and "Acronym POEMS " in acronyms[0]
    assert all(f["severity"] == "warning" for f in found if f["rule"] == "long-sentence")


@needs_seed
def test_the_real_page(medlint):
    assert_seed_shape(*findings(medlint, SEED, "--select", CORE_RULES))
    assert_seed_shape_with_packs(findings(medlint, SEED)[1])


@pytest.mark.parametrize("path", [EXAMPLES / "poems-syndrome.txt"], ids=["poems-syndrome"])
def test_poems_syndrome_example_has_the_same_defects(medlint, path):
    assert_seed_shape(*findings(medlint, path, "--select", CORE_RULES))
    assert_seed_shape_with_packs(findings(medlint, path)[1])


def test_clean_example_has_no_finding(medlint):
    run, found = findings(medlint, EXAMPLES / "seasonal-flu.md")
    assert found == [] and run.code == 0


def test_defect_example_gives_each_core_rule_once(medlint):
    run, found = findings(medlint, EXAMPLES / "iron-deficiency-anemia.md", "--select", CORE_RULES)
    assert Counter(f["rule"] for f in found) == {
        "duplicate-paragraph": 1,
        "duplicate-sentence": 1,
        "empty-list-intro": 1,
        "stale-review-date": 1,
        "invalid-review-date": 1,
        "missing-disclaimer": 1,
        "readability": 1,
    }
    assert run.code == 1


def test_clean_example_is_clean_with_every_rule_on(medlint):
    run, found = findings(medlint, EXAMPLES / "seasonal-flu.md", "--select", ",".join(ALL_RULES))
    assert found == [] and run.code == 0


def test_undated_example(medlint):
    _, found = findings(medlint, EXAMPLES / "missing-review-date.md")
    assert [f["rule"] for f in found] == ["missing-review-date"]


def test_example_config_loads_and_changes_nothing(medlint, monkeypatch):
    monkeypatch.chdir(EXAMPLES)
    run, found = findings(medlint, "seasonal-flu.md")
    assert run.code == 0 and found == []
    _, with_config = findings(medlint, "poems-syndrome.txt")
    monkeypatch.chdir(EXAMPLES.parent)
    _, without = findings(medlint, EXAMPLES / "poems-syndrome.txt")
    assert [(f["line"], f["rule"]) for f in with_config] == [
        (f["line"], f["rule"]) for f in without
    ]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.*")), ids=lambda p: p.name)
def test_examples_are_utf8_text(path):
    path.read_text(encoding="utf-8")


def test_example_config_changes_nothing(tmp_path, medlint):
    """examples/medlint.yaml says that every value in it is the default: with it
    or without any config, the example articles give the same findings."""
    for article in EXAMPLES.iterdir():
        if article.suffix in (".md", ".txt"):
            (tmp_path / article.name).write_bytes(article.read_bytes())
    args = ("check", "--today", TODAY, "--format", "json", tmp_path)
    bare = json.loads(medlint(*args).out)["findings"]
    configured = json.loads(medlint(*args, "--config", EXAMPLES / "medlint.yaml").out)["findings"]
    assert bare and configured == bare
