"""A one-file run (the pre-commit case) imports only what it needs: the
libraries of parsers, rules and schedulers it does not use stay unloaded
(bench/startup.py measures the time; this holds the imports)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

#: What only some runs use: baselines, git (--changed-since), the report and its charts.
_OPTIONAL = ["medlint.baseline", "medlint.changes", "subprocess", "medlint.report.site"]
_OPTIONAL += ["medlint.report.dashboard", "medlint.report.charts", "matplotlib", "numpy"]
#: What only other commands, formats or config files use: rule docs, JSON, TOML.
_OPTIONAL += ["medlint.report.rule_docs", "importlib.resources", "tomllib", "json"]
#: The pack's patterns are compiled for a text that holds their literals; these articles hold none.
_OPTIONAL += ["regex"]
_UNUSED = {
    ".txt": ["pyphen", "ruamel.yaml", "multiprocessing", "concurrent.futures", "markdown_it"]
    + _OPTIONAL,
    ".md": ["pyphen", "multiprocessing", "concurrent.futures", "ruamel.yaml"] + _OPTIONAL,
}


@pytest.mark.parametrize("suffix", sorted(_UNUSED))
def test_a_one_file_run_imports_only_what_it_uses(tmp_path, suffix):
    article = tmp_path / f"a{suffix}"
    front = "---\ntitle: Iron\nlast_reviewed: 2026-01-02\ntags: [anemia]\n---\n\n"
    article.write_text(
        (front if suffix == ".md" else "") + "Iron deficiency anemia is a common condition. " * 20
    )
    names = _UNUSED[suffix]
    code = (
        "import sys; from medlint.cli import main; "
        f"main(['check', '--no-cache', {str(article)!r}]); "
        f"print([name for name in {names!r} if name in sys.modules])"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for _ in range(2):  # the first run parses and keeps pyphen's patterns and the pack's YAML
        run = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,  # no config file
            check=False,
        )
    assert run.stdout.strip().splitlines()[-1] == "[]", run.stderr
