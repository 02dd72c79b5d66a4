"""--fix writes only what it may: never a read-only file, never one that
changed while medlint ran, never through a hard link; one failed write does
not stop the others, and a killed write leaves nothing a later run keeps."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time

from conftest import EXAMPLES, TODAY

POEMS = EXAMPLES / "poems-syndrome.txt"


def two_articles(tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    for path in (first, second):
        path.write_bytes(POEMS.read_bytes())
    return first, second


def fixed_bytes(tmp_path, medlint) -> bytes:
    reference = tmp_path / "reference" / "poems.txt"
    reference.parent.mkdir()
    reference.write_bytes(POEMS.read_bytes())
    medlint("check", "--today", TODAY, "--fix", reference)
    assert reference.read_bytes() != POEMS.read_bytes()
    return reference.read_bytes()


def test_read_only_file_is_not_written_and_the_others_are(tmp_path, medlint):
    expected = fixed_bytes(tmp_path, medlint)
    first, second = two_articles(tmp_path)
    os.chmod(first, 0o444)
    run = medlint("check", "--today", TODAY, "--fix", first, second)
    assert first.read_bytes() == POEMS.read_bytes()
    assert second.read_bytes() == expected
    assert f"medlint: warning: {first}: not fixed: it is read-only" in run.err
    # What stands in the unwritten file is reported: its repeat is still there.
    assert f"{first}:4:1: error duplicate-paragraph" in run.out
    assert f"{second}:4:1: error duplicate-paragraph" not in run.out
    # The two files are copies: what each holds is compared with the other
    # as it stands, unwritten for the first, fixed for the second.
    assert f"{first}:4:1: warning copied-paragraph" in run.out
    assert run.code == 1


def test_hard_link_is_kept(tmp_path, medlint):
    first, _ = two_articles(tmp_path)
    other_name = tmp_path / "other-name.txt"
    os.link(first, other_name)
    run = medlint("check", "--today", TODAY, "--fix", first)
    assert "hard links" in run.err and "not fixed" in run.err
    assert first.read_bytes() == other_name.read_bytes() == POEMS.read_bytes()
    assert os.stat(first).st_ino == os.stat(other_name).st_ino


def test_a_change_saved_during_the_run_is_not_overwritten(tmp_path, medlint, monkeypatch):
    from medlint import runner

    first, second = two_articles(tmp_path)
    edited = POEMS.read_bytes() + b"An editor added this line while medlint ran.\n"
    real = runner.lint_bytes

    def lint_then_edit(path, *args, **kwargs):
        outcome = real(path, *args, **kwargs)
        if path == str(first):
            first.write_bytes(edited)
        return outcome

    monkeypatch.setattr(runner, "lint_bytes", lint_then_edit)
    run = medlint("check", "--today", TODAY, "--fix", first, second)
    assert first.read_bytes() == edited
    assert "changed while medlint ran" in run.err
    assert second.read_bytes() != POEMS.read_bytes()  # fixed


def test_a_failed_write_stops_nothing_else(tmp_path, medlint, monkeypatch):
    expected = fixed_bytes(tmp_path, medlint)
    first, second = two_articles(tmp_path)
    real = os.replace

    def disk_full(source, target, *args, **kwargs):
        if str(target).endswith("first.txt"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", disk_full)
    run = medlint("check", "--today", TODAY, "--fix", first, second)
    assert run.code == 2
    assert f"medlint: error: {first}: not fixed: cannot write it (No space left on device)" in (
        run.err
    )
    assert first.read_bytes() == POEMS.read_bytes() and second.read_bytes() == expected
    assert "Found" in run.out  # the report is printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.txt", "reference", "second.txt"]


KILLED_WRITER = """
import os, sys, time
real = os.replace
def stall(*args, **kwargs):
    open(sys.argv[2], "w").close()  # the temporary file is complete: tell the test
    time.sleep(60)
os.replace = stall
from medlint.cli import main
sys.exit(main(["check", "--today", sys.argv[3], "--fix", sys.argv[1]]))
"""


def test_a_killed_write_leaves_the_article_and_a_temporary_file_the_next_run_removes(
    tmp_path, medlint
):
    expected = fixed_bytes(tmp_path, medlint)
    article = tmp_path / "article.txt"
    article.write_bytes(POEMS.read_bytes())
    ready = tmp_path / "ready"
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(article), str(ready), TODAY]
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists(), "the writer never reached its rename"
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].startswith(".article.txt.medlint-")
    assert article.read_bytes() == POEMS.read_bytes()

    run = medlint("check", "--today", TODAY, "--fix", article)
    assert "left behind by an interrupted medlint --fix" in run.err
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert article.read_bytes() == expected


def test_a_live_runs_temporary_file_is_not_removed(tmp_path, medlint):
    article = tmp_path / "article.txt"
    article.write_bytes(POEMS.read_bytes())
    parent_pid = os.getppid()  # alive: the process that started the tests
    busy = tmp_path / f".article.txt.medlint-{parent_pid}-0123abcd.tmp"
    busy.write_bytes(b"half")
    unrelated = tmp_path / ".article.txt.tmp"
    unrelated.write_bytes(b"not ours")
    medlint("check", "--today", TODAY, "--fix", article)
    assert busy.exists() and unrelated.exists()


def test_check_without_fix_removes_nothing(tmp_path, medlint):
    stale = tmp_path / ".article.txt.medlint-999999999-0123abcd.tmp"
    stale.write_bytes(b"left")
    article = tmp_path / "article.txt"
    article.write_bytes(POEMS.read_bytes())
    medlint("check", "--today", TODAY, article)
    medlint("check", "--today", TODAY, "--diff", article)
    assert stale.exists()
