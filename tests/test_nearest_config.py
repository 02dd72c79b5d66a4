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


@pytest.fixture
def house(tmp_path):
    """A house config that several sites extend."""
    (tmp_path / "house").mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "house" / "medlint.yaml").write_text(
        "ignore: [readability]\nper-file-ignores: {'legacy/*': [spelling]}\n"
        "rules:\n  long-sentence:\n    max-words: 12\n  spelling:\n    severity: error\n"
    )
    (tmp_path / "site" / "a.md").write_text(
        "# T\n\nThis is a sentence with more than twelve words in it for the test of it.\n\n"
        "A mistaek.\n"
    )
    return tmp_path


def _lines(run) -> list[str]:
    return [
        " ".join(line.split()[1:3]) for line in run.out.splitlines() if re.match(r"\S+:\d+:", line)
    ]


def test_a_config_extends_a_house_config_and_overrides_it_setting_by_setting(
    house, medlint, monkeypatch
):
    (house / "site" / "medlint.yaml").write_text(
        "extend: ../house/medlint.yaml\nrules:\n  long-sentence:\n    severity: info\n"
    )
    monkeypatch.chdir(house / "site")
    found = _lines(medlint("check", "--no-cache", "a.md"))
    assert "info long-sentence" in found  # its max-words from the house, its severity here
    assert "error spelling" in found  # the house's severity
    assert not any("readability" in line for line in found)  # the house's ignore


def test_an_extend_cycle_or_a_missing_file_is_one_line(house, medlint, monkeypatch):
    monkeypatch.chdir(house / "site")
    (house / "site" / "medlint.yaml").write_text("extend: ../house/medlint.yaml\n")
    (house / "house" / "medlint.yaml").write_text("extend: ../site/medlint.yaml\n")
    cycle = medlint("check", "--no-cache", "a.md")
    assert cycle.code == 2 and "leads back here" in cycle.err and cycle.err.count("\n") == 1
    (house / "site" / "medlint.yaml").write_text("extend: ../house/nope.yaml\n")
    missing = medlint("check", "--no-cache", "a.md")
    assert missing.code == 2 and "config file '../house/nope.yaml' not found" in missing.err
    (house / "site" / "medlint.yaml").write_text("extend: [a, b]\n")
    shape = medlint("check", "--no-cache", "a.md")
    assert shape.code == 2 and "extend: expected the path of a config file" in shape.err


def test_show_settings_says_where_each_setting_comes_from(house, medlint, monkeypatch):
    (house / "site" / "medlint.yaml").write_text(
        "extend: ../house/medlint.yaml\nrules:\n  long-sentence:\n    severity: info\n"
    )
    monkeypatch.chdir(house / "site")
    run = medlint("check", "--show-settings", "--ignore", "spelling", "a.md")
    assert run.code == 0, run.err
    lines = {
        line.split("#")[0].strip(): line.split("#")[-1].strip() for line in run.out.splitlines()
    }
    assert lines["severity: info"] == "medlint.yaml:4"
    assert lines["max-words: 12"] == "../house/medlint.yaml:5"
    assert lines["readability: not run"] == "ignore: ../house/medlint.yaml:1"
    assert lines["spelling: not run"] == "--ignore"
    assert lines["fail-on: error"] == "default"
    assert "extends:" in run.out and "house/medlint.yaml" in run.out


def test_config_key_value_overrides_the_config(house, medlint, monkeypatch):
    (house / "site" / "medlint.yaml").write_text("extend: ../house/medlint.yaml\n")
    monkeypatch.chdir(house / "site")
    loose = medlint("check", "--no-cache", "--config", "rules.long-sentence.max-words=40", "a.md")
    assert "long-sentence" not in loose.out
    warned = medlint("check", "--no-cache", "--select", "long-sentence", "--config", "fail-on=info",
                     "--config", "rules.long-sentence.severity=info", "a.md")  # fmt: skip
    assert warned.code == 1 and "info long-sentence" in warned.out
    shown = medlint("check", "--show-settings", "--config", "fail-on=warning", "a.md")
    assert any(
        line.startswith("fail-on: warning") and line.endswith("# --config")
        for line in shown.out.splitlines()
    )
    bad = medlint("check", "--config", "rules.long-sentence.max-words=many", "a.md")
    assert bad.code == 2 and "expected a whole number" in bad.err and bad.err.count("\n") == 1
    two = medlint("check", "--config", "medlint.yaml", "--config", "../house/medlint.yaml", "a.md")
    assert two.code == 2 and "two config files" in two.err


def test_each_file_fails_by_its_own_configs_fail_on_whatever_the_order(
    tmp_path, medlint, monkeypatch
):
    """Found in review: the first path's config decided for every file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content" / "sub").mkdir(parents=True)
    (tmp_path / "medlint.yaml").write_text("{}\n")
    (tmp_path / "content" / "sub" / "medlint.yaml").write_text("fail-on: warning\n")
    (tmp_path / "content" / "a.md").write_text("# A\n\nText.\n")
    (tmp_path / "content" / "sub" / "b.md").write_text("# B\n\nA mistaek.\n")
    args = ("check", "--no-cache", "--select", "spelling")
    assert medlint(*args, "content/a.md", "content/sub/b.md").code == 1
    assert medlint(*args, "content/sub/b.md", "content/a.md").code == 1
    assert medlint(*args, "content").code == 1
    assert medlint(*args, "--fail-on", "error", "content").code == 0  # the command line wins


def test_a_walk_from_above_uses_a_subtrees_own_include(tmp_path, medlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "medlint.yaml").write_text('include: ["*.md"]\n')
    (tmp_path / "sub" / "medlint.yaml").write_text('include: ["*.txt"]\n')
    for name in ("a.md", "a.txt", "sub/b.md", "sub/b.txt"):
        (tmp_path / name).write_text("Text.\n")
    assert medlint("check", "--show-files", ".").out.split() == ["a.md", "sub/b.txt"]


def test_show_settings_for_standard_input_reads_nothing(site, monkeypatch):
    monkeypatch.chdir(site)
    nested = site / "content" / "nested" / "a.md"
    run = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--show-settings", "--stdin-filename", str(nested)],
        input="not read", capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0 and "nested/medlint.yaml" in run.stdout, run.stderr
    assert "missing-disclaimer: not run" in run.stdout
