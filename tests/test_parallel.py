"""--jobs: several processes check the files; the report is the same, byte
for byte and in the same order, as one process gives."""

from __future__ import annotations

import os
import random
import shutil
import signal
import time

import pytest

from medlint import runner

from conftest import EXAMPLES, REPO, TODAY

TREES = [EXAMPLES, REPO / "tests" / "fixtures", REPO / "tests" / "authored"]

pytestmark = pytest.mark.skipif(not runner._can_fork(), reason="no fork on this platform")


@pytest.mark.parametrize("form", ["json", "text", "sarif", "junit"])
def test_parallel_report_is_the_serial_report(medlint, form):
    serial = medlint("check", "--today", TODAY, "--format", form, "-j", "1", *TREES)
    parallel = medlint("check", "--today", TODAY, "--format", form, "-j", "2", *TREES)
    assert serial.code == parallel.code == 1
    assert serial.out == parallel.out and serial.err == parallel.err
    assert serial.out.count("\n") > 50


def test_parallel_runs_in_workers(medlint, monkeypatch):
    """The parallel path is taken (else the test above proves nothing)."""
    taken = []
    original = runner._in_workers

    def spy(*args, **kwargs):
        taken.append(args[3])
        yield from original(*args, **kwargs)

    monkeypatch.setattr(runner, "_in_workers", spy)
    medlint("check", "--today", TODAY, "-j", "3", EXAMPLES)
    medlint("check", "--today", TODAY, "-j", "3", EXAMPLES / "seed-article.txt")
    assert taken == [3]  # one file is checked in this process


def test_parallel_fixes_write_what_serial_fixes_write(medlint, tmp_path):
    trees = []
    for name in ("one", "two"):
        tree = tmp_path / name
        shutil.copytree(EXAMPLES, tree)
        trees.append(tree)
    one = medlint("check", "--today", TODAY, "--fix", "-j", "1", trees[0])
    two = medlint("check", "--today", TODAY, "--fix", "-j", "2", trees[1])
    assert one.code == two.code
    assert one.out.replace(str(trees[0]), "X") == two.out.replace(str(trees[1]), "X")
    changed = 0
    for path in sorted(trees[0].rglob("*")):
        if path.is_file():
            other = trees[1] / path.relative_to(trees[0])
            assert path.read_bytes() == other.read_bytes(), path.name
            changed += path.read_bytes() != (EXAMPLES / path.relative_to(trees[0])).read_bytes()
    assert changed  # some example was fixed


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_a_bad_number_of_jobs_is_an_error(medlint, value):
    run = medlint("check", "-j", value, EXAMPLES)
    assert run.code == 2
    assert "number of processes" in run.err
    assert "Traceback" not in run.err


def test_jobs_is_documented():
    assert "--jobs" in (REPO / "README.md").read_text(encoding="utf-8")


def test_a_worker_that_dies_is_an_error_not_a_hang(medlint, monkeypatch):
    """Found in review: a worker killed (out of memory) left the run waiting
    for ever. The pool breaks, the run says so and exits 2."""
    import os

    original = runner._check_one

    def dies_on_one(path, *args):
        if path.endswith("seasonal-flu.md"):
            os._exit(9)  # as a worker killed for memory would
        return original(path, *args)

    monkeypatch.setattr(runner, "_check_one", dies_on_one)  # workers inherit it by the fork
    run = medlint("check", "--today", TODAY, "-j", "2", EXAMPLES)
    assert run.code == 2
    assert "worker process stopped" in run.err and "Traceback" not in run.err


def test_a_paragraph_repeated_across_articles_is_judged_the_same_in_each(medlint, tmp_path):
    """What is kept of a text met before (its sentences, its grade, its words
    all known) gives each article the findings it has on its own."""
    typo = "People with a cold should rest, drink fluids and take paracetamol for the fevr."
    known = "People with a cold should rest at home and drink plenty of fluids every day."
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.md").write_text(f"# {name}\n\n{known}\n\n{typo}\n")
    together = medlint("check", "--no-cache", "-j", "1", "--select", "spelling,readability",
                       str(tmp_path))  # fmt: skip
    alone = [
        medlint(
            "check", "--no-cache", "--select", "spelling,readability", str(tmp_path / f"{n}.md")
        )
        for n in ("a", "b", "c")
    ]
    lines = [line for line in together.out.splitlines() if ": warning " in line]
    assert lines == [line for run in alone for line in run.out.splitlines() if ": warning " in line]
    assert sum("fevr" in line for line in lines) == 3


def test_a_project_checks_parts_run_in_processes_of_their_own_in_order():
    parent = os.getpid()
    results = runner._in_parts(lambda number, parts: (number, parts, os.getpid()), 3)
    assert [result[:2] for result in results] == [(0, 3), (1, 3), (2, 3)]
    assert results[0][2] == parent and len({result[2] for result in results}) == 3


def test_a_part_whose_process_fails_is_done_here():
    parent = os.getpid()

    def failing(number, parts):
        if os.getpid() != parent:
            raise RuntimeError("a bug in the part")
        return number

    def killed(number, parts):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return number * 10

    assert runner._in_parts(failing, 3) == [0, 1, 2]
    assert runner._in_parts(killed, 2) == [0, 10]


def test_a_large_sites_comparison_spread_over_the_jobs_is_the_serial_one(
    medlint, tmp_path, monkeypatch
):
    """A site with enough paragraphs (copied_paragraph.SPREAD_FROM) has its
    project phase spread over the run's processes; the report is the one
    process's, byte for byte."""
    from medlint.checks import copied_paragraph

    rng = random.Random(3)
    words = [f"word{n}" for n in range(400)]
    pasted = " ".join(rng.choices(words, k=30)) + "."
    for number in range(90):
        paragraphs = [" ".join(rng.choices(words, k=rng.randint(20, 30))) + "." for _ in range(24)]
        if number % 10 == 0:
            paragraphs.append(pasted)
        if number % 15 == 0:
            paragraphs.append(f"Take {100 + 100 * (number % 2)} mg {' '.join(words[:22])}.")
        body = "\n\n".join(paragraphs)
        (tmp_path / f"a{number:02}.md").write_text(f"# Article {number}\n\n{body}\n")
    monkeypatch.chdir(tmp_path)
    spread = []
    in_parts = runner._in_parts

    def spy(work, parts):
        spread.append(parts)
        return in_parts(work, parts)

    monkeypatch.setattr(runner, "_in_parts", spy)
    args = ("check", "--no-cache", "--today", TODAY, "--select", "copied-paragraph")
    serial = medlint(*args, "--format", "json", "-j", "1", ".")
    assert spread == []
    parallel = medlint(*args, "--format", "json", "-j", "2", ".")
    assert spread == [2]  # the comparison was spread over two processes
    assert serial.out == parallel.out and serial.code == parallel.code == 1
    assert serial.out.count('"copied-paragraph"') >= 9 and "different numbers" in serial.out
    assert len(list(tmp_path.glob("*.md"))) * 24 >= copied_paragraph.SPREAD_FROM


@pytest.fixture
def forked(monkeypatch) -> list[int]:
    """The processes os.fork makes in this test (their pids, in order)."""
    made: list[int] = []
    fork = os.fork

    def recorded_fork():
        pid = fork()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded_fork)
    return made


def test_when_the_part_done_here_fails_the_other_processes_are_ended(forked):
    parent = os.getpid()

    def work(number, parts):
        if os.getpid() == parent:
            raise RuntimeError("a bug in the part done here")
        time.sleep(30)  # (ended long before)
        return number

    started = time.monotonic()
    with pytest.raises(RuntimeError):
        runner._in_parts(work, 3)
    assert len(forked) == 2 and time.monotonic() - started < 20
    for pid in forked:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped: not a child any more


def test_a_ctrl_c_while_the_parts_are_awaited_ends_their_processes(forked):
    parent = os.getpid()

    def work(number, parts):
        if os.getpid() != parent:
            time.sleep(30)  # (ended long before)
        return number

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    started = time.monotonic()
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)  # while this process waits for the others
        with pytest.raises(KeyboardInterrupt):
            runner._in_parts(work, 3)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert len(forked) == 2 and time.monotonic() - started < 20
    for pid in forked:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped: not a child any more
