"""Every fixture article, checked with its folder's rule alone, gives exactly
the findings listed beside it (see fixtures/README.md)."""

from __future__ import annotations

import json

import pytest

from medlint.rules import builtin_rules_dir, load_pack

from conftest import FIXTURES, TODAY

ARTICLES = sorted(
    p for p in FIXTURES.glob("*/*") if p.suffix in (".md", ".txt") and p.name != "README.md"
)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(article, medlint):
    rule = article.parent.name
    also = article.with_name(article.name + ".select")  # other rules the case needs to run
    if also.exists():
        rule += "," + ",".join(also.read_text().split())
    run = medlint("check", "--select", rule, "--today", TODAY, "--format", "json", article)
    assert run.code in (0, 1), run.err
    found = [f"{f['line']}:{f['column']}" for f in json.loads(run.out)["findings"]]
    expected_file = article.with_name(article.name + ".expected")
    expected = expected_file.read_text().split() if expected_file.exists() else []
    assert found == expected, run.out


def test_every_rule_has_positive_and_near_miss_fixtures():
    for rule_id in load_pack(builtin_rules_dir()):
        names = [p.name for p in ARTICLES if p.parent.name == rule_id]
        assert any(n.startswith("flag-") for n in names), f"{rule_id} has no flag- fixture"
        assert any(n.startswith("ok-") for n in names), f"{rule_id} has no ok- fixture"


def test_fixture_folders_name_real_rules():
    rules = load_pack(builtin_rules_dir())
    for folder in FIXTURES.iterdir():
        if folder.is_dir():
            assert folder.name in rules, folder
