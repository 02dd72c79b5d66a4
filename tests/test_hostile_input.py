"""No input crashes or hangs medlint: FIFOs, devices, huge and sparse files,
YAML alias bombs, deep nesting, closed standard streams. Every failure is one
line ``medlint: error: ...`` and exit code 2, never a traceback.

What could hang or eat memory runs in a child process with a time limit and a
memory limit, so that a regression fails the test instead of the machine."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import TODAY

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")

ARTICLE = "# Sleep\n\nSleep well. Rest well.\n"
MEMORY_LIMIT = 1024**3  # 1 GiB of address space for the child
SRC = str(Path(__file__).resolve().parents[1] / "src")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def child(*args: str, cwd: Path, prelude: str = "", shell: str = "", timeout: float = 60):
    """Run ``medlint ARGS`` in a child process (after ``prelude``, Python run
    before medlint starts), with a time and a memory limit."""
    code = f"{prelude}\nfrom medlint.cli import main\nraise SystemExit(main({list(args)!r}))\n"
    command = [sys.executable, "-c", code]
    env = {k: v for k, v in os.environ.items() if k not in ("MEDLINT_FORMAT", "GITHUB_ACTIONS")}
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    if shell:  # a shell redirection, such as ">&-"
        command = ["/bin/sh", "-c", f'exec "$@" {shell}', "sh", *command]
    try:
        return subprocess.run(
            command,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"medlint {' '.join(args)} hangs (no end after {timeout} s)")


def one_error_line(err: str, *parts: str) -> str:
    """The one ``medlint: error:`` line, checked for the parts it must name."""
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.startswith("medlint: error: ")]
    assert len(lines) == 1, err
    for part in parts:
        assert part in lines[0], lines[0]
    assert "internal error" not in lines[0], lines[0]
    return lines[0]


@contextmanager
def no_hang(seconds: int = 20):
    def hang(signum, frame):
        raise TimeoutError(f"no end after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(ARTICLE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# Files that are not regular files ----------------------------------------------------


def test_a_fifo_named_on_the_command_line_is_skipped_with_a_note(project):
    os.mkfifo(project / "pipe.md")
    run = child(
        "check", "--format", "json", "--select", "unreadable-file", "pipe.md", "a.md", cwd=project
    )
    assert "medlint: warning: pipe.md: not a regular file; skipped" in run.stderr
    assert "Traceback" not in run.stderr
    assert json.loads(run.stdout)["files_checked"] == 1
    assert run.returncode == 0


def test_a_fifo_met_in_a_directory_walk_is_skipped(project):
    os.mkfifo(project / "pipe.md")
    run = child("check", "--format", "json", "--select", "unreadable-file", ".", cwd=project)
    assert "Traceback" not in run.stderr
    assert json.loads(run.stdout)["files_checked"] == 1
    assert run.returncode == 0


def test_a_fifo_gitignore_met_in_a_directory_walk_is_not_opened(project):
    (project / ".git").mkdir()
    os.mkfifo(project / ".gitignore")
    run = child("check", "--format", "json", ".", cwd=project)
    assert json.loads(run.stdout)["files_checked"] == 1


def test_dev_zero_named_on_the_command_line_is_skipped(project):
    run = child("check", "--format", "json", "/dev/zero", cwd=project)
    assert "medlint: warning: /dev/zero: not a regular file; skipped" in run.stderr
    assert json.loads(run.stdout)["files_checked"] == 0
    assert run.returncode == 0


def test_a_file_replaced_by_a_fifo_after_its_stat_is_not_opened_blocking(project, monkeypatch):
    """Between the stat that says "regular file" and the open, the file can
    become a FIFO: the open must not block, and the read refuses it."""
    from medlint import runner

    os.mkfifo(project / "pipe.md")
    regular, real_stat = os.stat(project / "a.md"), os.stat

    def stat(path, *args, **kwargs):  # the FIFO still looks like the file it replaced
        return regular if "pipe" in str(path) else real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    with no_hang():
        data = runner._read(str(project / "pipe.md"))
    assert isinstance(data, OSError) and "not a regular file" in str(data.strerror)


def test_a_fifo_config_file_is_named_as_not_a_regular_file(project, medlint):
    os.mkfifo(project / "fifo.yaml")
    with no_hang():
        run = medlint("check", "--config", "fifo.yaml", "a.md")
    assert run.code == 2
    one_error_line(run.err, "fifo.yaml", "not a regular file")


def test_a_fifo_rule_file_in_a_pack_is_a_config_error(project, medlint):
    (project / "pack").mkdir()
    os.mkfifo(project / "pack" / "rule.yaml")
    (project / "medlint.yaml").write_text("packs: [pack]\n")
    with no_hang():
        run = medlint("check", "a.md")
    assert run.code == 2
    one_error_line(run.err, "rule.yaml", "not a regular file")


# Size limits ---------------------------------------------------------------------------


def test_a_huge_sparse_article_is_refused_without_reading_it(project):
    with open(project / "huge.md", "wb") as file:
        file.truncate(2 * 1024**3)
    run = child("check", "--format", "json", "huge.md", cwd=project, timeout=30)
    assert "Traceback" not in run.stderr, run.stderr
    report = json.loads(run.stdout)
    assert report["files_checked"] == 1
    (finding,) = report["findings"]
    assert finding["rule"] == "unreadable-file"
    assert "2 GB" in finding["message"] and "10 MB" in finding["message"]
    assert "max-file-size" in finding["message"]
    assert run.returncode == 1


@pytest.mark.parametrize("value", ["1KB", "'1 KiB'", "1024"])
def test_max_file_size_is_configurable(project, medlint, value):
    (project / "big.md").write_text("# Big\n\n" + "Sleep well. " * 200 + "\n")
    (project / "medlint.yaml").write_text(f"max-file-size: {value}\n")
    run = medlint("check", "--format", "json", "--select", "unreadable-file", "big.md", "a.md")
    report = json.loads(run.out)
    assert report["files_checked"] == 2
    (finding,) = report["findings"]
    assert finding["path"] == "big.md" and finding["rule"] == "unreadable-file"
    assert "2.4 KB" in finding["message"] and "1 KB" in finding["message"], finding
    assert "max-file-size" in finding["message"]


def test_max_file_size_in_pyproject(project, medlint):
    (project / "big.md").write_text("# Big\n\n" + "Sleep well. " * 200 + "\n")
    (project / "pyproject.toml").write_text('[tool.medlint]\nmax-file-size = "2KB"\n')
    run = medlint("check", "--format", "json", "--select", "unreadable-file", "big.md")
    assert [f["rule"] for f in json.loads(run.out)["findings"]] == ["unreadable-file"]


@pytest.mark.parametrize("value", ["ten", "0", "-5", "10 parsecs", "true", "[1]", "1.5"])
def test_a_bad_max_file_size_is_a_config_error(project, medlint, value):
    (project / "medlint.yaml").write_text(f"max-file-size: {value}\n")
    run = medlint("check", "a.md")
    assert run.code == 2
    one_error_line(run.err, "medlint.yaml:1", "max-file-size")


def test_standard_input_over_the_limit_is_refused(project, monkeypatch, capsys):
    import io

    from medlint.cli import main

    (project / "medlint.yaml").write_text("max-file-size: 1KB\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Sleep. " * 1000)))
    code = main(["check", "--stdin-filename", "a.md"])
    assert code == 2
    one_error_line(capsys.readouterr().err, "standard input", "max-file-size", "1 KB")


# Word lists --------------------------------------------------------------------------


def spelling_config(project: Path, option: str) -> None:
    (project / "medlint.yaml").write_text(f"rules:\n  spelling:\n    {option}\n")


def test_dev_zero_as_the_words_file_is_a_config_error(project):
    spelling_config(project, "words-file: /dev/zero")
    run = child("check", "a.md", cwd=project, timeout=60)
    assert run.returncode == 2
    one_error_line(run.stderr, "/dev/zero", "words-file", "not a regular file")


def test_a_fifo_as_the_words_file_is_a_config_error(project):
    os.mkfifo(project / "words.txt")
    spelling_config(project, "words-file: words.txt")
    run = child("check", "a.md", cwd=project, timeout=60)
    assert run.returncode == 2
    one_error_line(run.stderr, "words.txt", "words-file", "not a regular file")


@pytest.mark.parametrize("option", ["word-lists", "dictionaries"])
def test_dev_zero_in_a_list_of_word_files_is_a_config_error(project, medlint, option):
    spelling_config(project, f"{option}: [/dev/zero]")
    run = medlint("check", "a.md")
    assert run.code == 2
    one_error_line(run.err, "medlint.yaml:3", option, "/dev/zero", "not a regular file")


def test_a_words_file_over_the_size_limit_is_a_config_error(project, medlint):
    with open(project / ".medlint-words.txt", "wb") as file:
        file.truncate(6 * 1024**2)
    run = medlint("check", "a.md")
    assert run.code == 2
    one_error_line(run.err, ".medlint-words.txt", "words-file", "6 MB", "5 MB")


@pytest.mark.parametrize("option", ["word-lists", "dictionaries"])
def test_a_listed_word_file_over_the_size_limit_is_a_config_error(project, medlint, option):
    with open(project / "big.txt", "wb") as file:
        file.truncate(6 * 1024**2)
    spelling_config(project, f"{option}: [big.txt]")
    run = medlint("check", "a.md")
    assert run.code == 2
    one_error_line(run.err, "medlint.yaml:3", option, "big.txt", "5 MB")


def test_a_words_file_with_too_many_words_is_a_config_error(project, medlint):
    (project / ".medlint-words.txt").write_text("a\n" * 500_001)
    run = medlint("check", "a.md")
    assert run.code == 2
    one_error_line(run.err, ".medlint-words.txt", "words-file", "500,000 words")


def test_a_words_option_with_too_many_words_is_a_config_error(tmp_path):
    from medlint.checks import spelling
    from medlint.errors import ConfigError
    from medlint.rules import validate_options

    with pytest.raises(ConfigError, match="words.*more than 500,000"):
        validate_options(spelling, {"words": ["a"] * 500_001}, tmp_path / "c.yaml", "rule x")


def test_a_huge_words_list_in_the_config_is_refused_quickly(project):
    words = "".join(f"      - w{i}\n" for i in range(2_000_000))
    (project / "medlint.yaml").write_text(f"rules:\n  spelling:\n    words:\n{words}")
    run = child("check", "a.md", cwd=project, timeout=30)
    assert run.returncode == 2
    one_error_line(run.stderr, "medlint.yaml", "larger than")


def test_a_huge_pyproject_is_refused_quickly(project):
    words = ", ".join(f'"w{i}"' for i in range(2_000_000))
    (project / "pyproject.toml").write_text(f"[tool.medlint.rules.spelling]\nwords = [{words}]\n")
    run = child("check", "a.md", cwd=project, timeout=30)
    assert run.returncode == 2
    one_error_line(run.stderr, "pyproject.toml", "larger than")


# YAML: aliases and nesting --------------------------------------------------------------

BOMB = textwrap.dedent(
    """\
    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
    h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
    i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
    """
)
RULE = textwrap.dedent(
    """\
    id: house-rule
    check: existence
    severity: warning
    message: "Avoid {token}."
    description: A house rule.
    options:
      tokens: [miracle]
    """
)


def pack_with_examples(project: Path, examples: str) -> None:
    (project / "pack").mkdir()
    (project / "pack" / "house-rule.yaml").write_text(RULE + "examples:\n" + examples)
    (project / "medlint.yaml").write_text("packs: [pack]\n")


def test_an_alias_bomb_in_a_pack_rule_is_refused(project):
    pack_with_examples(project, textwrap.indent(BOMB, "  "))
    run = child("check", "a.md", cwd=project, timeout=30)
    assert run.returncode == 2
    one_error_line(run.stderr, "house-rule.yaml:10", "alias")


def test_a_recursive_alias_in_a_pack_rule_is_refused(project, medlint):
    pack_with_examples(project, "  bad: &a [*a]\n")
    with no_hang():
        run = medlint("check", "a.md")
    assert run.code == 2
    one_error_line(run.err, "house-rule.yaml:9", "alias")


def test_an_alias_in_the_config_is_refused_with_its_line(project, medlint):
    (project / "medlint.yaml").write_text("ignore: &i [readability]\nselect: *i\n")
    run = medlint("check", "a.md")
    assert run.code == 2
    one_error_line(run.err, "medlint.yaml:2", "alias")


@pytest.mark.parametrize("shape", ["flow", "block"])
def test_a_deeply_nested_yaml_config_is_a_config_error(project, medlint, shape):
    nested = "[" * 10_000 + "]" * 10_000 if shape == "flow" else "- " * 10_000 + "x"
    (project / "medlint.yaml").write_text(f"rules:\n  {nested}\n")
    with no_hang():
        run = medlint("check", "a.md")
    assert run.code == 2
    one_error_line(run.err, "medlint.yaml", "nested")


def test_a_deeply_nested_pack_rule_is_a_config_error(project, medlint):
    pack_with_examples(project, "  bad: " + "[" * 10_000 + "]" * 10_000 + "\n")
    with no_hang():
        run = medlint("check", "a.md")
    assert run.code == 2
    one_error_line(run.err, "house-rule.yaml", "nested")


def test_a_rule_file_over_the_size_limit_is_refused(project, medlint):
    pack_with_examples(project, "  bad: |\n" + "    miracle cure\n" * 100_000)
    run = medlint("check", "a.md")
    assert run.code == 2
    one_error_line(run.err, "house-rule.yaml", "larger than")


# TOML config --------------------------------------------------------------------------


def test_a_deeply_nested_pyproject_is_a_config_error(project, medlint):
    nested = "[" * 10_000 + "]" * 10_000
    (project / "pyproject.toml").write_text(f"[tool.medlint]\nrules = {nested}\n")
    run = medlint("check", "a.md")
    assert run.code == 2
    one_error_line(run.err, "pyproject.toml", "nested")


@pytest.mark.parametrize(
    "text, message",
    [
        ("[tool]\nmedlint = 1979-05-27\n", "[tool.medlint]"),
        ("[tool]\nmedlint = 3\n", "[tool.medlint]"),
        ("tool = 3\n", "[tool]"),
        ('tool = "medlint"\n', "[tool]"),
        ("[tool]\nmedlint = [1]\n", "[tool.medlint]"),
        ("[tool.medlint]\nrules = 3\n", "rules"),
        ("[tool.medlint]\nrules = 1979-05-27T07:32:00Z\n", "rules"),
        ("[tool.medlint.rules]\nspelling = 1979-05-27\n", "rules.spelling"),
        ("[tool.medlint]\nfail-on = 1979-05-27\n", "fail-on"),
        ("[tool.medlint]\nmax-file-size = 1979-05-27\n", "max-file-size"),
    ],
)
def test_a_value_of_the_wrong_type_in_pyproject_is_a_config_error(project, medlint, text, message):
    (project / "pyproject.toml").write_text(text)
    run = medlint("check", "--config", "pyproject.toml", "a.md")
    assert run.code == 2
    one_error_line(run.err, "pyproject.toml", message)
    if text.startswith("[tool"):  # found by the search too
        run = medlint("check", "a.md")
        assert run.code == 2
        one_error_line(run.err, "pyproject.toml", message)


@pytest.mark.parametrize("text", ['tool = "other"\n', 'tool = "medlint"\n', "tool = [1]\n"])
def test_a_pyproject_whose_tool_is_not_a_table_is_not_a_config_when_searched(
    project, medlint, text
):
    (project / "pyproject.toml").write_text(text)
    run = medlint("check", "--today", TODAY, "a.md")
    assert run.code in (0, 1) and "Traceback" not in run.err


# Closed standard streams -------------------------------------------------------------


def test_standard_input_closed(project):
    run = child("check", "--stdin-filename", "a.md", cwd=project, prelude="import os; os.close(0)")
    assert run.returncode == 2
    one_error_line(run.stderr, "cannot read standard input")


def test_standard_input_closed_by_the_shell(project):
    run = child("check", "--stdin-filename", "a.md", cwd=project, shell="0<&-")
    assert run.returncode == 2
    one_error_line(run.stderr, "cannot read standard input")


def test_standard_output_closed_by_the_shell(project):
    run = child("check", "a.md", cwd=project, shell=">&-")
    assert run.returncode == 2
    one_error_line(run.stderr, "standard output")


def test_standard_output_closed_after_start(project):
    run = child("check", "a.md", cwd=project, prelude="import os; os.close(1)")
    assert run.returncode == 2
    assert "Exception ignored" not in run.stderr
    one_error_line(run.stderr, "standard output")


@pytest.mark.parametrize("command", [["rules"], ["explain", "spelling"]])
def test_standard_output_closed_for_other_commands(project, command):
    run = child(*command, cwd=project, shell=">&-")
    assert run.returncode == 2
    one_error_line(run.stderr, "standard output")


def test_standard_output_full(project):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    run = child("check", "a.md", cwd=project, shell=">/dev/full")
    assert run.returncode == 2
    assert "Exception ignored" not in run.stderr
    one_error_line(run.stderr, "standard output")


def test_standard_error_closed_keeps_errors_out_of_standard_output(project):
    (project / "medlint.yaml").write_text("nonsense: 1\n")
    run = child("check", "--format", "json", "a.md", cwd=project, shell="2>&-")
    assert run.returncode == 2 and run.stdout == ""


# Globs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "config, where",
    [
        ('include: ["[z-a]"]', "include"),
        ('exclude: ["!"]', "exclude"),
        ('per-file-ignores: {"!": [spelling]}', "per-file-ignores"),
    ],
)
def test_a_glob_that_does_not_compile_is_a_config_error(project, medlint, config, where):
    (project / "medlint.yaml").write_text(config + "\n")
    run = medlint("check", ".")
    assert run.code == 2
    one_error_line(run.err, "medlint.yaml", where, "not a glob pattern")


def test_a_gitignore_line_that_is_not_a_pattern_is_left_out_like_git_does(project, medlint):
    (project / ".git").mkdir()
    (project / ".gitignore").write_text("\\\nignored.md\n")
    (project / "ignored.md").write_text(ARTICLE)
    run = medlint("check", "--format", "json", "--select", "unreadable-file", ".")
    assert run.code == 0, run.err
    assert json.loads(run.out)["files_checked"] == 1


# The last resort -----------------------------------------------------------------------


@pytest.mark.parametrize("error", [RuntimeError("boom"), RecursionError("deep"), MemoryError()])
def test_an_unexpected_exception_is_one_line_not_a_traceback(project, medlint, monkeypatch, error):
    from medlint import cli

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(cli, "discover", broken)
    run = medlint("check", "a.md")
    assert run.code == 2
    lines = run.err.splitlines()
    assert len(lines) == 1 and "Traceback" not in run.err
    assert lines[0].startswith(f"medlint: error: internal error: {type(error).__name__}")
    assert lines[0].endswith("(please report it)")


def test_front_matter_nested_past_libyamls_stack_is_a_finding(tmp_path):
    """30,000 nested lists fit in the 64 KiB front matter cap; libyaml's
    loader recursed on them until the process died (exit 139)."""
    article = tmp_path / "deep.md"
    article.write_text("---\nx: " + "[" * 30000 + "]" * 30000 + "\n---\n\n# Flu\n")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            RUN_MEDLINT,
            "check",
            "--select",
            "invalid-front-matter",
            str(article),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "nested more than 50 levels deep" in result.stdout


RUN_MEDLINT = "import sys; from medlint.cli import main; sys.exit(main(sys.argv[1:]))"


# The same guards on an article's front matter (read with its own loader) ------------


def _front_matter_problem(yaml_text: str):
    from medlint.parsing import parse_document

    doc = parse_document("a.md", f"---\n{yaml_text}\n---\n\nText.\n")
    return doc.front_matter, [p.message for p in doc.problems]


def test_an_alias_bomb_in_front_matter_is_refused_with_its_line():
    with no_hang():
        data, problems = _front_matter_problem(BOMB)
    assert data is None
    assert len(problems) == 1 and "alias" in problems[0]


@pytest.mark.parametrize("lists", [49, 50])
def test_front_matter_nested_past_the_limit_is_refused(lists):
    from medlint.parsing.front_matter import MAX_DEPTH

    depth = lists + 1  # the top-level mapping is a level too
    with no_hang():
        data, problems = _front_matter_problem("a: " + "[" * lists + "]" * lists)
    if depth > MAX_DEPTH:
        assert data is None and len(problems) == 1 and "nested" in problems[0]
    else:
        assert data is not None and problems == []
