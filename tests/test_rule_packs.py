"""The built-in rule pack: complete, documented, and shipped in the wheel."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

import medlint
from medlint.checks import CHECK_KINDS
from medlint.errors import ConfigError
from medlint.rules import builtin_rules_dir, load_pack, load_rule_file

from conftest import REPO

RULES = load_pack(builtin_rules_dir())
CORE = {
    "duplicate-paragraph": "error",
    "duplicate-sentence": "warning",
    "empty-list-intro": "error",
    "stale-review-date": "error",
    "missing-review-date": "error",
    "invalid-review-date": "error",
    "missing-disclaimer": "error",
    "readability": "warning",
}


def test_core_rules_and_default_severities():
    assert {rule_id: str(RULES[rule_id].severity) for rule_id in CORE} == CORE


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda r: r.id)
def test_rule_is_documented(rule):
    assert Path(rule.source).name == f"{rule.id}.yaml"
    assert rule.description.endswith(".")
    assert len(rule.rationale) > 80
    assert rule.examples.get("bad") and rule.examples.get("good")
    fields = {name for _, name, _, _ in string.Formatter().parse(rule.message) if name}
    assert fields <= rule.kind.MESSAGE_ARGS
    assert ":" in rule.message, "a message says what is wrong, then what to do"


def test_every_pattern_of_the_built_in_pack_compiles(tmp_path):
    """The loader does not compile the built-in pack's patterns on every run
    (CHECK_PATTERNS): this does, as it does for a user's pack. Read as a
    user's pack from a copy, the built-in rules load, and a broken pattern in
    that copy is an error naming it."""
    import shutil

    copy = tmp_path / "pack"
    shutil.copytree(builtin_rules_dir(), copy)
    checked = load_pack(copy)
    assert set(checked) == set(RULES)
    patterns = [
        value
        for rule in RULES.values()
        for name, option in rule.kind.OPTIONS.items()
        if option.type in ("pattern-list", "pattern-map")
        for value in [rule.options[name]]
    ]
    assert len(patterns) >= 5  # the test reads the pattern options
    broken = copy / "leaked-boilerplate.yaml"
    broken.write_text(broken.read_text().replace("'click here'", "'click (here'"))
    with pytest.raises(ConfigError, match="compile"):
        load_pack(copy)


def test_every_check_kind_is_used_by_a_rule():
    assert {rule.check for rule in RULES.values()} == set(CHECK_KINDS)


def test_rule_options_are_complete():
    for rule in RULES.values():
        assert set(rule.options) == set(rule.kind.OPTIONS)


def test_the_repository_rules_are_the_packaged_rules():
    """Installed (not editable), medlint must find its rules inside the package."""
    shipped = sorted(p.name for p in builtin_rules_dir().glob("*.yaml"))
    assert shipped == sorted(p.name for p in (REPO / "rules").glob("*.yaml"))
    package_dir = Path(medlint.__file__).resolve().parent
    if package_dir.is_relative_to(REPO / "src"):
        pytest.skip("medlint is installed in editable mode; the wheel test runs in CI")
    assert builtin_rules_dir() == package_dir / "rules"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: x\ncheck: readability\nseverity: error\nmessage: m\n", "'description' is required"),
        (
            "id: x\ncheck: nope\nseverity: error\nmessage: m\ndescription: d\n",
            ":2: unknown check kind 'nope'",
        ),
        (
            "id: Bad_ID\ncheck: readability\nseverity: error\nmessage: m\ndescription: d\n",
            ":1: rule ID 'Bad_ID' must be kebab-case",
        ),
        (
            "id: x\ncheck: readability\nseverity: fatal\nmessage: m\ndescription: d\n",
            ":3: unknown severity 'fatal'",
        ),
        (
            "id: x\ncheck: readability\nseverity: error\n"
            "message: 'grade {grdae}'\ndescription: d\n",
            ":4: message uses unknown placeholder(s) grdae",
        ),
        (
            "id: x\ncheck: required-text\nseverity: error\nmessage: m\ndescription: d\n"
            "options:\n  patterns: ['(unclosed']\n",
            ":7: option 'patterns' of rule 'x': pattern '(unclosed' does not compile",
        ),
        (
            "id: x\ncheck: readability\nseverity: error\nmessage: m\ndescription: d\nowner: me\n",
            ":6: unknown key 'owner'",
        ),
    ],
)
def test_bad_rule_files_are_clear_errors(tmp_path, text, message):
    path = tmp_path / "x.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as error:
        load_rule_file(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_the_medical_vocabulary_knows_the_seed_terms(tmp_path, medlint):
    words = (
        "paraneoplastic dyscrasia polyneuropathy physiatrist autologous organomegaly endocrinopathy"
    )
    article = tmp_path / "a.md"
    # Unknown words far from every English word are not reported anyway, so
    # the second assertion is the real one: the vocabulary lists them.
    article.write_text(" ".join(words.split()) + " recieve.\n")
    import json

    run = medlint("check", "--select", "spelling", "--format", "json", article)
    assert [f["message"].split('"')[1] for f in json.loads(run.out)["findings"]] == ["recieve"]
    from medlint.rules import builtin_rules_dir, load_pack
    from medlint.vocabulary import word_list

    known = set()
    for path in load_pack(builtin_rules_dir())["spelling"].options["word-lists"]:
        known |= word_list(path)
    assert set(words.split()) <= known


def test_the_built_in_pack_kept_in_the_user_cache_gives_the_same_rules(tmp_path, monkeypatch):
    """The built-in pack's YAML is kept between runs; the rules made from the
    kept YAML are the rules made from the files, and a cache file that is
    corrupt, or from another install, is passed over."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    read = load_pack(builtin_rules_dir())  # reads the files, keeps their YAML
    kept_files = list((tmp_path / "medlint").glob("rulepack-*.marshal"))
    assert len(kept_files) == 1
    assert load_pack(builtin_rules_dir()) == read  # from what was kept
    kept_files[0].write_bytes(b"\x00not marshal")
    assert load_pack(builtin_rules_dir()) == read
    assert load_pack(builtin_rules_dir()) == read  # kept again after the corrupt one


def test_a_users_pack_is_read_from_its_files_every_time(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    pack = tmp_path / "pack"
    pack.mkdir()
    rule = "id: house\ncheck: existence\nseverity: warning\nmessage: 'Avoid {match}.'\n"
    rule += "description: A house rule.\noptions:\n  tokens: [miracle]\n"
    (pack / "house.yaml").write_text(rule)
    assert load_pack(pack)["house"].severity.name == "WARNING"
    (pack / "house.yaml").write_text(rule.replace("warning", "error  "))  # same size
    assert load_pack(pack)["house"].severity.name == "ERROR"
    assert not (tmp_path / "cache" / "medlint").exists()


def test_a_kept_pack_entry_is_trusted_only_for_the_same_bytes(tmp_path, monkeypatch):
    """Found in review: kept by size and time, a rule file rewritten with the
    same size and time (cp -p) gave the old rule; and a kept entry that makes
    no rule failed every run. Now entries are kept by the bytes' hash, and an
    entry that fails is passed over."""
    import marshal

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    read = load_pack(builtin_rules_dir())
    (kept_file,) = (tmp_path / "medlint").glob("rulepack-*.marshal")
    stored = marshal.loads(kept_file.read_bytes())
    digest, _ = stored["entries"]["spelling.yaml"]
    stored["entries"]["spelling.yaml"] = (digest, ["not", "a", "rule"])
    stored["entries"]["readability.yaml"] = (b"another file", {"id": "readability"})
    kept_file.write_bytes(marshal.dumps(stored))
    assert load_pack(builtin_rules_dir()) == read
