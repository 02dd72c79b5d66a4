"""The data a check needs (the spelling rule's dictionary) is built before the
first article is read, and before the workers are forked: on a machine's
first run that build holds ~35 MB for a moment, which is not to come on top
of a long article, nor to be done again in each worker."""

from __future__ import annotations

import pytest

from medlint import runner
from medlint.checks import spelling

from conftest import TODAY


@pytest.fixture
def events(monkeypatch):
    """What happens, in order: the dictionary asked for, an article read."""
    seen: list[str] = []
    english, load_document = spelling.english, runner.load_document

    def asked_for_dictionary():
        seen.append("dictionary")
        return english()

    def read_article(*args, **kwargs):
        seen.append("article")
        return load_document(*args, **kwargs)

    monkeypatch.setattr(spelling, "english", asked_for_dictionary)
    monkeypatch.setattr(runner, "load_document", read_article)
    return seen


def test_the_dictionary_is_built_before_the_article_is_read(medlint, events, tmp_path):
    article = tmp_path / "fever.md"
    article.write_text("# Fever\n\nA fevre that lasts more than three days needs a doctor.\n")
    run = medlint("check", "--no-cache", "--today", TODAY, "--select", "spelling", article)
    assert "fevre" in run.out  # the rule ran, with the dictionary
    assert events[:2] == ["dictionary", "article"]


@pytest.mark.skipif(not runner._can_fork(), reason="no fork on this platform")
def test_the_dictionary_is_built_before_the_workers_are_forked(medlint, events, tmp_path):
    for name in ("one", "two", "three"):
        (tmp_path / f"{name}.md").write_text(f"# {name}\n\nA fevre needs rest and fluids.\n")
    run = medlint(
        "check", "--no-cache", "--today", TODAY, "--select", "spelling", "-j", "2", tmp_path
    )
    assert run.out.count("fevre") == 3
    # This process built it and read no article: the workers read them all,
    # each with the dictionary it was forked with.
    assert "dictionary" in events and "article" not in events


def test_a_dictionary_that_cannot_be_built_is_the_spelling_rules_failure(
    medlint, monkeypatch, tmp_path
):
    """As before ``load``: the spelling rule fails in each article, said so,
    and every other rule still reports."""

    def broken():
        raise RuntimeError("no dictionary")

    monkeypatch.setattr(spelling, "english", broken)
    monkeypatch.setattr(spelling, "_KNOWN_CACHE", {})  # (none kept from an earlier run)
    article = tmp_path / "fever.md"
    sentence = "A fever that lasts more than three days needs a doctor to look at it."
    article.write_text(f"# Fever\n\n{sentence}\n\n{sentence}\n")
    run = medlint("check", "--no-cache", "--today", TODAY, article)
    assert "duplicate-paragraph" in run.out  # the other rules ran
    assert "rule spelling failed" in run.err and "no dictionary" in run.err
    assert "internal error" not in run.err.split("rule spelling failed")[0]
