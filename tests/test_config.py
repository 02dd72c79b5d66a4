"""Config files: found upward, per-rule severity and options, clear errors."""

from __future__ import annotations

import json
import os

import pytest

from conftest import TODAY

ARTICLE = "# Sleep\n\nLast reviewed: 2026-01-02\n\nSleep well. Rest well.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "sleep.md").write_text(ARTICLE)
    monkeypatch.chdir(tmp_path / "articles")
    return tmp_path


def rules_of(run) -> dict[str, str]:
    return {f["rule"]: f["severity"] for f in json.loads(run.out)["findings"]}


def check(medlint, *args):
    return medlint("check", "--today", TODAY, "--format", "json", "sleep.md", *args)


def test_defaults_without_config(project, medlint):
    run = check(medlint)
    assert rules_of(run) == {"stale-review-date": "error", "missing-disclaimer": "error"}
    assert run.code == 1


@pytest.mark.parametrize("name", ["medlint.yaml", ".medlint.yaml"])
def test_yaml_config_found_upward(project, medlint, name):
    (project / name).write_text(
        "rules:\n  missing-disclaimer: off\n  stale-review-date:\n    severity: warning\n"
        "    max-age-days: 400\n"
    )
    run = check(medlint)
    assert rules_of(run) == {}
    assert run.code == 0


def test_pyproject_table(project, medlint):
    (project / "pyproject.toml").write_text(
        '[tool.medlint]\nignore = ["missing-disclaimer"]\nfail-on = "warning"\n'
        '[tool.medlint.rules.stale-review-date]\nseverity = "warning"\n'
    )
    run = check(medlint)
    assert rules_of(run) == {"stale-review-date": "warning"}
    assert run.code == 1  # fail-on: warning


def test_pyproject_without_table_is_not_a_config(project, medlint):
    (project / "pyproject.toml").write_text('[project]\nname = "content"\n')
    assert rules_of(check(medlint)) == {"stale-review-date": "error", "missing-disclaimer": "error"}


def test_explicit_config_and_select_from_config(project, medlint, tmp_path):
    config = tmp_path / "elsewhere.yaml"
    config.write_text("select: [missing-disclaimer]\n")
    assert rules_of(check(medlint, "--config", config)) == {"missing-disclaimer": "error"}
    # the command line's --select replaces the config's
    assert rules_of(check(medlint, "--config", config, "--select", "stale-review-date")) == {
        "stale-review-date": "error"
    }


def test_select_runs_a_rule_the_config_turned_off(project, medlint):
    (project / "medlint.yaml").write_text("rules:\n  missing-disclaimer: off\n")
    assert "missing-disclaimer" in rules_of(check(medlint, "--select", "missing-disclaimer"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules:\n  no-such-rule: off\n", "medlint.yaml:2: rules.no-such-rule: unknown rule ID"),
        (
            "rules:\n  readability:\n    max-grad: 9\n",
            "medlint.yaml:3: rules.readability: unknown option 'max-grad' for rule 'readability'",
        ),
        (
            "rules:\n  readability:\n    max-grade: eight\n",
            "medlint.yaml:3: rules.readability: option 'max-grade' of rule 'readability': "
            "expected a number, got 'eight'",
        ),
        (
            "rules:\n  readability:\n    formula: gunning\n",
            "expected one of flesch-kincaid, smog, coleman-liau, got 'gunning'",
        ),
        (
            "rules:\n  readability: loud\n",
            "rules.readability: expected error, warning, info or off",
        ),
        ("fail-on: off\n", "medlint.yaml:1: fail-on: expected error, warning, info, got 'off'"),
        ("ignore: [readablity]\n", "medlint.yaml:1: ignore: unknown rule ID(s) readablity"),
        ("colour: always\n", "medlint.yaml:1: colour: unknown key"),
        ("rules: [\n", "medlint.yaml:2:1: not valid YAML"),
        ("- a list\n", "the top level must be a mapping"),
    ],
)
def test_config_errors_name_file_line_and_key(project, medlint, text, message):
    (project / "medlint.yaml").write_text(text)
    run = check(medlint)
    assert run.code == 2
    assert run.out == ""
    assert message in run.err
    assert "Traceback" not in run.err
    assert run.err.startswith("medlint: error: ")


def test_pyproject_errors_name_the_table(project, medlint):
    (project / "pyproject.toml").write_text("[tool.medlint.rules.readability]\nmax-grade = true\n")
    run = check(medlint)
    assert run.code == 2
    assert "pyproject.toml: [tool.medlint] rules.readability: option 'max-grade'" in run.err


def test_missing_explicit_config(project, medlint):
    run = check(medlint, "--config", "nope.yaml")
    assert run.code == 2 and "nope.yaml: config file not found" in run.err


def test_unreadable_config_bytes(project, medlint):
    (project / "medlint.yaml").write_bytes(b"rules:\n  readability: \xff\n")
    run = check(medlint)
    assert run.code == 2 and "medlint.yaml: cannot read" in run.err


def test_search_stops_at_the_nearest_config(project, medlint):
    (project / "medlint.yaml").write_text("rules:\n  readability: off\n")
    nested = project / "articles" / "medlint.yaml"
    nested.write_text("ignore: [missing-disclaimer]\n")
    assert rules_of(check(medlint)) == {"stale-review-date": "error"}
    assert os.path.exists(nested)


def test_date_reading_options_of_stale_review_date_apply_to_all_review_rules(project, medlint):
    (project / "articles" / "sleep.md").write_text("Last updated: 11/12/2026\n")
    args = ("--select", "invalid-review-date,stale-review-date")
    assert rules_of(check(medlint, *args)) == {}  # November 12: fine
    (project / "medlint.yaml").write_text("rules:\n  stale-review-date:\n    day-first: true\n")
    assert rules_of(check(medlint, *args)) == {"invalid-review-date": "error"}  # 11 December


def test_review_date_keys_are_configurable(project, medlint):
    (project / "articles" / "sleep.md").write_text("---\nchecked_on: 2020-01-01\n---\n# Sleep\n")
    args = ("--select", "missing-review-date,stale-review-date")
    assert rules_of(check(medlint, *args)) == {"missing-review-date": "error"}
    (project / "medlint.yaml").write_text("rules:\n  stale-review-date:\n    keys: [checked_on]\n")
    assert rules_of(check(medlint, *args)) == {"stale-review-date": "error"}


def test_extend_adds_to_a_list_option_without_restating_it(tmp_path, medlint):
    """`keys:` replaces the defaults; `extend-keys:` adds to them."""
    (tmp_path / "medlint.yaml").write_text(
        "rules:\n  stale-review-date:\n    extend-keys: [clinical_review]\n"
    )
    old_default = tmp_path / "default-key.md"
    old_default.write_text("---\nlast_reviewed: 2020-01-01\n---\n\n# Flu\n")
    added = tmp_path / "added-key.md"
    added.write_text("---\nclinical_review: 2020-01-01\n---\n\n# Flu\n")
    run = medlint(
        "check",
        "--config",
        tmp_path / "medlint.yaml",
        "--today",
        "2026-11-24",
        "--select",
        "stale-review-date",
        old_default,
        added,
    )
    assert run.out.count("stale-review-date") == 3  # two findings and the summary line
    assert "'clinical_review'" in run.out and "'last_reviewed'" in run.out


def test_extend_of_an_option_that_is_not_a_list_is_unknown(tmp_path, medlint):
    (tmp_path / "medlint.yaml").write_text("rules:\n  readability:\n    extend-max-grade: 3\n")
    run = medlint("check", "--config", tmp_path / "medlint.yaml", tmp_path)
    assert run.code == 2 and "unknown option 'extend-max-grade'" in run.err


def test_extend_select_adds_rules_to_what_runs(tmp_path, medlint, monkeypatch):
    """extend-select (config) and --extend-select add rules, opt-in ones
    too, to the default set or to select; ignore still wins."""
    import json

    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.md"
    article.write_text("# Flu\n\nIn the event that you feel ill, utilize the services of a GP.\n")

    def rules_run(*args):
        run = medlint("check", "--no-cache", "--format", "json", *args, article)
        return {f["rule"] for f in json.loads(run.out)["findings"]}

    default = rules_run()
    assert "plain-language" not in default  # opt-in
    assert rules_run("--extend-select", "plain-language") == default | {"plain-language"}
    (tmp_path / "medlint.yaml").write_text("extend-select: [plain-language]\n")
    assert rules_run() == default | {"plain-language"}
    assert rules_run("--select", "missing-disclaimer") == {"missing-disclaimer", "plain-language"}
    assert rules_run("--ignore", "plain-language") == default
    bad = medlint("check", "--extend-select", "no-such-rule", article)
    assert bad.code == 2
