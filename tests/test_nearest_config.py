"""Each file is checked with the config nearest to it (as ruff does): a run
from another directory, an editor's --stdin-filename and a subtree with its
own config each use the right one."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

ARTICLE = (
    "# Fluids\n\nDrink plenty of fluids and rest at home until you feel better, and then "
    "ask a pharmacist which painkillers are right for you and for your children today, "
    "and which of them you can take together with the medicines you already take.\n"
)


WATCHED = {"long-sentence", "missing-disclaimer"}


def _rules(run) -> list[str]:
    """The watched rules' findings (one of them each config silences)."""
    out = run.out if hasattr(run, "out") else run.stdout
    return sorted(
        rule
        for line in out.splitlines()
        if re.match(r"\S+:\d+:\d+: (error|warning|info) ", line)
        and (rule := line.split()[2]) in WATCHED
    )


@pytest.fixture
def site(tmp_path):
    """A project whose config silences long-sentence; a subtree whose own
    config silences missing-disclaimer instead (and excludes drafts/)."""
    project = tmp_path / "site"
    (project / "content" / "nested" / "drafts").mkdir(parents=True)
    (project / "medlint.yaml").write_text("ignore: [long-sentence]\n")
    (project / "content" / "nested" / "medlint.yaml").write_text(
        "ignore: [missing-disclaimer]\nexclude: ['drafts/']\n"
    )
    for place in ("content", "content/nested", "content/nested/drafts"):
        (project / place / "a.md").write_text(ARTICLE)
    return project


def _check(medlint, *args):
    return medlint("check", "--no-cache", "--today", "2026-11-24", *args)


def test_a_run_from_another_directory_reads_the_projects_config(site, medlint, monkeypatch):
    monkeypatch.chdir(site.parent)  # no config here
    run = _check(medlint, str(site / "content" / "a.md"))
    assert _rules(run) == ["missing-disclaimer"], run.out + run.err


def test_a_nested_config_applies_to_its_subtree(site, medlint, monkeypatch):
    monkeypatch.chdir(site)
    run = _check(medlint, "content")
    by_file: dict[str, list[str]] = {}
    for line in run.out.splitlines():
        if re.match(r"\S+:\d+:\d+: ", line):
            by_file.setdefault(line.split(":")[0], []).append(line.split()[2])
    assert sorted(by_file) == ["content/a.md", "content/nested/a.md"]  # drafts/: excluded there
    assert WATCHED & set(by_file["content/a.md"]) == {"missing-disclaimer"}
    assert WATCHED & set(by_file["content/nested/a.md"]) == {"long-sentence"}
    # Named on its own, the nested file is checked with its own config too.
    alone = _check(medlint, "content/nested/a.md")
    assert _rules(alone) == ["long-sentence"]


def test_an_editor_on_standard_input_gets_the_files_own_config(site, monkeypatch):
    monkeypatch.chdir(site.parent)
    nested = site / "content" / "nested" / "a.md"
    run = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--no-cache", "--stdin-filename", str(nested)],
        input=ARTICLE,
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert _rules(run) == ["long-sentence"], run.stdout + run.stderr


def test_config_names_one_file_for_all(site, medlint, monkeypatch):
    monkeypatch.chdir(site)
    run = _check(medlint, "--config", "medlint.yaml", "content/nested/a.md")
    assert _rules(run) == ["missing-disclaimer"]


def test_show_files_follows_each_subtrees_config(site, medlint, monkeypatch):
    monkeypatch.chdir(site)
    run = medlint("check", "--show-files", "content")
    assert run.out.split() == ["content/a.md", "content/nested/a.md"]
