"""The benchmark scripts still run (a smoke test: no timing is asserted here;
speed is measured by running them, see the README)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO, needs_corpus


@needs_corpus
def test_corpus_benchmark_runs():
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "corpus.py"), "--limit", "20"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "articles: 20" in result.stdout and "errors: 0" in result.stdout
    assert "articles/s" in result.stdout and "peak memory" in result.stdout


def test_startup_benchmark_runs():
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "startup.py"), "--runs", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "medlint check --no-cache (1 file): median" in result.stdout
    assert "medlint check, file changed:       median" in result.stdout


@needs_corpus
def test_cache_benchmark_runs():
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "cache.py"), "--limit", "20", "--rounds", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "20 articles" in result.stdout and "% of cold" in result.stdout
