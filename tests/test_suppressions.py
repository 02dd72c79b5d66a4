"""Inline directives, front matter and per-file-ignores silence findings."""

from __future__ import annotations

import json
import textwrap

import pytest

from conftest import TODAY

REPEAT = "Adults need seven to nine hours of sleep each night, the experts say."


def rules_and_lines(medlint, path, *args):
    run = medlint("check", "--today", TODAY, "--format", "json", *args, path)
    return [(f["rule"], f["line"]) for f in json.loads(run.out)["findings"]]


def article(tmp_path, text, name="a.md"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


SELECT = ("--select", "duplicate-paragraph,empty-list-intro,unused-suppression")


def test_no_directive(tmp_path, medlint):
    path = article(tmp_path, f"{REPEAT}\n\n{REPEAT}\n\n{REPEAT}\n")
    assert rules_and_lines(medlint, path, *SELECT) == [
        ("duplicate-paragraph", 3),
        ("duplicate-paragraph", 5),
    ]


def test_disable_next_line(tmp_path, medlint):
    path = article(
        tmp_path,
        f"{REPEAT}\n\n<!-- medlint-disable-next-line duplicate-paragraph -->\n{REPEAT}\n\n{REPEAT}\n",
    )
    assert rules_and_lines(medlint, path, *SELECT) == [("duplicate-paragraph", 6)]


def test_disable_and_enable_a_region(tmp_path, medlint):
    path = article(
        tmp_path,
        f"""\
        {REPEAT}

        <!-- medlint-disable duplicate-paragraph, empty-list-intro -->
        {REPEAT}

        Symptoms include:
        <!-- medlint-enable duplicate-paragraph -->

        {REPEAT}

        Causes include:
        """,
    )
    assert rules_and_lines(medlint, path, *SELECT) == [("duplicate-paragraph", 9)]


def test_disable_without_rules_silences_every_rule(tmp_path, medlint):
    path = article(tmp_path, f"{REPEAT}\n\n<!-- medlint-disable -->\n{REPEAT}\n\nItems include:\n")
    assert rules_and_lines(medlint, path, *SELECT) == []


def test_disable_file_and_front_matter(tmp_path, medlint):
    body = f"{REPEAT}\n\n{REPEAT}\n\nItems include:\n"
    path = article(tmp_path, f"<!-- medlint-disable-file duplicate-paragraph -->\n{body}")
    assert rules_and_lines(medlint, path, *SELECT) == [("empty-list-intro", 6)]
    path = article(tmp_path, f"---\nmedlint:\n  disable: [empty-list-intro]\n---\n{body}")
    assert rules_and_lines(medlint, path, *SELECT) == [("duplicate-paragraph", 7)]


def test_directives_in_code_are_text_not_directives(tmp_path, medlint):
    path = article(tmp_path, f"{REPEAT}\n\n```\n<!-- medlint-disable-file -->\n```\n\n{REPEAT}\n")
    assert rules_and_lines(medlint, path, *SELECT) == [("duplicate-paragraph", 7)]


def test_plain_text_is_silenced_by_per_file_ignores(tmp_path, medlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "legacy").mkdir()
    long_line = REPEAT + " " + REPEAT.replace("Adults", "Children")
    article(tmp_path, f"{long_line}\n{long_line}\n", "legacy/old.txt")
    article(tmp_path, f"{long_line}\n{long_line}\n", "new.txt")
    (tmp_path / "medlint.yaml").write_text(
        'per-file-ignores:\n  "legacy/*.txt": [duplicate-paragraph]\n'
    )
    run = medlint("check", "--today", TODAY, "--format", "json", *SELECT, ".")
    assert [(f["path"], f["rule"]) for f in json.loads(run.out)["findings"]] == [
        ("new.txt", "duplicate-paragraph")
    ]


def test_per_file_ignores_with_an_unknown_rule_is_a_config_error(tmp_path, medlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "medlint.yaml").write_text('per-file-ignores:\n  "*.txt": [no-such-rule]\n')
    run = medlint("check", ".")
    assert run.code == 2
    assert "medlint.yaml:2: per-file-ignores.*.txt: unknown rule ID(s) no-such-rule" in run.err


@pytest.mark.parametrize("extra", [(), ("--ignore", "duplicate-paragraph")])
def test_only_rules_that_ran_are_judged_unused(tmp_path, medlint, extra):
    path = article(tmp_path, f"<!-- medlint-disable-next-line duplicate-paragraph -->\n{REPEAT}\n")
    found = rules_and_lines(
        medlint, path, "--select", "duplicate-paragraph,unused-suppression", *extra
    )
    assert found == ([("unused-suppression", 1)] if not extra else [])


def _linter(words: list[str]):
    import dataclasses
    import datetime as dt

    from medlint.cli import FixMode, Linter, _config, active_rules

    config = _config(None)
    active = [
        dataclasses.replace(a, options={**a.options, "words": words})
        if a.rule.id == "spelling"
        else a
        for a in active_rules(config.available, config, None, [])
    ]
    return Linter(
        rules=active,
        context=config.context(active, dt.date(2026, 11, 24)),
        ignored_for=config.ignored_rules,
        fixing=FixMode(fix=False, unsafe=False, write=True),
        max_file_size=config.max_file_size,
    )


def test_a_check_leaves_no_record_on_the_document(tmp_path):
    """The engine's record of what each directive silenced is its own, one per
    check: a check does not change the document, so a second check of it
    (as a language server makes, with settings changed in between) judges
    the directives afresh."""
    from medlint.parsing import parse_document
    from medlint.runner import check_document

    text = "# Flu\n\n<!-- medlint-disable-next-line spelling -->\nThe flu is cuased by a virus.\n"
    doc = parse_document(str(tmp_path / "flu.md"), text)
    first = check_document(doc, _linter([]), [])
    assert [f.rule for f in first.findings if f.rule in ("spelling", "unused-suppression")] == []
    # Now the word is listed: the directive silences nothing, and says so.
    second = check_document(doc, _linter(["cuased"]), [])
    assert [(f.rule, f.line) for f in second.findings if f.rule == "unused-suppression"] == [
        ("unused-suppression", 3)
    ]


def test_disable_line_silences_its_own_line_only(tmp_path, medlint):
    """markdownlint's spelling, `medlint-disable-line`, is a directive of its
    own: before, it was read as `disable` of the rules "-line" and RULE, and
    silenced RULE for the rest of the file."""
    article = tmp_path / "a.md"
    article.write_text(
        "# Flu\n\nThe flu is usualy mild. <!-- medlint-disable-line spelling -->\n\n"
        "Most people get better without treatmant.\n"
    )
    run = medlint("check", "--no-cache", "--select", "spelling,unused-suppression", article)
    assert "usualy" not in run.out
    assert '"treatmant"' in run.out and ":5:" in run.out
    assert "unused-suppression" not in run.out


def test_a_misspelt_directive_is_an_error_and_silences_nothing(tmp_path, medlint):
    article = tmp_path / "a.md"
    article.write_text("# Flu\n\n<!-- medlint-disable-nextline spelling -->\nA treatmant.\n")
    run = medlint("check", "--no-cache", "--select", "spelling,unused-suppression", article)
    assert run.code == 1  # an error: the default --fail-on
    assert "error unused-suppression medlint-disable-nextline" in run.out
    assert '"treatmant"' in run.out


def test_a_comment_cannot_be_a_front_matter_directive(tmp_path, medlint):
    """Found in review: <!-- medlint-front-matter spelling --> silenced
    spelling for the whole file, unreported."""
    article = tmp_path / "a.md"
    article.write_text("# Flu\n\n<!-- medlint-front-matter spelling -->\nA treatmant.\n")
    run = medlint("check", "--no-cache", "--select", "spelling,unused-suppression", article)
    assert '"treatmant"' in run.out
    assert "error unused-suppression medlint-front-matter" in run.out
