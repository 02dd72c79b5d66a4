"""One definition of a line for parsing, positions and fixes: ``\\n``,
``\\r\\n`` and a lone ``\\r`` end a line (as CommonMark says); a form feed,
U+2028 or NUL is inside a line. Fixes are edits on the original text: line
endings, final newline and byte-order mark come through unchanged, and a
second --fix changes nothing."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.document import LINE_END, LineIndex

from conftest import EXAMPLES, TODAY

POEMS = EXAMPLES / "poems-syndrome.txt"
IRON = EXAMPLES / "iron-deficiency-anemia.md"
ENDINGS = {"lf": b"\n", "crlf": b"\r\n", "cr": b"\r"}


def with_endings(data: bytes, ending: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", ending)


def findings(medlint, *args) -> list[tuple[int, int, int, int, str]]:
    run = medlint("check", "--today", TODAY, "--format", "json", *args)
    assert run.code in (0, 1), run.err
    return [
        (f["line"], f["column"], f["end_line"], f["end_column"], f["rule"])
        for f in json.loads(run.out)["findings"]
    ]


def _fixed(tmp_path, medlint, data: bytes, rule: str, suffix: str):
    """``data`` as an article after ``medlint check --select RULE --fix``, and the run."""
    article = tmp_path / f"a{suffix}"
    article.write_bytes(data)
    run = medlint("check", "--select", rule, "--fix", article)
    return article.read_bytes(), run


def _patch(tmp_path, diff: str) -> subprocess.CompletedProcess:
    """Apply a --diff with GNU patch in ``tmp_path``, as a user would (-p1)."""
    (tmp_path / "fix.patch").write_text(diff)
    return subprocess.run(
        ["patch", "--batch", "--silent", "--fuzz=0", "-p1", "-i", "fix.patch"],
        capture_output=True,
        cwd=tmp_path,
    )


def test_line_index_knows_three_line_endings_and_nothing_else():
    text = "one\rtwo\r\nthree\nfour\x0cstill four\u2028and still\x00four\n"
    index = LineIndex(text)
    assert index.lines == 4
    assert [index.text(n) for n in range(1, 5)] == [
        "one",
        "two",
        "three",
        "four\x0cstill four\u2028and still\x00four",
    ]
    assert index.position(text.index("two")) == (2, 1)
    assert index.position(text.index("still")) == (4, 6)
    assert index.ending(1) == "\r" and index.ending(2) == "\r\n" and index.ending(4) == "\n"
    assert LineIndex("no end").lines == 1 and LineIndex("").lines == 0


@pytest.mark.parametrize("source", [POEMS, IRON], ids=["text", "markdown"])
@pytest.mark.parametrize("ending", ["crlf", "cr"])
def test_findings_stand_where_they_stand_with_lf(tmp_path, medlint, source, ending):
    lf = tmp_path / f"lf{source.suffix}"
    lf.write_bytes(with_endings(source.read_bytes(), b"\n"))
    other = tmp_path / f"other{source.suffix}"
    other.write_bytes(with_endings(source.read_bytes(), ENDINGS[ending]))
    expected = findings(medlint, lf)
    assert expected
    assert findings(medlint, other) == expected


@pytest.mark.parametrize("source", [POEMS, IRON], ids=["text", "markdown"])
@pytest.mark.parametrize("ending", ["lf", "crlf", "cr"])
@pytest.mark.parametrize("final", [True, False], ids=["final-newline", "no-final-newline"])
def test_fix_is_the_same_edit_whatever_the_line_endings(tmp_path, medlint, source, ending, final):
    """Whatever the line endings, --fix makes the same edit as with LF, keeps
    the endings and the final newline (or its absence), and is idempotent."""

    def shaped(data: bytes, end: bytes) -> bytes:
        data = with_endings(data, end)
        return data if final else data.rstrip(b"\r\n")

    reference = tmp_path / f"reference{source.suffix}"
    reference.write_bytes(shaped(source.read_bytes(), b"\n"))
    medlint("check", "--today", TODAY, "--fix", reference)
    expected = with_endings(reference.read_bytes(), ENDINGS[ending])
    assert reference.read_bytes() != shaped(source.read_bytes(), b"\n")  # something was fixed

    article = tmp_path / f"article{source.suffix}"
    article.write_bytes(shaped(source.read_bytes(), ENDINGS[ending]))
    medlint("check", "--today", TODAY, "--fix", article)
    assert article.read_bytes() == expected
    medlint("check", "--today", TODAY, "--fix", article)
    assert article.read_bytes() == expected


def test_lone_cr_article_is_not_destroyed(tmp_path, medlint):
    """A lone-CR export once became 0 bytes: only the widget line and the
    repeated paragraph may go."""
    data = with_endings(POEMS.read_bytes(), b"\r")
    article = tmp_path / "article.txt"
    article.write_bytes(data)
    medlint("check", "--today", TODAY, "--fix", article)
    lines = data.split(b"\r")
    assert article.read_bytes() == b"\r".join(lines[:2] + lines[4:])


def test_stray_cr_inside_a_line_ends_that_line(tmp_path, medlint):
    """A CR in the middle of a line is a line end to medlint, as to CommonMark
    and to editors: a finding after it is on the next line."""
    text = "# Flu\n\nFlu is common.\rCommon medications include:\n\n## Rest\n"
    article = tmp_path / "a.md"
    article.write_bytes(text.encode())
    [(line, column, end_line, end_column, rule)] = findings(
        medlint, "--select", "empty-list-intro", article
    )
    assert (line, column, rule) == (4, 1, "empty-list-intro")
    assert end_line == 4 and end_column == len("Common medications include:")


def test_front_matter_with_lone_cr_is_front_matter(tmp_path, medlint):
    text = "---\rtitle: Flu\rlast_reviewed: 2026-10-01\r---\r\r# Flu\r\rFlu is common.\r"
    article = tmp_path / "a.md"
    article.write_bytes(text.encode())
    rules = [f[4] for f in findings(medlint, article)]
    assert "missing-review-date" not in rules and "stale-review-date" not in rules


def test_a_form_feed_or_u2028_does_not_end_a_line(tmp_path, medlint):
    repeat = "Iron helps red blood cells carry oxygen from your lungs to the body."
    text = f"# Iron\n\nIntro\x0cwith a form feed.\n\n{repeat}\n\nMore\u2028text.\n\n{repeat}\n"
    article = tmp_path / "a.md"
    article.write_bytes(text.encode())
    [finding] = findings(medlint, "--select", "duplicate-paragraph", article)
    assert finding[:2] == (9, 1)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
@pytest.mark.parametrize("ending", ["lf", "crlf", "cr"])
def test_diff_applies_with_patch(tmp_path, medlint, ending, bom):
    """--diff is what `patch` accepts, with a form feed inside a line and with
    any line endings, and gives the file --fix gives."""
    data = bom + with_endings(POEMS.read_bytes(), ENDINGS[ending])
    data = data.replace(b"Pharmacological", b"Pharma\x0ccological", 1)
    article = tmp_path / "article.txt"
    article.write_bytes(data)
    run = medlint("check", "--today", TODAY, "--diff", article)
    assert run.code == 1 and run.out.startswith("--- a/")
    assert article.read_bytes() == data
    patch = tmp_path / "fix.patch"
    patch.write_bytes(run.out.encode())
    applied = subprocess.run(
        [
            "patch",
            "--batch",
            "--silent",
            "--fuzz=0",
            "-p0",
            "--binary",
            "-o",
            str(tmp_path / "patched"),
            str(article),
            str(patch),
        ],
        capture_output=True,
    )
    assert applied.returncode == 0, applied.stdout + applied.stderr
    medlint("check", "--today", TODAY, "--fix", article)
    assert (tmp_path / "patched").read_bytes() == article.read_bytes()


def test_columns_after_entities_and_backslash_escapes(tmp_path, medlint):
    text = (
        "# Flu\n\nTom &amp; Jerry \\*said\\* hello. Medicines that can help include:\n\n## Rest\n"
    )
    article = tmp_path / "a.md"
    article.write_bytes(text.encode())
    [(line, column, end_line, end_column, _)] = findings(
        medlint, "--select", "empty-list-intro", article
    )
    start = text.split("\n")[2].index("Medicines") + 1
    assert (line, column) == (3, start)
    assert end_column == len(text.split("\n")[2])


def test_end_column_never_points_past_its_line(tmp_path, medlint):
    text = "# Flu\n\nMany people get the flu every winter and most of them\nget better at home.\n"
    article = tmp_path / "a.md"
    article.write_bytes(text.encode())
    lines = text.split("\n")
    run = medlint(
        "check",
        "--today",
        TODAY,
        "--format",
        "json",
        "--select",
        "long-sentence,readability,missing-disclaimer",
        article,
    )
    for finding in json.loads(run.out)["findings"]:
        assert 1 <= finding["end_column"] <= max(1, len(lines[finding["end_line"] - 1]))


def test_u2028_in_front_matter_does_not_move_its_error(tmp_path, medlint):
    """libyaml ends a line at U+2028; the article does not."""
    text = '---\ntitle: "Flu\u2028season"\nsummary: a: b\n---\n\n# Flu\n'
    article = tmp_path / "a.md"
    article.write_bytes(text.encode())
    run = medlint("check", "--select", "invalid-front-matter", "--format", "json", article)
    [finding] = json.loads(run.out)["findings"]
    assert (finding["line"], finding["column"]) == (3, 11)
    same_lines = text.replace("\u2028", " ")
    (tmp_path / "b.md").write_bytes(same_lines.encode())
    run = medlint(
        "check", "--select", "invalid-front-matter", "--format", "json", tmp_path / "b.md"
    )
    [other] = json.loads(run.out)["findings"]
    assert (other["line"], other["column"]) == (3, 11)


def test_boilerplate_fix_keeps_article_text_on_its_line(tmp_path, medlint):
    """The widget sentence goes; the article's sentence beside it stays."""
    text = (
        "Fever is common in children and usually passes in three days. "
        "3 people with fever have shared their first-person experience on this question.\n"
        "Read more `dose: 5 ml`\n"
        "Click here\n"
    )
    article = tmp_path / "a.txt"
    article.write_bytes(text.encode())
    medlint("check", "--select", "leaked-boilerplate", "--fix", article)
    assert article.read_bytes() == (
        b"Fever is common in children and usually passes in three days.\nRead more `dose: 5 ml`\n"
    )


def test_boilerplate_fix_in_markdown_keeps_what_is_not_boilerplate(tmp_path, medlint):
    text = (
        "# Fever\n\n"
        "- Give plenty of drinks.\n"
        "- Read more\n"
        "- Keep your child at home.\n\n"
        "Advertisement ![Chart of fever by age](chart.png)\n\n"
        "[Read more](/fever)\n\n"
        "Last paragraph.\n"
    )
    article = tmp_path / "a.md"
    article.write_bytes(text.encode())
    medlint("check", "--select", "leaked-boilerplate", "--fix", article)
    assert article.read_bytes() == (
        b"# Fever\n\n"
        b"- Give plenty of drinks.\n"
        b"- Keep your child at home.\n\n"
        b"Advertisement ![Chart of fever by age](chart.png)\n\n"
        b"Last paragraph.\n"
    )


def test_an_undecodable_byte_is_placed_on_the_shared_lines(tmp_path, medlint):
    article = tmp_path / "a.md"
    article.write_bytes(b"Click here.\r\x80\n\r\n")
    [finding] = findings(medlint, "--select", "unreadable-file", article)
    assert finding[:2] == (2, 1)


@pytest.mark.parametrize("final", ["", "\n"], ids=["no-final-newline", "final-newline"])
def test_a_widget_line_inside_a_paragraph_goes_with_its_line(tmp_path, medlint, final):
    """Found by the fuzzer: the widget sentence on the last line of a
    paragraph left an empty line (or a final newline the file did not have)."""
    text = "# Iron\n\nIron helps your blood carry oxygen.\nClick here." + final
    article = tmp_path / "a.md"
    article.write_bytes(text.encode())
    medlint("check", "--select", "leaked-boilerplate", "--fix", article)
    assert (
        article.read_bytes() == ("# Iron\n\nIron helps your blood carry oxygen." + final).encode()
    )


def test_a_fix_never_turns_a_u_feff_inside_the_text_into_a_byte_order_mark(tmp_path, medlint):
    """Found by the fuzzer: deleting "Click here. " at the start brought a
    U+FEFF to the front, which the next reading took for a byte-order mark."""
    data = "Click here. \ufeff---\ntitle: Iron\n---\n\nText here.\n".encode()
    fixed, _ = _fixed(tmp_path, medlint, data, "leaked-boilerplate", ".md")
    assert fixed == data


def test_fixes_stop_before_the_round_that_would_make_a_byte_order_mark(tmp_path, medlint):
    """Found by the fuzzer: with two widgets before a U+FEFF, the second
    round's deletion would bring it to the front; --fix kept none of the
    rounds, while --fix one round at a time kept the first. Now both keep
    the rounds before the one that would."""
    data = "Click here. Click here. \ufeff---\ntitle: Iron\n---\n\nText here.\n".encode()
    fixed, _ = _fixed(tmp_path, medlint, data, "leaked-boilerplate", ".md")
    assert fixed == "Click here. \ufeff---\ntitle: Iron\n---\n\nText here.\n".encode()
    again, _ = _fixed(tmp_path, medlint, fixed, "leaked-boilerplate", ".md")
    assert again == fixed


def test_a_deletion_never_joins_a_lone_cr_to_a_lf(tmp_path, medlint):
    """Found by the fuzzer: deleting a widget line and the blank line after
    it left a lone CR before a LF, which read as one CRLF: a blank line less
    where the fix had not said so."""
    data = b"Iron helps.\n\rClick here.\n\r\n\n\nYour body needs iron.\n"
    fixed, _ = _fixed(tmp_path, medlint, data, "leaked-boilerplate", ".md")
    assert b"Click here" not in fixed
    # The widget line and one blank line beside it go; every other line stays.
    assert fixed == b"Iron helps.\n\r\n\n\nYour body needs iron.\n"


def test_a_byte_order_mark_inside_front_matter_does_not_move_its_error(tmp_path, medlint):
    """Found by the fuzzer: the YAML reader counts from after a U+FEFF that
    opens the front matter's text, so the error stood past the end of its line."""
    article = tmp_path / "a.md"
    article.write_bytes(
        '---\n\ufeff---\ntitle: "Sleep\nreviewed: 2026-10-01\n---\n# Sleep\n'.encode()
    )
    run = medlint("check", "--select", "invalid-front-matter", "--format", "json", article)
    [finding] = json.loads(run.out)["findings"]
    assert (finding["line"], finding["column"]) == (5, 1)


def test_a_yaml_error_at_a_line_ending_stands_on_its_line(tmp_path, medlint):
    """Found by the fuzzer: an error at a lone CR inside a quoted value was
    placed one column past the end of its line."""
    article = tmp_path / "a.md"
    article.write_bytes(b'---\r\ntitle: "\\x00\\u\r2028"\r\n---\r\n')
    run = medlint("check", "--select", "invalid-front-matter", "--format", "json", article)
    [finding] = json.loads(run.out)["findings"]
    assert (finding["line"], finding["column"]) == (2, 14)


def test_deleting_the_last_list_item_keeps_the_blank_lines_after_it(tmp_path, medlint):
    """Found by the fuzzer: markdown-it counts the blank lines after a list
    item as the item's, and the fix deleted them all with it."""
    data = b"# Iron\n\nIron helps your blood carry oxygen.\n- Click here\n\n\n"
    fixed, _ = _fixed(tmp_path, medlint, data, "leaked-boilerplate", ".md")
    assert fixed == b"# Iron\n\nIron helps your blood carry oxygen.\n\n\n"


def test_a_widget_fix_never_takes_a_line_before_the_widget_text(tmp_path, medlint):
    """Found by the fuzzer: a soft-wrapped line before the widget text made
    one sentence with it, and the fix deleted that line too."""
    data = b"# Stories\n\nkey\n3 people have shared their personal experience.\n"
    fixed, run = _fixed(tmp_path, medlint, data, "leaked-boilerplate", ".md")
    assert fixed == data
    assert "leaked-boilerplate" in run.out


@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch is not installed")
def test_a_newline_in_a_file_name_is_quoted_in_the_diff_header(tmp_path, medlint, monkeypatch):
    """A newline in a name would split the header line in two; git's quoting
    ("a/x\\ny.md" in double quotes) keeps it one line, and patch reads it."""
    name = "flu\nseason.md"
    data = b"# Flu\n\nClick here.\n\nRest and drink plenty of fluids.\n"
    (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    run = medlint("check", "--select", "leaked-boilerplate", "--diff", name)
    assert run.out.splitlines()[:2] == ['--- "a/flu\\nseason.md"', '+++ "b/flu\\nseason.md"']
    applied = _patch(tmp_path, run.out)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert (tmp_path / name).read_bytes() == b"# Flu\n\nRest and drink plenty of fluids.\n"


def test_an_image_between_letters_does_not_glue_them(tmp_path, medlint):
    """Found by the fuzzer: "t![image](a.png)itl" read as the word "titl",
    which stands nowhere in the file."""
    article = tmp_path / "a.md"
    article.write_bytes(b"# Sleep\n\nt![image](a.png)itl is here.\n")
    run = medlint("check", "--select", "spelling", "--format", "json", article)
    words = [f["message"].split('"')[1] for f in json.loads(run.out)["findings"]]
    assert "titl" not in words and "itl" in words


def test_a_widget_fix_never_takes_a_line_after_the_widget_text(tmp_path, medlint):
    """Found by the fuzzer: a lazy continuation line ("...") made one
    sentence with "Click here", and the fix deleted that line too."""
    data = b"# Iron\n\nIron helps.\n\n- Click here\n...\n"
    fixed, run = _fixed(tmp_path, medlint, data, "leaked-boilerplate", ".md")
    assert fixed == data
    assert "leaked-boilerplate" in run.out


def test_two_deletions_side_by_side_never_join_a_lone_cr_to_a_lf(tmp_path, medlint):
    """Found by the fuzzer: two widget lines deleted in one round left the
    lone CR before them next to the LF after them: one CRLF, a line lost."""
    data = b"<!-- a comment -->\r\rClick here.\nClick here.\n\n"
    fixed, _ = _fixed(tmp_path, medlint, data, "leaked-boilerplate", ".txt")
    assert b"Click" not in fixed and b"\r\n" not in fixed
    assert fixed == b"<!-- a comment -->\r\r"


def test_a_widget_line_after_a_hard_break_is_not_deleted(tmp_path, medlint):
    """Found in review: deleting the widget line after a backslash hard break
    left the paragraph ending in a bare backslash, shown as it is."""
    data = b"# Iron\n\nIron helps your blood carry oxygen\\\nClick here\n"
    fixed, run = _fixed(tmp_path, medlint, data, "leaked-boilerplate", ".md")
    assert fixed == data
    assert "leaked-boilerplate" in run.out


def test_a_file_without_a_final_newline_keeps_none_after_a_blank_line(tmp_path, medlint):
    """Found by the fuzzer: deleting the last paragraph, after two blank
    lines, left the file ending with a line ending it never had."""
    data = b"Drink plenty of water when you have a fever.\n\n\nDrink plenty of water when you have a fever."
    fixed, _ = _fixed(tmp_path, medlint, data, "duplicate-paragraph", ".txt")
    assert not fixed.endswith((b"\n", b"\r"))


@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch is not installed")
def test_a_space_in_a_file_name_is_ended_by_a_tab_in_the_diff_header(
    tmp_path, medlint, monkeypatch
):
    """Found in review: without the tab git puts after a name with a space,
    patch looked for the file under the name's first word."""
    name = "flu season.md"
    (tmp_path / name).write_bytes(b"# Flu\n\nClick here.\n\nRest and drink plenty of fluids.\n")
    monkeypatch.chdir(tmp_path)
    run = medlint("check", "--select", "leaked-boilerplate", "--diff", name)
    assert run.out.splitlines()[0] == "--- a/flu season.md\t"
    applied = _patch(tmp_path, run.out)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert b"Click" not in (tmp_path / name).read_bytes()


@settings(max_examples=2000, derandomize=True, database=None)
@given(st.lists(st.sampled_from(["a", "bc", " ", "\n", "\n\n", "\r", "\r\n", "\f"]), max_size=25))
def test_line_index_of_lf_only_text_is_the_general_one(pieces):
    """The LF-only shortcut (one split) finds the lines the general search does."""
    text = "".join(pieces)
    starts, ends = [0], []
    for match in LINE_END.finditer(text):
        ends.append(match.start())
        starts.append(match.end())
    ends.append(len(text))
    index = LineIndex(text)
    assert (list(index._starts), list(index._ends)) == (starts, ends)
