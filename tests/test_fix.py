"""--fix, --diff and --unsafe-fixes: only what they mean to change, byte for byte."""

from __future__ import annotations

import os
import stat

import pytest

from conftest import EXAMPLES, FIXTURES, SEED, TODAY, needs_seed

POEMS = EXAMPLES / "poems-syndrome.txt"
#: The lines --fix removes from the seed's shape: the widget line (3) and the
#: paragraph contained in the summary (4). Nothing else.
REMOVED = (3, 4)


def expected_after_fix(data: bytes) -> bytes:
    lines = data.splitlines(keepends=True)
    return b"".join(line for number, line in enumerate(lines, 1) if number not in REMOVED)


def variant(data: bytes, name: str) -> bytes:
    if name == "crlf":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if name == "bom":
        return b"\xef\xbb\xbf" + data
    if name == "no-final-newline":
        return data.rstrip(b"\r\n")
    return data


SOURCES = [pytest.param(POEMS, id="poems-syndrome")]
if SEED.is_file():
    SOURCES.append(pytest.param(SEED, id="seed"))


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("shape", ["lf", "crlf", "bom", "no-final-newline"])
def test_fix_removes_only_the_repeat_and_the_widget_line(tmp_path, medlint, source, shape):
    original = variant(source.read_bytes(), shape)
    copy = tmp_path / "article.txt"
    copy.write_bytes(original)
    run = medlint("check", "--today", TODAY, "--fix", copy)
    assert copy.read_bytes() == expected_after_fix(original)
    assert "Fixed 2 findings." in run.out
    # What is left is reported, and still fails the gate (stale date, empty list).
    assert "stale-review-date" in run.out and "empty-list-intro" in run.out
    assert "duplicate-paragraph" not in run.out and "leaked-boilerplate" not in run.out
    assert run.code == 1
    # Idempotent: a second --fix changes nothing.
    again = medlint("check", "--today", TODAY, "--fix", copy)
    assert copy.read_bytes() == expected_after_fix(original)
    assert "Fixed" not in again.out


@pytest.mark.parametrize("shape", ["lf", "crlf"])
def test_diff_shows_the_same_and_writes_nothing(tmp_path, medlint, shape):
    original = variant(POEMS.read_bytes(), shape)
    copy = tmp_path / "article.txt"
    copy.write_bytes(original)
    run = medlint("check", "--today", TODAY, "--diff", copy)
    assert copy.read_bytes() == original
    assert run.code == 1
    removed = [
        line for line in run.out.splitlines() if line.startswith("-") and not line.startswith("---")
    ]
    added = [
        line for line in run.out.splitlines() if line.startswith("+") and not line.startswith("+++")
    ]
    source_lines = original.decode("utf-8").splitlines()
    assert removed == ["-" + source_lines[2], "-" + source_lines[3]]
    assert added == []
    clean = medlint("check", "--today", TODAY, "--diff", EXAMPLES / "seasonal-flu.md")
    assert clean.code == 0 and clean.out == ""


@needs_seed
def test_the_real_page_is_fixed_the_same_way(tmp_path, medlint):
    copy = tmp_path / "seed.txt"
    copy.write_bytes(SEED.read_bytes())
    medlint("check", "--today", TODAY, "--fix", copy)
    assert copy.read_bytes() == expected_after_fix(SEED.read_bytes())


def test_fix_keeps_file_mode_and_touches_no_clean_file(tmp_path, medlint):
    copy = tmp_path / "article.txt"
    copy.write_bytes(POEMS.read_bytes())
    os.chmod(copy, 0o640)
    clean = tmp_path / "clean.md"
    clean.write_bytes((EXAMPLES / "seasonal-flu.md").read_bytes())
    before = clean.stat().st_mtime_ns
    medlint("check", "--today", TODAY, "--fix", tmp_path)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o640
    assert clean.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "clean.md"]  # no temp left


def test_markdown_paragraph_fix_leaves_no_double_blank_line(tmp_path, medlint):
    text = (
        "# Iron\n\nIron helps red blood cells carry oxygen from your lungs to the body.\n\n"
        "More text here.\n\nIron helps red blood cells carry oxygen from your lungs to the body.\n\n"
        "Last words.\n"
    )
    path = tmp_path / "a.md"
    path.write_text(text)
    medlint("check", "--select", "duplicate-paragraph", "--fix", path)
    assert path.read_text() == text.replace(
        "\n\nIron helps red blood cells carry oxygen from your lungs to the body.\n\nLast",
        "\n\nLast",
    )


def test_near_repeats_and_placeholders_are_not_fixed(tmp_path, medlint):
    text = (
        "If you feel dizzy when you stand up, sit down again at once and drink a glass of "
        "water before you try to stand up slowly.\n\n"
        "If you feel dizzy when you stand up, sit down again at once and drink a glass of "
        "water before you try to stand up very slowly.\n\nTODO: add the dosing table.\n"
    )
    path = tmp_path / "a.md"
    path.write_text(text)
    run = medlint("check", "--select", "duplicate-paragraph,leaked-boilerplate", "--fix", path)
    assert path.read_text() == text
    assert "[*]" not in run.out


def test_unsafe_fixes_only_when_asked(tmp_path, medlint):
    path = tmp_path / "a.md"
    path.write_text("Call 911 at once if you think you are having a myocardial infarction.\n")
    args = ("check", "--select", "plain-language", "--fix")
    run = medlint(*args, path)
    assert "myocardial infarction" in path.read_text()
    assert "1 more fixable with --fix --unsafe-fixes." in run.out
    run = medlint(*args, "--unsafe-fixes", path)
    assert path.read_text() == "Call 911 at once if you think you are having a heart attack.\n"
    assert run.code == 0


def test_exit_code_follows_what_is_left(tmp_path, medlint):
    path = tmp_path / "a.md"
    repeat = "Iron helps red blood cells carry oxygen from your lungs to the body."
    path.write_text(f"{repeat}\n\n{repeat}\n")
    run = medlint("check", "--select", "duplicate-paragraph", "--fix", path)
    assert run.code == 0 and path.read_text() == f"{repeat}\n"


def test_fix_through_stdin_prints_the_article(monkeypatch, capsysbinary):
    import io
    import sys

    from medlint.cli import main

    data = POEMS.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code = main(["check", "--today", TODAY, "--fix", "--stdin-filename", "poems.txt"])
    out, err = capsysbinary.readouterr()
    assert out == expected_after_fix(data)
    assert b"stale-review-date" in err
    assert code == 1


def test_repeats_across_parts_of_the_page_are_never_a_safe_fix(tmp_path, medlint):
    """The same advice in two callouts is there on purpose: not reported, and
    with scope: article reported, but deleting it is unsafe (the callout would
    lose its answer)."""
    source = FIXTURES / "duplicate-paragraph" / "ok-callouts-faq-and-contact-lines.md"
    article = tmp_path / "fever.md"
    article.write_bytes(source.read_bytes())
    run = medlint("check", "--select", "duplicate-paragraph", "--fix", article)
    assert run.code == 0 and article.read_bytes() == source.read_bytes()
    config = tmp_path / "medlint.yaml"
    config.write_text("rules:\n  duplicate-paragraph:\n    scope: article\n")
    run = medlint("check", "--config", config, "--select", "duplicate-paragraph", "--fix", article)
    assert "duplicate-paragraph" in run.out and "fixable with --fix --unsafe-fixes" in run.out
    assert article.read_bytes() == source.read_bytes()
