"""Languages: the config's `language` (en-US or en-GB), an article's own
front matter `lang`, British spellings under en-GB, and day-first dates."""

from __future__ import annotations

import json
import os
import pickle

import pytest

from medlint.checks import spelling
from medlint.checks.base import Context
from medlint.config import active_rules, default_config, load_config
from medlint.rules import builtin_rules_dir, load_pack
from medlint.vocabulary import article_language, parse_language

from conftest import REPO, TODAY, TODAY_DATE

DATA = REPO / "rules" / "data"
BRITISH = "Our centre helps children with behavioural problems and coeliac disease.\n"
BRITISH_WORDS = {"centre", "behavioural", "coeliac"}


def flagged(medlint, *args) -> set[str]:
    run = medlint("check", "--select", "spelling", "--format", "json", *args)
    assert run.code in (0, 1), run.err
    return {f["message"].split('"')[1] for f in json.loads(run.out)["findings"]}


def rules_of(medlint, *args) -> list[str]:
    run = medlint("check", "--today", TODAY, "--format", "json", *args)
    assert run.code in (0, 1), run.err
    return [f["rule"] for f in json.loads(run.out)["findings"]]


# The setting -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "language"),
    [
        ("en-GB", "en-GB"),
        ("en_GB", "en-GB"),
        ("en-gb", "en-GB"),
        (" EN_gb ", "en-GB"),
        ("en-US", "en-US"),
        ("en_us", "en-US"),
        ("en", "en-US"),
        ("fr", None),
        ("en-AU", None),
        ("", None),
        (5, None),
        (None, None),
    ],
)
def test_language_names(value, language):
    assert parse_language(value) == language


def test_front_matter_names_the_article_language_or_falls_back():
    assert article_language({"lang": "en-GB"}, "en-US") == "en-GB"
    assert article_language({"language": "en_GB"}, "en-US") == "en-GB"
    assert article_language({"Lang": "en"}, "en-GB") == "en-US"
    assert article_language({"lang": "fr"}, "en-GB") == "en-GB"  # unknown: the run's
    assert article_language({"lang": ["en-GB"]}, "en-US") == "en-US"
    assert article_language(None, "en-GB") == "en-GB"


def test_config_language_is_en_us_by_default(tmp_path, medlint):
    article = tmp_path / "a.md"
    article.write_text(BRITISH)
    assert flagged(medlint, article) == BRITISH_WORDS


def test_config_language_en_gb_accepts_british_spellings(tmp_path, medlint):
    (tmp_path / "medlint.yaml").write_text("language: en-GB\n")
    article = tmp_path / "a.md"
    article.write_text(BRITISH)
    assert flagged(medlint, "--config", tmp_path / "medlint.yaml", article) == set()


def test_config_language_in_pyproject(tmp_path, medlint):
    (tmp_path / "pyproject.toml").write_text('[tool.medlint]\nlanguage = "en_GB"\n')
    article = tmp_path / "a.md"
    article.write_text(BRITISH)
    assert flagged(medlint, "--config", tmp_path / "pyproject.toml", article) == set()


@pytest.mark.parametrize("value", ["fr", "british", "5", "[en-GB]", "''"])
def test_an_unknown_config_language_is_an_error_naming_the_key(tmp_path, medlint, value):
    (tmp_path / "medlint.yaml").write_text(f"select: [spelling]\nlanguage: {value}\n")
    run = medlint("check", "--config", tmp_path / "medlint.yaml", tmp_path)
    assert run.code == 2
    assert "medlint.yaml:2: language: expected en-US or en-GB" in run.err, run.err


@pytest.mark.parametrize(
    "front_matter", ["lang: en-GB", "language: en-GB", "lang: en_GB", "lang: en-gb"]
)
def test_front_matter_makes_an_article_british(tmp_path, medlint, front_matter):
    article = tmp_path / "a.md"
    article.write_text(f"---\n{front_matter}\n---\n{BRITISH}")
    assert flagged(medlint, article) == set()


@pytest.mark.parametrize("front_matter", ["lang: en-US", "lang: en", "language: en_US"])
def test_front_matter_makes_an_article_american_under_en_gb(tmp_path, medlint, front_matter):
    (tmp_path / "medlint.yaml").write_text("language: en-GB\n")
    article = tmp_path / "a.md"
    article.write_text(f"---\n{front_matter}\n---\n{BRITISH}")
    assert flagged(medlint, "--config", tmp_path / "medlint.yaml", article) == BRITISH_WORDS


def test_an_unknown_front_matter_language_falls_back_to_the_config(tmp_path, medlint):
    article = tmp_path / "a.md"
    article.write_text(f"---\nlang: fr\n---\n{BRITISH}")
    assert flagged(medlint, article) == BRITISH_WORDS
    (tmp_path / "medlint.yaml").write_text("language: en-GB\n")
    assert flagged(medlint, "--config", tmp_path / "medlint.yaml", article) == set()


def test_a_run_mixing_languages_reads_each_article_in_its_own(tmp_path, medlint):
    british, american = tmp_path / "gb.md", tmp_path / "us.md"
    british.write_text(f"---\nlang: en-GB\n---\n{BRITISH}")
    american.write_text(BRITISH)
    run = medlint("check", "--select", "spelling", "--format", "json", british, american)
    findings = json.loads(run.out)["findings"]
    assert {f["path"] for f in findings} == {str(american)}
    assert len(findings) == len(BRITISH_WORDS)


def test_the_context_carries_the_language_as_plain_data(tmp_path):
    (tmp_path / "medlint.yaml").write_text("language: en-GB\n")
    rules = load_pack(builtin_rules_dir())
    config = load_config(tmp_path / "medlint.yaml", rules)
    context = config.context(active_rules(rules, config), TODAY_DATE)
    assert context.language == "en-GB"
    assert pickle.loads(pickle.dumps(context)) == context
    assert default_config(rules).context([], TODAY_DATE).language == "en-US"


# British spellings ----------------------------------------------------------------


def _known(british: bool):
    options = load_pack(builtin_rules_dir())["spelling"].options
    return spelling._known_words(
        tuple(options["word-lists"]),
        (),
        (),
        "/nonexistent/.medlint-words.txt",
        tuple(options["british-word-lists"]) if british else None,
    )


@pytest.mark.parametrize(
    "word",
    """organise organised organising organisation organisational analyse paralysed
    behaviour behavioural colourful favourite honourable tumours labourer centre
    centres centred centimetres millilitres fibre manoeuvre travelled counselling
    signalling fuelled haematology haemodialysis oesophagus oesophageal oesophagitis
    anaemia leukaemia paediatric paediatrician coeliac dyspnoea apnoea oedema
    oestrogen gynaecology orthopaedic foetus programme programmes sulphonylurea
    haem centre's""".split(),
)
def test_british_forms_are_known_under_en_gb_only(word):
    assert _known(british=True)(word)


@pytest.mark.parametrize(
    "word", "centre organise behavioural oesophagus paediatric coeliac apnoea programme".split()
)
def test_british_forms_stay_unknown_under_en_us(word):
    assert not _known(british=False)(word)


@pytest.mark.parametrize(
    "word", ["niks", "recieve", "medicaitons", "feelling", "laed", "dont", "bodys", "fourty"]
)
def test_typos_stay_unknown_under_en_gb(word):
    assert not _known(british=True)(word)


def test_a_latin_genus_is_not_read_as_a_british_form(tmp_path, medlint):
    """ "Taenia" is not "tenia": the epithet after it is Latin, not a typo."""
    article = tmp_path / "a.md"
    article.write_text("---\nlang: en-GB\n---\nThe pork tapeworm Taenia solium causes it.\n")
    assert flagged(medlint, article) == set()


def test_british_typos_are_reported_with_suggestions(tmp_path, medlint):
    article = tmp_path / "a.md"
    article.write_text("---\nlang: en-GB\n---\nSmall niks heal. You will recieve a leaflet.\n")
    run = medlint("check", "--select", "spelling", article)
    assert '"niks"' in run.out and "nicks" in run.out
    assert '"recieve"' in run.out and "receive" in run.out


def test_every_hand_written_british_word_is_known_under_en_gb():
    words = spelling.word_list(str(DATA / "british-words-medical.txt"))
    assert {"haemoglobin", "coeliac", "paediatric", "programme"} <= words
    known = _known(british=True)
    assert [w for w in sorted(words) if not known(w)] == []


def test_the_british_list_is_sorted_lower_case_and_credited():
    lines = (DATA / "british-words.txt").read_text(encoding="utf-8").splitlines()
    words = [line for line in lines if not line.startswith("#")]
    assert words == sorted(set(words)) and all(w == w.lower() and "'" not in w for w in words)
    assert {"centre", "colour", "organise", "oesophagus", "labour"} <= set(words)
    assert "british-words.COPYRIGHT" in "\n".join(lines[:10])
    notice = (DATA / "british-words.COPYRIGHT").read_text(encoding="utf-8")
    assert "Kevin Atkinson" in notice and "Permission to use, copy, modify" in notice


def test_the_british_lists_are_read_only_for_articles_in_en_gb(tmp_path, medlint, monkeypatch):
    """An en-US run never reads them; the first en-GB article does."""
    read: list[str] = []
    original = spelling.word_list

    def recording(path):
        read.append(path)
        return original(path)

    monkeypatch.setattr(spelling, "word_list", recording)
    spelling._KNOWN_CACHE.clear()
    article = tmp_path / "a.md"
    article.write_text(BRITISH)
    medlint("check", "--select", "spelling", article)
    assert read and not [p for p in read if "british-words" in p]
    article.write_text(f"---\nlang: en-GB\n---\n{BRITISH}")
    medlint("check", "--select", "spelling", article)
    assert [p for p in read if p.endswith("british-words.txt")]


def test_prepare_reads_the_british_lists_when_the_run_is_british(tmp_path):
    bad = tmp_path / "fifo"
    os.mkfifo(bad)
    options = {
        **load_pack(builtin_rules_dir())["spelling"].options,
        "british-word-lists": [str(bad)],
    }
    spelling.prepare(options, Context(root=tmp_path), "rule 'spelling'")  # en-US: not read
    with pytest.raises(spelling.WordListError, match="british-word-lists"):
        spelling.prepare(options, Context(root=tmp_path, language="en-GB"), "rule 'spelling'")


# Addresses and sizes are never words, in any language -----------------------------


@pytest.mark.parametrize("lang", ["en-US", "en-GB"])
@pytest.mark.parametrize(
    "text",
    [
        "Read more at www.nhs.uk.",
        "See www.acl.gov, or the page www.nhs.uk’s editors wrote.",
        "Find a service at eldercare.acl.gov today.",
        "The tax office (IRS.gov) and nhs.uk/conditions help.",
        "Try www.example.xyz or nhs.scot now.",
        "Write to help@nhs.net or mailto:help@nhs.net today.",
        "Download the 5MB leaflet, the 300 kib poster, the 2.5 mib video or 10 kbytes.",
    ],
)
def test_domains_addresses_and_sizes_are_not_words(tmp_path, medlint, text, lang):
    article = tmp_path / "a.md"
    article.write_text(f"---\nlang: {lang}\n---\n{text}\n")
    assert flagged(medlint, article) == set()


def test_a_typo_next_to_a_domain_is_still_found(tmp_path, medlint):
    article = tmp_path / "a.md"
    article.write_text("Visit www.nhs.uk to recieve advice.\n")
    assert flagged(medlint, article) == {"recieve"}


# Day-first dates ------------------------------------------------------------------

AMBIGUOUS = "Last updated: 04/07/2026\n\nIron helps your blood carry oxygen.\n"
REVIEW_RULES = ("--select", "stale-review-date,invalid-review-date")


def test_en_us_reads_ambiguous_dates_month_first(tmp_path, medlint):
    article = tmp_path / "a.md"
    article.write_text(AMBIGUOUS)
    # April 7, 2026: 231 days before 2026-11-24, past the 180-day cycle.
    assert rules_of(medlint, *REVIEW_RULES, article) == ["stale-review-date"]


def test_en_gb_config_reads_ambiguous_dates_day_first(tmp_path, medlint):
    (tmp_path / "medlint.yaml").write_text("language: en-GB\n")
    article = tmp_path / "a.md"
    article.write_text(AMBIGUOUS)
    # 4 July 2026: 143 days old, within the cycle.
    assert rules_of(medlint, "--config", tmp_path / "medlint.yaml", *REVIEW_RULES, article) == []


def test_en_gb_front_matter_reads_ambiguous_dates_day_first(tmp_path, medlint):
    article = tmp_path / "a.md"
    article.write_text(f"---\nlang: en-GB\n---\n{AMBIGUOUS}")
    assert rules_of(medlint, *REVIEW_RULES, article) == []


def test_an_explicit_day_first_false_wins_over_en_gb(tmp_path, medlint):
    (tmp_path / "medlint.yaml").write_text(
        "language: en-GB\nrules:\n  stale-review-date:\n    day-first: false\n"
    )
    article = tmp_path / "a.md"
    article.write_text(f"---\nlang: en-GB\n---\n{AMBIGUOUS}")
    config = ("--config", tmp_path / "medlint.yaml")
    assert rules_of(medlint, *config, *REVIEW_RULES, article) == ["stale-review-date"]


def test_an_explicit_day_first_true_still_works_under_en_us(tmp_path, medlint):
    (tmp_path / "medlint.yaml").write_text("rules:\n  stale-review-date:\n    day-first: true\n")
    article = tmp_path / "a.md"
    article.write_text(AMBIGUOUS)
    config = ("--config", tmp_path / "medlint.yaml")
    assert rules_of(medlint, *config, *REVIEW_RULES, article) == []


def test_day_first_under_en_gb_applies_to_all_review_date_rules(tmp_path, medlint):
    """11/12/2026 is 11 December in Britain: after --today, so invalid."""
    (tmp_path / "medlint.yaml").write_text("language: en-GB\n")
    article = tmp_path / "a.md"
    article.write_text("Last updated: 11/12/2026\n")
    config = ("--config", tmp_path / "medlint.yaml")
    assert rules_of(medlint, *config, *REVIEW_RULES, article) == ["invalid-review-date"]
