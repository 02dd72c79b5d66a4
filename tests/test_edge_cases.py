"""Edge cases found by reviewing the code: each would lose text, break a
contract or mislead, and each stays fixed."""

from __future__ import annotations

import io
import json
import os
import sys

import pytest

from conftest import EXAMPLES, TODAY


def write(path, text, newline="\n"):
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def findings(medlint, *args):
    run = medlint("check", "--format", "json", *args)
    return [
        (f["rule"], f["line"], f["column"], f["fixable"]) for f in json.loads(run.out)["findings"]
    ]


# --fix never deletes words of the article ------------------------------------


def test_a_sentence_that_mentions_click_here_is_reported_not_deleted(tmp_path, medlint):
    text = "Click here to download the vaccination schedule for children, which lists every dose.\n\nClick here\n"
    path = write(tmp_path / "a.md", text)
    assert findings(medlint, "--select", "leaked-boilerplate", path) == [
        ("leaked-boilerplate", 1, 1, False),
        ("leaked-boilerplate", 3, 1, True),
    ]
    medlint("check", "--select", "leaked-boilerplate", "--fix", path)
    assert path.read_text() == text.replace("\n\nClick here\n", "\n")


def test_a_list_item_with_a_nested_list_is_not_deleted(tmp_path, medlint):
    text = "- Read more\n  - Dose one: 5 mg\n  - Dose two: 10 mg\n- Other\n"
    path = write(tmp_path / "a.md", text)
    medlint("check", "--select", "leaked-boilerplate", "--fix", path)
    assert path.read_text() == text


def test_deleting_a_quoted_paragraph_leaves_no_empty_quote_line(tmp_path, medlint):
    repeat = "Iron helps red blood cells carry oxygen from your lungs to the body."
    text = f"{repeat}\n\n> A quote first.\n>\n> {repeat}\n\nAfter.\n"
    path = write(tmp_path / "a.md", text)
    # A quote stands alone: a repeat between it and the text is reported only
    # with scope: article, and deleting it from the quote is then unsafe.
    config = write(
        tmp_path / "medlint.yaml", "rules:\n  duplicate-paragraph:\n    scope: article\n"
    )
    args = ("check", "--config", config, "--select", "duplicate-paragraph", "--fix", path)
    medlint(*args)
    assert path.read_text() == text
    medlint(*args, "--unsafe-fixes")
    assert path.read_text() == f"{repeat}\n\n> A quote first.\n\nAfter.\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_fixing_through_a_symbolic_link_writes_the_file_and_keeps_the_link(tmp_path, medlint):
    target = tmp_path / "real.txt"
    target.write_bytes((EXAMPLES / "poems-syndrome.txt").read_bytes())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    medlint("check", "--today", TODAY, "--fix", link)
    assert link.is_symlink()
    assert len(target.read_text().splitlines()) == 7


def test_a_diff_of_a_file_without_final_newline_is_a_valid_patch(tmp_path, medlint):
    data = (EXAMPLES / "poems-syndrome.txt").read_bytes().rstrip(b"\n")
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    other = write(tmp_path / "b.md", "Read more\n")
    run = medlint("check", "--today", TODAY, "--diff", path, other)
    assert "\\ No newline at end of file" not in run.out  # the last line is not touched
    last = write(tmp_path / "c.md", "Text.\n\nRead more")
    run = medlint("check", "--select", "leaked-boilerplate", "--diff", last)
    assert "-Read more\n\\ No newline at end of file\n" in run.out
    assert run.out.endswith("+Text.\n\\ No newline at end of file\n")


# Suppressions ------------------------------------------------------------------


def test_a_directive_for_every_rule_is_not_judged_when_some_did_not_run(tmp_path, medlint):
    path = write(tmp_path / "a.md", "A line.\n\n<!-- medlint-disable -->\n")
    assert findings(medlint, "--select", "unused-suppression,spelling", path) == []
    assert ("unused-suppression", 3) in [f[:2] for f in findings(medlint, path)]


def test_unused_suppression_itself_can_be_silenced(tmp_path, medlint):
    path = write(
        tmp_path / "a.md",
        "<!-- medlint-disable-file unused-suppression -->\n<!-- medlint-disable-next-line spelling -->\nText.\n",
    )
    assert findings(medlint, "--select", "unused-suppression,spelling", path) == []


def test_a_directive_shown_in_inline_code_is_not_obeyed(tmp_path, medlint):
    long = "word " * 40
    path = write(
        tmp_path / "a.md", f"Write `<!-- medlint-disable -->` to silence.\n\n{long.strip()}.\n"
    )
    assert [f[0] for f in findings(medlint, "--select", "long-sentence", path)] == ["long-sentence"]


def test_the_directive_fix_keeps_the_final_newline_rule(tmp_path, medlint):
    path = write(tmp_path / "a.md", "Text.\n\n<!-- medlint-disable-next-line spelling -->")
    medlint("check", "--select", "unused-suppression,spelling", "--fix", path)
    assert path.read_text() == "Text."
    path = write(tmp_path / "b.md", "One.\n\n<!-- medlint-disable-next-line spelling -->\n\nTwo.\n")
    medlint("check", "--select", "unused-suppression,spelling", "--fix", path)
    assert path.read_text() == "One.\n\nTwo.\n"


# The command line ----------------------------------------------------------------


def test_an_output_file_that_cannot_be_written_is_one_error_line(tmp_path, medlint):
    run = medlint(
        "check", "--output-file", tmp_path / "missing" / "r.json", EXAMPLES / "seasonal-flu.md"
    )
    assert run.code == 2 and run.err.startswith("medlint: error: ") and "Traceback" not in run.err


def test_stdin_fix_keeps_the_asked_format_and_refuses_paths(monkeypatch, capsys, tmp_path):
    from medlint.cli import main

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Read more\n\nText.\n")))
    code = main(
        [
            "check",
            "--select",
            "leaked-boilerplate",
            "--fix",
            "--format",
            "json",
            "--stdin-filename",
            "a.md",
        ]
    )
    out, err = capsys.readouterr()
    assert out == "Text.\n" and json.loads(err)["findings"] == [] and code == 0
    assert main(["check", "--stdin-filename", "a.md", str(tmp_path)]) == 2
    assert "give no PATH" in capsys.readouterr().err


def test_an_empty_select_is_a_usage_error(medlint):
    run = medlint("check", "--select", "", EXAMPLES)
    assert run.code == 2 and "--select: no rule IDs given" in run.err


def test_a_rule_error_is_reported_once_however_many_fix_rounds(tmp_path, medlint, monkeypatch):
    from medlint.checks import sentence_length

    def broken(doc, options, context):
        raise RuntimeError("boom")
        yield

    monkeypatch.setattr(sentence_length, "check", broken)
    path = tmp_path / "a.txt"
    path.write_bytes((EXAMPLES / "poems-syndrome.txt").read_bytes())
    run = medlint("check", "--today", TODAY, "--fix", path)
    assert run.code == 2 and run.err.count("boom") == 1


def test_the_same_file_named_twice_is_checked_once(tmp_path, medlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", "Text.\n")
    run = medlint("check", "--format", "json", "a.md", "./a.md")
    assert json.loads(run.out)["files_checked"] == 1


def test_every_article_suffix_is_walked(tmp_path, medlint):
    articles = ("a.md", "b.markdown", "c.mdown", "d.mkd", "e.txt", "f.text", "g.html", "h.htm")
    for name in (*articles, "i.mdx", "j.rst", "k.json"):
        write(tmp_path / name, "Text.\n")
    checked = json.loads(medlint("check", "--format", "json", tmp_path).out)["files_checked"]
    assert checked == len(articles) + 1  # and the .mdx; not .rst or .json


# Articles ----------------------------------------------------------------------


def test_front_matter_without_a_closing_fence(tmp_path, medlint):
    path = write(tmp_path / "a.md", "---\ntitle: Sleep\nlast_reviewed: 2026-10-01\n\n# Sleep\n")
    assert findings(medlint, "--select", "invalid-front-matter", path) == [
        ("invalid-front-matter", 1, 1, False)
    ]


@pytest.mark.parametrize("value", ["no", "false", "off", "''"])
def test_a_front_matter_disclaimer_flag_that_says_no(tmp_path, medlint, value):
    path = write(tmp_path / "a.md", f"---\ndisclaimer: {value}\n---\nText.\n")
    assert findings(medlint, "--select", "missing-disclaimer", path) == [
        ("missing-disclaimer", 1, 1, False)
    ]


def test_positions_in_crlf_html_blocks(tmp_path, medlint):
    path = write(
        tmp_path / "a.md", "Intro.\n\n<div>\n<p>x</p>\nRead more\n</div>\n", newline="\r\n"
    )
    assert findings(medlint, "--select", "leaked-boilerplate", path) == [
        ("leaked-boilerplate", 5, 1, False)
    ]
