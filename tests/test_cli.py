"""The command line's public contracts: output shapes, exit codes, options."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from medlint import __version__

from conftest import EXAMPLES, TODAY

DEFECTS = EXAMPLES / "poems-syndrome.txt"
CLEAN = EXAMPLES / "seasonal-flu.md"


def test_json_contract(medlint):
    run = medlint("check", "--today", TODAY, "--format", "json", DEFECTS, CLEAN)
    report = json.loads(run.out)
    assert set(report) == {"version", "files_checked", "findings"}
    assert report["version"] == __version__
    assert report["files_checked"] == 2
    finding = report["findings"][0]
    assert list(finding) == [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "rule",
        "severity",
        "message",
        "fixable",
    ]
    assert finding["path"] == str(DEFECTS)
    assert all(
        isinstance(finding[k], int) and finding[k] >= 1
        for k in ("line", "column", "end_line", "end_column")
    )
    assert finding["severity"] in ("error", "warning", "info")
    assert finding["fixable"] is False


def test_relative_paths_stay_relative(medlint, monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)
    report = json.loads(medlint("check", "--today", TODAY, "--format", "json", "examples").out)
    assert all(f["path"].startswith("examples" + os.sep) for f in report["findings"])


def test_text_output_lines_sorted_and_summary(medlint):
    run = medlint("check", "--today", TODAY, "--ignore", "long-sentence", DEFECTS)
    lines = run.out.splitlines()
    findings = [line for line in lines if line.startswith(str(DEFECTS))]
    assert findings[0].startswith(f"{DEFECTS}:1:15: warning unattributed-review ")
    assert findings[1].startswith(f"{DEFECTS}:1:44: error stale-review-date Review date 2026-04-07")
    positions = [tuple(int(n) for n in line.split(":")[1:3]) for line in findings]
    assert positions == sorted(positions)
    assert "Found 8 findings (4 errors, 4 warnings) in 1 of 1 file checked:" in lines
    assert "  1  duplicate-paragraph" in lines
    assert "\033[" not in run.out  # not a terminal: no colour


def test_clean_file_exit_0(medlint):
    run = medlint("check", "--today", TODAY, CLEAN)
    assert run.code == 0
    assert run.out == "No findings: 1 file checked.\n"


def test_exit_codes_and_fail_on(medlint):
    assert medlint("check", "--today", TODAY, DEFECTS).code == 1
    only_warnings = (
        "check",
        "--today",
        TODAY,
        "--select",
        "readability,duplicate-sentence",
        DEFECTS,
    )
    assert medlint(*only_warnings).code == 0
    assert medlint(*only_warnings, "--fail-on", "warning").code == 1
    assert medlint(*only_warnings, "--fail-on", "info").code == 1


def test_select_and_ignore(medlint):
    run = medlint(
        "check", "--today", TODAY, "--format", "json", "--select", "empty-list-intro", DEFECTS
    )
    assert [f["rule"] for f in json.loads(run.out)["findings"]] == ["empty-list-intro"]
    run = medlint(
        "check",
        "--today",
        TODAY,
        "--format",
        "json",
        "--ignore",
        "readability,duplicate-sentence,long-sentence,unattributed-review",
        "--ignore",
        "stale-review-date,undefined-acronym",
        DEFECTS,
    )
    assert sorted(f["rule"] for f in json.loads(run.out)["findings"]) == [
        "duplicate-paragraph",
        "empty-list-intro",
        "leaked-boilerplate",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "no-such-rule"], "--select: unknown rule ID(s) no-such-rule"),
        (["--ignore", "readablity"], "--ignore: unknown rule ID(s) readablity"),
        (["--today", "24/11/2026"], "not a date in YYYY-MM-DD form"),
        (["--format", "xml"], "not a format: 'xml'"),
        (["--fail-on", "fatal"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(medlint, args, message):
    run = medlint("check", *args, DEFECTS)
    assert run.code == 2
    assert message in run.err
    assert run.out == ""


def test_missing_path_exit_2(medlint, tmp_path):
    run = medlint("check", CLEAN, tmp_path / "nope.md")
    assert run.code == 2
    assert "path does not exist" in run.err and "nope.md" in run.err
    assert run.out == ""


def test_directory_without_articles(medlint, tmp_path):
    (tmp_path / "notes.py").write_text("print('not an article')\n")
    run = medlint("check", tmp_path)
    assert run.code == 0
    assert "no articles" in run.err
    assert "0 files checked" in run.out


def test_directories_are_walked_for_articles_only(medlint, tmp_path):
    (tmp_path / "a.md").write_text("# A\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.markdown").write_text("# B\n")
    (tmp_path / "sub" / "c.txt").write_text("C\n")
    (tmp_path / "sub" / "d.html").write_text("<p>D</p>\n")
    (tmp_path / "sub" / "f.py").write_text("print('not an article')\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "e.md").write_text("# E\n")
    report = json.loads(medlint("check", "--format", "json", tmp_path).out)
    assert report["files_checked"] == 4  # not the Python file, nothing under .git


def test_empty_file(medlint, tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("")
    run = medlint("check", "--format", "json", empty)
    rules = sorted(f["rule"] for f in json.loads(run.out)["findings"])
    assert rules == ["missing-disclaimer", "missing-review-date"]
    assert run.code == 1


def test_non_utf8_file_is_a_finding_and_others_are_still_checked(medlint, tmp_path):
    bad = tmp_path / "a-old-export.txt"
    bad.write_bytes("Keep it \u201cdark\u201d.\n".encode("cp1252"))
    good = tmp_path / "b.md"
    good.write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    run = medlint("check", "--today", TODAY, "--format", "json", tmp_path)
    report = json.loads(run.out)
    assert report["files_checked"] == 2
    assert [(f["path"], f["rule"], f["line"], f["column"]) for f in report["findings"]] == [
        (str(bad), "unreadable-file", 1, 9)
    ]
    assert run.code == 1
    assert bad.read_bytes() == "Keep it \u201cdark\u201d.\n".encode("cp1252")  # never changed


def test_version(medlint):
    run = medlint("--version")
    assert run.code == 0
    assert run.out.strip() == f"medlint {__version__}"


def test_no_command_prints_help(medlint):
    run = medlint()
    assert run.code == 2 and "usage: medlint" in run.err


def subprocess_run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "medlint", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def test_python_dash_m_and_exit_code():
    result = subprocess_run("check", "--today", TODAY, DEFECTS)
    assert result.returncode == 1
    assert "empty-list-intro" in result.stdout
    assert result.stderr == ""


def test_colour_only_on_a_terminal_and_never_with_no_color():
    import pty

    def run_on_terminal(env, *options):
        pid, fd = pty.fork()
        if pid == 0:  # child: stdout is the terminal
            for name in ("NO_COLOR", "FORCE_COLOR", "MEDLINT_FORMAT", "GITHUB_ACTIONS"):
                os.environ.pop(name, None)
            os.environ.update(env)
            command = ["-m", "medlint", "check", *options, "--today", TODAY, str(DEFECTS)]
            os.execv(sys.executable, [sys.executable, *command])
        chunks = []
        while True:
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.waitpid(pid, 0)
        return b"".join(chunks).decode()

    assert "\033[" in run_on_terminal({})
    assert "\033[" not in run_on_terminal({"NO_COLOR": "1"})
    # no-color.org: NO_COLOR counts when it is set and not empty.
    assert "\033[" in run_on_terminal({"NO_COLOR": ""})
    assert "\033[" not in run_on_terminal({}, "--color", "never")


@pytest.mark.parametrize(
    ("env", "options", "coloured"),
    [
        ({}, [], False),  # a pipe
        ({"FORCE_COLOR": "1"}, [], True),  # a CI log that shows colour
        ({"FORCE_COLOR": ""}, [], False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, [], False),
        ({}, ["--color", "always"], True),
        ({"NO_COLOR": "1"}, ["--color", "always"], True),  # the command line decides
        ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
    ],
)
def test_colour_in_a_pipe_follows_force_color_and_the_color_option(env, options, coloured):
    outside = ("NO_COLOR", "FORCE_COLOR", "MEDLINT_FORMAT", "GITHUB_ACTIONS")
    clean = {k: v for k, v in os.environ.items() if k not in outside}
    result = subprocess.run(
        [sys.executable, "-m", "medlint", "check", *options, "--today", TODAY, str(DEFECTS)],
        capture_output=True,
        text=True,
        env={**clean, **env},
        check=False,
    )
    assert ("\033[" in result.stdout) is coloured, result.stderr


def test_a_crashing_check_is_reported_not_a_traceback(medlint, monkeypatch):
    from medlint.checks import empty_list_intro

    def broken(doc, options, context):
        raise RuntimeError("boom")
        yield

    monkeypatch.setattr(empty_list_intro, "check", broken)
    run = medlint("check", "--today", TODAY, DEFECTS, CLEAN)
    assert run.code == 2
    assert (
        "internal error" in run.err
        and "rule empty-list-intro failed: RuntimeError: boom" in run.err
    )
    assert "Traceback" not in run.err
    assert "duplicate-paragraph" in run.out  # the other rules still ran


def test_rules_lists_every_rule_with_severity_fix_and_description(medlint):
    from medlint.rules import builtin_rules_dir, load_pack

    run = medlint("rules")
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0].split() == ["RULE", "SEVERITY", "FIX", "DESCRIPTION"]
    rules = load_pack(builtin_rules_dir())
    assert len(lines) == len(rules) + 1
    by_id = {line.split()[0]: line for line in lines[1:]}
    assert by_id["readability"].split()[1:3] == ["warning", "no"]
    assert "info (off)" in by_id["plain-language"]
    assert rules["empty-list-intro"].description in by_id["empty-list-intro"]


def test_explain_prints_the_rule_yaml(medlint):
    run = medlint("explain", "empty-list-intro")
    assert run.code == 0
    assert run.out.startswith("empty-list-intro (error; fix: no)")
    for heading in ("Why it matters", "Flagged", "Instead", "Options (defaults)"):
        assert f"\n{heading}\n" in run.out
    assert "max-item-words: 4" in run.out


def test_explain_unknown_rule_suggests(medlint):
    run = medlint("explain", "empty-list")
    assert run.code == 2 and "did you mean empty-list-intro?" in run.err


def test_exit_zero_reports_without_failing(medlint, tmp_path):
    run = medlint("check", "--today", TODAY, "--exit-zero", DEFECTS)
    assert run.code == 0 and "empty-list-intro" in run.out
    assert medlint("check", "--today", TODAY, "--exit-zero", "--diff", DEFECTS).code == 0
    missing = medlint("check", "--exit-zero", str(tmp_path / "missing.md"))
    assert missing.code == 2  # not a finding: the run could not be made
