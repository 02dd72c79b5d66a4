"""The benchmark scripts still run (a smoke test: no timing is asserted here;
speed is measured by running them, see the README)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO, needs_corpus


def _bench(script: str, *args: str) -> subprocess.CompletedProcess:
    """Run ``bench/SCRIPT.py ARGS``; it must succeed."""
    command = [sys.executable, str(REPO / "bench" / f"{script}.py"), *args]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result


@needs_corpus
def test_corpus_benchmark_runs():
    result = _bench("corpus", "--limit", "20")
    assert "articles: 20" in result.stdout and "errors: 0" in result.stdout
    assert "articles/s" in result.stdout and "peak memory" in result.stdout


def test_startup_benchmark_runs():
    result = _bench("startup", "--runs", "1")
    assert "medlint check --no-cache (1 file): median" in result.stdout
    assert "medlint check, file changed:       median" in result.stdout


@needs_corpus
def test_cache_benchmark_runs():
    result = _bench("cache", "--limit", "20", "--rounds", "1")
    assert "20 articles" in result.stdout and "% of cold" in result.stdout


def test_pathological_benchmark_runs():
    result = _bench("pathological", "--runs", "1", "--only", "empty")
    assert "empty" in result.stdout and " MB  median " in result.stdout
    assert "largest peak: " in result.stdout and "target <= 150 MB" in result.stdout
