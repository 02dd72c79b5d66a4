"""Shared helpers: run the CLI in-process, and find the shared corpus."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from medlint.cli import main

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
EXAMPLES = REPO / "examples"
#: Tests check what the code finds now: no results kept by an earlier run
#: (or another test's patched code) may stand in, in this process or in the
#: medlint processes tests start. tests/test_cache.py turns it on where it
#: tests it. (Set at import: module-scoped fixtures run medlint too.)
os.environ["MEDLINT_NO_CACHE"] = "1"

SHARED = REPO.parent / "shared"
SEED = SHARED / "examples" / "seed-article.txt"
CORPUS = SHARED / "corpus"
TODAY = "2026-11-24"
TODAY_DATE = dt.date(2026, 11, 24)


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def finding_lines(self) -> list[str]:
        return [line for line in self.out.splitlines() if ": " in line and line[:1] != " "]


@pytest.fixture
def medlint(capsys):
    """Run ``medlint ARGS`` in this process; returns a Run (exit code, stdout, stderr)."""

    def run(*args: str) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


needs_seed = pytest.mark.skipif(not SEED.is_file(), reason="../shared/examples is absent")
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


def python_in(folder: Path, code: str) -> subprocess.CompletedProcess:
    """Run ``python -c code`` in ``folder``, with a user cache of its own
    (``folder/cache``): what a new medlint process there does."""
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=folder,
        env=env,
        check=False,
    )


def record_calls(monkeypatch, owner, name: str, argument: int = 0) -> list:
    """Patch ``owner.name`` to record its positional argument number
    ``argument`` at each call (``self`` is 0 for a method patched on its
    class), then do what it did; returns the list of them."""
    seen: list = []
    original = getattr(owner, name)

    def spy(*args, **kwargs):
        seen.append(args[argument])
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, spy)
    return seen
