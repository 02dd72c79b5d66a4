"""The progress bar: on standard error, for long runs on a terminal only."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from medlint import cli

from conftest import FIXTURES, TODAY


def _args(**given) -> argparse.Namespace:
    values = {"format": None, "quiet": False, "diff": False}
    values.update(given)
    return argparse.Namespace(**values)


@pytest.fixture
def terminal(monkeypatch):
    """Standard error is a terminal, outside CI."""
    monkeypatch.setattr(cli, "_isatty", lambda stream: True)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("MEDLINT_FORMAT", raising=False)
    monkeypatch.setenv("TERM", "xterm")


def test_when_the_bar_is_shown(terminal, monkeypatch):
    assert cli._wants_progress(_args(), 100)
    assert not cli._wants_progress(_args(), cli.PROGRESS_MIN_FILES - 1)  # a few files
    assert not cli._wants_progress(_args(quiet=True), 100)
    assert not cli._wants_progress(_args(diff=True), 100)
    for form in ("json", "sarif", "junit", "github", "rdjson", "gitlab"):
        assert not cli._wants_progress(_args(format=[(form, None)]), 100)
    # A machine report written to a file leaves the screen to the bar.
    assert cli._wants_progress(_args(format=[("text", None), ("sarif", Path("a.sarif"))]), 100)
    monkeypatch.setenv("CI", "true")
    assert not cli._wants_progress(_args(), 100)
    monkeypatch.setenv("CI", "false")
    assert cli._wants_progress(_args(), 100)
    monkeypatch.setenv("TERM", "dumb")
    assert not cli._wants_progress(_args(), 100)


def test_not_on_a_pipe(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with open(__file__) as not_a_terminal:
        monkeypatch.setattr(sys, "stderr", not_a_terminal)
        assert not cli._wants_progress(_args(), 100)


def test_the_bar_counts_the_files_on_standard_error(terminal, monkeypatch, medlint):
    monkeypatch.setattr(cli, "PROGRESS_DELAY", 0)
    monkeypatch.setattr(cli, "PROGRESS_MIN_FILES", 2)
    run = medlint("check", "--today", TODAY, "-j", "1", FIXTURES / "duplicate-paragraph")
    articles = FIXTURES / "duplicate-paragraph"
    files = len([p for p in articles.iterdir() if p.suffix != ".expected"])
    assert f"0/{files} " in run.err and "file/s" in run.err
    assert run.err.endswith("\r")  # the bar is cleared when the run ends
    assert "\r" not in run.out  # the report is not touched


def test_tqdm_is_not_imported_by_a_one_file_run():
    code = (
        "import sys; from medlint.cli import main; "
        f"main(['check', '--today', '{TODAY}', '{FIXTURES / 'duplicate-paragraph'}']); "
        "print('tqdm' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip().endswith("False")
