"""The GitHub Action (action.yml with scripts/action-check.sh) and the
container image (Dockerfile): what their users paste, checked as far as this
machine can (no GitHub runner, no Docker daemon here)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import EXAMPLES, REPO

SCRIPT = REPO / "scripts" / "action-check.sh"


def _action() -> dict:
    return YAML(typ="safe").load((REPO / "action.yml").read_text(encoding="utf-8"))


def test_the_action_takes_its_inputs_as_data():
    action = _action()
    assert set(action["inputs"]) >= {"paths", "format", "changed-since", "args"}
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        # An input pasted into a script would run what a path or argument holds.
        assert "${{" not in step.get("run", ""), step
    install, check = (s for s in action["runs"]["steps"] if "run" in s)
    (cache,) = (s for s in action["runs"]["steps"] if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == "**/.medlint_cache" and "inputs.cache" in cache["if"]
    assert '"$GITHUB_ACTION_PATH"' in install["run"]  # this action's own version of medlint
    assert set(check["env"]) == {
        "MEDLINT_PATHS", "MEDLINT_FORMATS", "MEDLINT_CHANGED_SINCE", "MEDLINT_ARGS"
    }  # fmt: skip


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.email=e@example.org", "-c", "user.name=E", *args],
        cwd=cwd, check=True, capture_output=True,
    )  # fmt: skip


def _run_check(cwd: Path, **env: str) -> subprocess.CompletedProcess:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "MEDLINT_"))}
    return subprocess.run(
        ["bash", str(SCRIPT)], cwd=cwd, capture_output=True, text=True, check=False,
        env={**clean, "PATH": path, **env},
    )  # fmt: skip


@pytest.fixture
def site(tmp_path):
    """A content repository with a remote (origin) and a branch off main."""
    origin = tmp_path / "origin.git"
    site = tmp_path / "my site"
    (site / "content").mkdir(parents=True)
    shutil.copy(EXAMPLES / "seasonal-flu.md", site / "content" / "flu.md")
    shutil.copy(EXAMPLES / "poems-syndrome.txt", site / "content" / "poems.txt")
    _git("init", "-q", "-b", "main", cwd=site)
    _git("add", "-A", cwd=site)
    _git("commit", "-qm", "site", cwd=site)
    _git("init", "-q", "--bare", str(origin), cwd=tmp_path)
    _git("remote", "add", "origin", str(origin), cwd=site)
    _git("push", "-q", "origin", "main", cwd=site)
    _git("checkout", "-q", "-b", "edit", cwd=site)
    return site


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_check_step_checks_everything_off_a_pull_request(site):
    run = _run_check(site, MEDLINT_PATHS="content", MEDLINT_FORMATS="text",
                     MEDLINT_CHANGED_SINCE="auto", MEDLINT_ARGS="--today 2026-11-24 --no-cache")  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "content/poems.txt:" in run.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_check_step_on_a_pull_request_checks_what_it_changed(site, tmp_path):
    flu = site / "content" / "flu.md"
    flu.write_text(flu.read_text(encoding="utf-8") + "\nA new line with a mistaek.\n")
    _git("commit", "-qam", "edit", cwd=site)
    sarif = tmp_path / "out.sarif"
    run = _run_check(
        site,
        MEDLINT_PATHS="content",
        MEDLINT_FORMATS=f"github sarif:{sarif}",
        MEDLINT_CHANGED_SINCE="auto",
        MEDLINT_ARGS="--today 2026-11-24 --no-cache",
        GITHUB_BASE_REF="main",
    )
    assert "::warning file=content/flu.md" in run.stdout and "mistaek" in run.stdout, run.stderr
    assert "poems.txt" not in run.stdout  # untouched by the pull request
    assert sarif.is_file()


def test_the_container_copies_what_the_package_is_built_from():
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    copied = {
        name
        for line in dockerfile.splitlines()
        if line.startswith("COPY ")
        for name in line.split()[1:-1]
    }
    assert {"pyproject.toml", "README.md", "src", "rules"} <= copied
    for name in copied:
        assert (REPO / name).exists(), name
    assert re.search(r"^ENTRYPOINT \[\"medlint\"\]$", dockerfile, re.MULTILINE)
    assert "git" in dockerfile  # for --changed-since


@pytest.mark.network
def test_the_container_s_files_build_the_package(tmp_path):
    """What the Dockerfile copies is enough to build and install medlint
    (pip builds the wheel as the image's build does)."""
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    context = tmp_path / "context"
    for line in dockerfile.splitlines():
        if line.startswith("COPY "):
            *sources, target = line.split()[1:]
            for name in sources:
                source = REPO / name
                if source.is_dir():
                    shutil.copytree(
                        source, context / name, ignore=shutil.ignore_patterns("__pycache__")
                    )
                else:
                    context.mkdir(exist_ok=True)
                    shutil.copy(source, context / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"),
         str(context)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("medlint_content-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "medlint/cli.py" in names and "medlint/rules/spelling.yaml" in names


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_check_step_expands_no_glob(site):
    (site / "json:x").write_text("")
    run = _run_check(site, MEDLINT_PATHS="content", MEDLINT_FORMATS="json:*",
                     MEDLINT_CHANGED_SINCE="", MEDLINT_ARGS="--no-cache")  # fmt: skip
    assert (site / "*").is_file() and (site / "json:x").read_text() == "", run.stderr
