"""A config file read once is kept in the user's cache by its text
(yaml_files.load_config_mapping): a later run that finds it again imports no
YAML library, and gets the same settings and the same errors, at the same
lines, as from the file. What the kept copy could not give back as it was (a
float, a date, a block scalar) is read from the file each time."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from medlint import yaml_files
from medlint.errors import ConfigError

from conftest import python_in, record_calls

CONFIG = """\
# a project's settings
fail-on: warning
ignore: [readability]
rules:
  stale-review-date:
    max-age-days: 90
  long-sentence:
    severity: info
per-file-ignores:
  "drafts/*.md": [missing-disclaimer]
"""


@pytest.fixture
def user_cache(tmp_path, monkeypatch):
    cache = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    _new_process()
    yield cache
    _new_process()


def _new_process() -> None:
    """Forget the kept file as this process read it (the next read is a new run's)."""
    yaml_files._OPENED.clear()


def _kept_files(cache: Path) -> list[Path]:
    return sorted((cache / "medlint").glob("configs.v1-*.marshal"))


def _shape(value):
    """A loaded mapping as plain data with each key's line and column."""
    if isinstance(value, dict):
        return {k: (value.lc.key(k), _shape(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return (type(value).__name__, value)


def test_a_kept_config_gives_what_the_file_gave(tmp_path, user_cache):
    path = tmp_path / "medlint.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    first = yaml_files.load_config_mapping(path)
    assert not isinstance(first, yaml_files.KeptMap)  # ruamel.yaml's, read from the file
    assert len(_kept_files(user_cache)) == 1
    second = yaml_files.load_config_mapping(path)
    assert isinstance(second, yaml_files.KeptMap)
    assert _shape(second) == _shape(first)
    assert yaml_files.key_line(second["rules"]["stale-review-date"], "max-age-days") == 6
    path.write_text(CONFIG.replace("90", "120"), encoding="utf-8")  # another text: read again
    third = yaml_files.load_config_mapping(path)
    assert not isinstance(third, yaml_files.KeptMap)
    assert third["rules"]["stale-review-date"]["max-age-days"] == 120


def test_what_the_kept_copy_cannot_give_back_is_read_each_time(tmp_path, user_cache):
    path = tmp_path / "medlint.yaml"
    for text in (
        "rules:\n  readability:\n    max-grade: 8.5\n",  # ruamel.yaml's float
        "rules:\n  missing-disclaimer:\n    text: |\n      Not advice.\n",  # a block scalar
        "1: x\n",  # a key that is not text
    ):
        path.write_text(text, encoding="utf-8")
        first = yaml_files.load_config_mapping(path)
        again = yaml_files.load_config_mapping(path)
        assert not isinstance(again, yaml_files.KeptMap)
        assert _shape(again) == _shape(first)


def test_a_corrupt_kept_file_is_ignored_and_replaced(tmp_path, user_cache):
    path = tmp_path / "medlint.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    yaml_files.load_config_mapping(path)
    (kept,) = _kept_files(user_cache)
    key = yaml_files._KeptConfigs._key(CONFIG)
    broken = [{key: ("map", 5)}, {key: ("map", [("fail-on",)])}, {key: ("map",)}, [key]]
    broken += [{key: ("map", [(1, 2, 0, 0)])}, {key: ("set", [])}]  # a key not text, no kind
    for garbage in [b"\x00not marshal", b"", *map(marshal.dumps, broken)]:
        kept.write_bytes(garbage)
        _new_process()
        data = yaml_files.load_config_mapping(path)
        assert not isinstance(data, yaml_files.KeptMap)
        assert data["rules"]["stale-review-date"]["max-age-days"] == 90
    _new_process()
    assert isinstance(yaml_files.load_config_mapping(path), yaml_files.KeptMap)


def test_another_version_of_medlint_reads_the_file_again(tmp_path, user_cache, monkeypatch):
    path = tmp_path / "medlint.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    yaml_files.load_config_mapping(path)
    assert isinstance(yaml_files.load_config_mapping(path), yaml_files.KeptMap)
    monkeypatch.setattr(yaml_files, "__version__", "99.0.0")
    _new_process()
    assert not isinstance(yaml_files.load_config_mapping(path), yaml_files.KeptMap)


def test_the_configs_used_longest_ago_are_dropped_first(tmp_path, user_cache, monkeypatch):
    monkeypatch.setattr(yaml_files._KeptConfigs, "MAX_KEPT", 2)
    paths = []
    for n in range(3):
        paths.append(tmp_path / f"{n}" / "medlint.yaml")
        paths[-1].parent.mkdir()
        paths[-1].write_text(f"language: en-US\nmax-file-size: {n + 1}MB\n", encoding="utf-8")
    load = yaml_files.load_config_mapping
    load(paths[0]), load(paths[1])
    assert isinstance(load(paths[0]), yaml_files.KeptMap)  # used again: now the newest
    load(paths[2])  # one too many: the one used longest ago (1) goes
    _new_process()
    assert isinstance(load(paths[0]), yaml_files.KeptMap)
    assert isinstance(load(paths[2]), yaml_files.KeptMap)
    assert not isinstance(load(paths[1]), yaml_files.KeptMap)


def test_an_error_in_a_kept_config_names_the_same_line(tmp_path, user_cache, medlint, monkeypatch):
    (tmp_path / "medlint.yaml").write_text(
        "fail-on: error\nrules:\n  long-sentence:\n    max-words: many\n", encoding="utf-8"
    )
    article = tmp_path / "a.md"
    article.write_text("# A\n\nText.\n", encoding="utf-8")
    first = medlint("check", "--no-cache", article)
    assert _kept_files(user_cache)
    read = record_calls(monkeypatch, yaml_files, "load_mapping")
    _new_process()
    second = medlint("check", "--no-cache", article)
    assert not [p for p in read if p.name == "medlint.yaml"]  # from the kept copy
    assert first.code == second.code == 2
    assert "medlint.yaml:4" in first.err and second.err == first.err


def test_a_run_that_finds_a_kept_config_imports_no_yaml_library(tmp_path):
    (tmp_path / "medlint.yaml").write_text(CONFIG, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Iron deficiency anemia is a common condition.\n", encoding="utf-8")
    code = (
        "import sys; from medlint.cli import main; "
        f"main(['check', '--no-cache', {str(article)!r}]); "
        "print([n for n in sys.modules if n.startswith('ruamel.yaml')])"
    )
    seen = []
    for _ in range(2):  # the first run reads the file (and the pack) and keeps them
        run = python_in(tmp_path, code)
        seen.append(run.stdout.strip().splitlines()[-1])
    assert seen[0] != "[]" and seen[1] == "[]", (seen, run.stderr)


def test_an_unreadable_config_is_still_an_error(tmp_path, user_cache):
    with pytest.raises(ConfigError):
        yaml_files.load_config_mapping(tmp_path / "missing.yaml")
