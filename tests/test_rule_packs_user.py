"""Users extend medlint with rules written as data: packs, patterns, word lists."""

from __future__ import annotations

import json
import textwrap

import pytest

from conftest import TODAY

HOUSE_RULE = """\
id: house-brand-names
check: substitution
severity: warning
message: 'Write the generic name: "{replacement}", not "{match}"'
description: Brand names of medicines, where the generic name is house style.
rationale: Readers compare medicines by their generic names, which do not change between countries.
examples:
  bad: Take Tylenol for the fever.
  good: Take acetaminophen for the fever.
options:
  swap:
    tylenol: acetaminophen
    advil|motrin: ibuprofen
"""


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "articles" / "fever.md", "Take Tylenol or Advil for the fever. Recieve rest.\n"
    )
    return tmp_path


def findings(medlint, *args):
    run = medlint("check", "--today", TODAY, "--format", "json", *args)
    return run, json.loads(run.out)["findings"] if run.out else []


def test_a_house_rule_without_python(repo, medlint):
    write(repo / "house-rules" / "brand-names.yaml", HOUSE_RULE)
    write(repo / "medlint.yaml", "packs: [house-rules]\n")
    run, found = findings(medlint, "--select", "house-brand-names", "articles")
    assert [(f["column"], f["message"]) for f in found] == [
        (6, 'Write the generic name: "Acetaminophen", not "Tylenol"'),
        (17, 'Write the generic name: "Ibuprofen", not "Advil"'),
    ]
    assert run.code == 0  # warnings do not fail the default gate
    assert "house-brand-names" in medlint("rules").out
    assert "Readers compare medicines" in medlint("explain", "house-brand-names").out


def test_a_pack_rule_replaces_the_builtin_one_with_its_id(repo, medlint):
    write(
        repo / "house-rules" / "leaked-boilerplate.yaml",
        """\
        id: leaked-boilerplate
        check: existence
        severity: warning
        message: 'House boilerplate: "{match}"'
        description: Our CMS's own leftovers.
        rationale: >-
          Our CMS leaves "Share this page" in exported articles; readers should never see it.
        examples: {bad: Share this page, good: (nothing)}
        options: {tokens: ['share this page']}
        """,
    )
    write(repo / "medlint.yaml", "packs: [house-rules]\n")
    write(repo / "articles" / "fever.md", "Share this page. Click here.\n")
    _, found = findings(medlint, "--select", "leaked-boilerplate", "articles")
    assert [(f["severity"], f["message"]) for f in found] == [
        ("warning", 'House boilerplate: "Share this page"')
    ]


def test_existence_and_conditional_kinds_from_a_pack(repo, medlint):
    write(
        repo / "pack" / "no-miracle.yaml",
        """\
        id: no-miracle-cure
        check: existence
        severity: error
        message: '"{match}" overpromises: describe the evidence instead'
        description: Claims of miracle cures.
        rationale: Health claims must match the evidence; "miracle" never does.
        examples: {bad: A miracle cure for arthritis., good: A treatment that helps some people.}
        options: {tokens: ['miracle (?:cure|drug)s?', 'CURE'], ignore-case: false}
        """,
    )
    write(
        repo / "pack" / "table-promise.yaml",
        """\
        id: table-promised
        check: conditional
        severity: warning
        message: '"{match}" promises a table: add it'
        description: Text that refers to a table the article does not have.
        rationale: >-
          A reference to a missing table sends readers looking for something not there.
        examples: {bad: See the table below., good: See the table below. (and a table)}
        options: {first: ['the table below'], second: ['\\|'], scope: all}
        """,
    )
    write(repo / "medlint.yaml", "packs: [pack]\n")
    write(
        repo / "articles" / "fever.md",
        "A miracle cure? A Miracle Drug! The CURE and the cure. See the table below.\n",
    )
    _, found = findings(medlint, "--select", "no-miracle-cure,table-promised", "articles")
    assert [(f["rule"], f["column"]) for f in found] == [
        ("no-miracle-cure", 3),
        ("no-miracle-cure", 37),
        ("table-promised", 60),
    ]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("'(unclosed'", "pattern '(unclosed' does not compile"),
        ("'a)b'", "pattern 'a)b' does not compile"),
    ],
)
def test_a_bad_user_pattern_is_a_config_error_naming_file_and_line(repo, medlint, pattern, message):
    write(
        repo / "pack" / "bad.yaml",
        f"""\
        id: bad-pattern
        check: existence
        severity: error
        message: '{{match}}'
        description: A rule with a broken pattern.
        options:
          tokens:
            - {pattern}
        """,
    )
    write(repo / "medlint.yaml", "packs: [pack]\n")
    run = medlint("check", "articles")
    assert run.code == 2
    assert "bad.yaml:7: option 'tokens' of rule 'bad-pattern'" in run.err
    assert message in run.err
    assert "Traceback" not in run.err


def test_a_swap_term_that_compiles_only_alone_is_a_config_error_whatever_the_articles(
    repo, medlint
):
    """A substitution's terms are searched as one pattern, each term its own
    group: a backreference by number then names another group. That is the
    config's error, found when it is read, not an internal error of the
    articles whose text happens to be searched."""
    write(repo / "medlint.yaml", "rules:\n  plain-language:\n    swap:\n      '(ab)\\1': x\n")
    write(repo / "articles" / "heading.md", "# Only a heading\n")
    run = medlint("check", "--no-cache", "articles")
    assert run.code == 2
    assert "medlint.yaml:3: rules.plain-language: option 'swap'" in run.err
    assert "refer to a group by name" in run.err and "internal error" not in run.err


def test_a_slow_user_pattern_is_stopped_and_named(repo, medlint):
    write(
        repo / "pack" / "slow.yaml",
        """\
        id: slow-pattern
        check: existence
        severity: error
        message: '{match}'
        description: A pattern that backtracks without end on long text.
        options:
          tokens: ['(?:\\w+\\s?)+[^\\w\\s]']
          whole-words: false
        """,
    )
    write(repo / "medlint.yaml", "packs: [pack]\n")
    write(repo / "articles" / "long.md", "word " * 20000 + "\n")
    run = medlint("check", "--select", "slow-pattern", "articles")
    assert run.code == 2
    assert "rule slow-pattern" in run.err and "took longer than" in run.err
    assert "slow.yaml" in run.err


def test_missing_pack_directory(repo, medlint):
    write(repo / "medlint.yaml", "packs: [nowhere]\n")
    run = medlint("check", "articles")
    assert run.code == 2 and "packs: directory 'nowhere' not found" in run.err


def test_project_words_config_words_and_hunspell(repo, medlint):
    """Three house words that look like typos of English ones: each is accepted
    once added through one of the three ways of adding words."""
    write(repo / "articles" / "fever.md", "Our clinc uses the docter scale and pateint tests.\n")
    args = ("--select", "spelling", "articles")
    flagged = sorted(f["message"].split('"')[1] for f in findings(medlint, *args)[1])
    assert flagged == ["clinc", "docter", "pateint"]
    write(repo / ".medlint-words.txt", "# our words\nclinc\n")
    write(repo / "medlint.yaml", "rules:\n  spelling:\n    words: [Docter]\n")
    assert [f["message"].split('"')[1] for f in findings(medlint, *args)[1]] == ["pateint"]
    write(repo / "extra.dic", "1\npateint/S\n")
    write(
        repo / "medlint.yaml",
        "rules:\n  spelling:\n    words: [docter]\n    dictionaries: [extra.dic]\n",
    )
    assert findings(medlint, *args)[1] == []


def test_missing_dictionary_file_is_a_config_error(repo, medlint):
    write(repo / "medlint.yaml", "rules:\n  spelling:\n    dictionaries: [missing.dic]\n")
    run = medlint("check", "articles")
    assert run.code == 2
    assert "medlint.yaml:3: rules.spelling: option 'dictionaries'" in run.err
    assert "file 'missing.dic' not found" in run.err


def test_duplicate_sentence_defers_to_the_rule_named_not_to_its_kind(repo, medlint):
    """A pack rule of kind duplicate-paragraph with options of its own (here:
    long paragraphs only, anywhere in the article) does not change what
    duplicate-sentence leaves to the built-in duplicate-paragraph: the
    engine defers by rule ID, to the findings that rule made."""
    write(
        repo / "house-rules" / "long-repeats.yaml",
        """\
        id: long-repeats
        check: duplicate-paragraph
        severity: warning
        message: 'Long paragraph {relation} line {other_line}: {advice}'
        description: Repeats of long paragraphs anywhere in the article.
        rationale: >-
          Our long explainer paragraphs are pasted between sections by the CMS
          when a page is merged, and editors want to see every such paste.
        examples: {bad: (a long paragraph twice), good: (once)}
        options: {scope: article, min-words: 60}
        """,
    )
    write(repo / "medlint.yaml", "packs: [house-rules]\n")
    sentence = "Iron helps red blood cells carry oxygen around the body, so you need some daily."
    more = "Red meat, beans and dark green vegetables are good sources of it."
    write(repo / "articles" / "iron.md", f"# Iron\n\n{sentence}\n\n{sentence} {more}\n")
    _, found = findings(
        medlint, "--select", "duplicate-paragraph,duplicate-sentence,long-repeats", "articles"
    )
    assert [(f["line"], f["rule"]) for f in found] == [(3, "duplicate-paragraph")]
    # Without duplicate-paragraph, the repeated sentence is duplicate-sentence's to report.
    _, alone = findings(medlint, "--select", "duplicate-sentence,long-repeats", "articles")
    assert [(f["line"], f["rule"]) for f in alone] == [(5, "duplicate-sentence")]
