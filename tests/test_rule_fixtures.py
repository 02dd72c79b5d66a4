"""Every fixture article, checked with its folder's rule alone, gives exactly
the findings listed beside it (see fixtures/README.md)."""

from __future__ import annotations

import json
import re

import pytest

from medlint.rules import builtin_rules_dir, load_pack

from conftest import FIXTURES, TODAY

ARTICLES = sorted(
    p
    for p in FIXTURES.glob("*/*")
    if p.suffix in (".md", ".txt", ".html", ".mdx") and p.name != "README.md"
)
#: Sites: a folder of articles checked together (rules that compare articles).
SITES = sorted(
    p for p in FIXTURES.glob("*/*") if p.is_dir() and p.name.startswith(("flag-", "ok-"))
)


def expected_findings(article) -> list[tuple[str, str, str]]:
    """(line:column, rule, part of the message) for each line of the article's
    .expected file: ``6:1 empty-list-intro "Common medications include:"``."""
    expected_file = article.with_name(article.name + ".expected")
    if not expected_file.exists():
        return []
    rows = []
    for line in expected_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            where, rule, fragment = line.split(maxsplit=2)
            rows.append((where, rule, fragment))
    return rows


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(article, medlint):
    rule = article.parent.name
    also = article.with_name(article.name + ".select")  # other rules the case needs to run
    if also.exists():
        rule += "," + ",".join(also.read_text().split())
    run = medlint("check", "--select", rule, "--today", TODAY, "--format", "json", article)
    assert run.code in (0, 1), run.err
    findings = json.loads(run.out)["findings"]
    expected = expected_findings(article)
    found = [(f"{f['line']}:{f['column']}", f["rule"]) for f in findings]
    assert found == [(where, rule) for where, rule, _ in expected], run.out
    for finding, (_, _, fragment) in zip(findings, expected, strict=True):
        assert fragment in finding["message"], (fragment, finding["message"])


@pytest.mark.parametrize("site", SITES, ids=lambda p: f"{p.parent.name}/{p.name}/")
def test_site_fixture(site, medlint, monkeypatch):
    """A site's findings, in every article of it, are those listed beside
    it: ``a.md:6:1 copied-paragraph "part of the message"``; checked in one
    process and in two, with the same result."""
    rule = site.parent.name
    monkeypatch.chdir(site)
    expected = expected_findings(site)
    for jobs in ("1", "2"):
        run = medlint(
            "check", "--select", rule, "--today", TODAY, "--format", "json", "-j", jobs, "."
        )
        assert run.code in (0, 1), run.err
        findings = json.loads(run.out)["findings"]
        found = [(f"{f['path']}:{f['line']}:{f['column']}", f["rule"]) for f in findings]
        assert found == [(where, rule) for where, rule, _ in expected], run.out
        for finding, (_, _, fragment) in zip(findings, expected, strict=True):
            assert fragment in finding["message"], (fragment, finding["message"])


def test_every_flag_fixture_says_what_it_expects():
    """A flag- case names each finding's place, rule and words; an ok- case
    expects nothing."""
    for article in ARTICLES + SITES:
        expected = article.with_name(article.name + ".expected")
        where_pattern = r"[\w.-]+:\d+:\d+" if article.is_dir() else r"\d+:\d+"
        if article.name.startswith("flag-"):
            assert expected.exists(), f"{article} has no .expected file"
            rows = expected_findings(article)
            assert rows, f"{expected} is empty"
            for where, rule, fragment in rows:
                assert re.fullmatch(where_pattern, where) and rule and fragment.strip(), expected
        elif article.name.startswith("ok-"):
            assert not expected.exists(), f"{article} is a near-miss: it expects no finding"


def test_every_rule_has_positive_and_near_miss_fixtures():
    for rule_id in load_pack(builtin_rules_dir()):
        names = [p.name for p in ARTICLES + SITES if p.parent.name == rule_id]
        assert any(n.startswith("flag-") for n in names), f"{rule_id} has no flag- fixture"
        assert any(n.startswith("ok-") for n in names), f"{rule_id} has no ok- fixture"


def test_fixture_folders_name_real_rules():
    rules = load_pack(builtin_rules_dir())
    for folder in FIXTURES.iterdir():
        if folder.is_dir():
            assert folder.name in rules, folder
