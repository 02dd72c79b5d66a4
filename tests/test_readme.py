"""The README's promises that code can check: Quick start and CI agree, and
every rule and option is documented."""

from __future__ import annotations

import re

from medlint.rules import builtin_rules_dir, load_pack

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_exactly_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert commands[0].endswith("medlint check examples/")
    assert commands[1].endswith("pytest")


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def test_every_rule_and_option_is_in_the_readme():
    for rule in load_pack(builtin_rules_dir()).values():
        assert f"`{rule.id}`" in README
        for option in rule.options:
            assert f"`{option}`" in README, f"{rule.id}: {option}"


def test_every_install_line_names_our_distribution():
    """`medlint` on the package index is somebody else's program: an install
    line names medlint-content, the distribution pyproject.toml builds."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "medlint-content"
    assert "medlint" in project["scripts"]
    texts = [(REPO / "README.md").read_text(encoding="utf-8")]
    texts += [(REPO / name).read_text(encoding="utf-8") for name in (".pre-commit-hooks.yaml",)]
    installs = [m.group(1) for t in texts for m in re.finditer(r"pip install ([^\s`]+)", t)]
    assert installs, "no install line found"
    assert "medlint" not in installs
    ours = re.compile(r"'?medlint-content(\[[a-z,]+\])?'?")  # with extras: [report]
    assert all(name in (".", "'.[test]'", "-e") or ours.fullmatch(name) for name in installs), (
        installs
    )
    assert "'medlint-content[report]'" in installs  # the charts' extra, as the README names it
