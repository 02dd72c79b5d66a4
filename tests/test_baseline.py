"""Adopting medlint on an existing site: --write-baseline records a legacy
article's findings, --baseline leaves them out (however the article is edited
elsewhere, and as the calendar moves) while a new defect still fails the run;
--changed-since judges only what a change touched."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

LEGACY = """---
title: Old page
last_reviewed: 2017-01-01
---

# Old page

The dyspnoea is commmon after exercise in people with anaemia of long standing.

Rest helps most people feel better after a few days of taking it easy at home.
"""


def _legacy(tmp_path):
    article = tmp_path / "content" / "old.md"
    article.parent.mkdir()
    article.write_text(LEGACY, encoding="utf-8")
    (tmp_path / "medlint.yaml").write_text("{}\n", encoding="utf-8")
    return article


def _found(run) -> list[str]:
    """The finding lines of a text report ("path:line:column: ...")."""
    return [line for line in run.out.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]


def _check(medlint, *args):
    return medlint("check", "--no-cache", "--today", "2026-11-24", *args)


def test_a_baseline_leaves_out_what_it_records_and_nothing_else(tmp_path, medlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    article = _legacy(tmp_path)
    before = _check(medlint, "content")
    assert before.code == 1 and len(_found(before)) >= 3
    written = _check(medlint, "content", "--write-baseline", "baseline.json")
    assert written.code == 0 and written.out == ""
    assert f"wrote a baseline of {len(_found(before))} findings" in written.err
    entries = json.loads((tmp_path / "baseline.json").read_text())["entries"]
    assert {e["path"] for e in entries} == {"content/old.md"}
    assert {"missing-disclaimer", "stale-review-date", "spelling"} <= {e["rule"] for e in entries}

    quiet = _check(medlint, "content", "--baseline", "baseline.json")
    assert quiet.code == 0 and _found(quiet) == []
    assert "left out as in the baseline" in quiet.err

    # An unrelated edit: a line above the findings, a hyphen in the title.
    article.write_text(LEGACY.replace("# Old page", "# Old page\n\nA short new introduction."))
    assert _found(_check(medlint, "content", "--baseline", "baseline.json")) == []

    # The calendar moves: the stale date's message changes, its entry still matches.
    later = medlint("check", "--no-cache", "--today", "2027-06-01", "content", "--baseline",
                    "baseline.json")  # fmt: skip
    assert later.code == 0 and _found(later) == []

    # A new defect in the legacy article is reported, and fails the run.
    article.write_text(LEGACY + "\nCommon medications include:\n")
    new = _check(medlint, "content", "--baseline", "baseline.json")
    assert new.code == 1
    assert [line.split()[2] for line in _found(new)] == ["empty-list-intro"]


def test_a_fixed_entry_is_reported_as_gone_and_a_third_copy_of_a_pair_is_new(
    tmp_path, medlint, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    article = _legacy(tmp_path)
    _check(medlint, "content", "--write-baseline", "baseline.json")
    article.write_text(LEGACY.replace("commmon", "common"))
    fixed = _check(medlint, "content", "--baseline", "baseline.json")
    assert fixed.code == 0 and _found(fixed) == []
    assert "1 finding it records is gone" in fixed.err

    article.write_text(LEGACY.replace("commmon after", "commmon and commmon after"))
    twice = _check(medlint, "content", "--baseline", "baseline.json")
    # "commmon" twice is one spelling finding (1x -> 2x): still the one recorded.
    assert _found(twice) == []


def test_a_baseline_works_from_another_working_directory(tmp_path, medlint, monkeypatch):
    _legacy(tmp_path)
    monkeypatch.chdir(tmp_path)
    _check(medlint, "content", "--write-baseline", "ci/baseline.json")
    monkeypatch.chdir(tmp_path / "content")
    run = _check(medlint, "old.md", "--baseline", "../ci/baseline.json")
    assert run.code == 0 and _found(run) == [], run.out + run.err


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "no such file"),
        ("{not json", "not JSON"),
        ('{"version": 99, "entries": []}', "not a medlint baseline"),
        ('{"version": 1, "entries": [{"rule": "x"}]}', "entry 1 needs path, rule and key"),
    ],
)
def test_a_bad_baseline_is_one_line_and_exit_2(tmp_path, medlint, monkeypatch, content, says):
    monkeypatch.chdir(tmp_path)
    _legacy(tmp_path)
    if content is not None:
        (tmp_path / "baseline.json").write_text(content)
    run = _check(medlint, "content", "--baseline", "baseline.json")
    assert run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and says in run.err and "Traceback" not in run.err


def _git(repo, *args):
    subprocess.run(
        ["git", "-c", "user.email=e@example.org", "-c", "user.name=E", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repository(tmp_path, monkeypatch):
    _legacy(tmp_path)
    (tmp_path / "content" / "other.md").write_text(LEGACY.replace("Old page", "Other page"))
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "site")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_changed_since_judges_the_changed_lines_and_the_whole_article(repository, medlint):
    assert _found(_check(medlint, "--changed-since", "main")) == []  # nothing changed
    _git(repository, "checkout", "-q", "-b", "edit")
    article = repository / "content" / "old.md"
    article.write_text(LEGACY + "\nA new line with a speling mistake in it.\n")
    _git(repository, "commit", "-qam", "edit")
    run = _check(medlint, "--changed-since", "main")
    rules = sorted(line.split()[2] for line in _found(run))
    # Not "commmon" or "dyspnoea" (untouched lines), nor anything in other.md.
    assert rules == ["missing-disclaimer", "spelling", "stale-review-date"], run.out
    assert "speling" in run.out and "other.md" not in run.out
    # A new file that git does not know yet is changed, all of it.
    (repository / "content" / "new.md").write_text(LEGACY.replace("Old page", "New page"))
    new = _check(medlint, "--changed-since", "main")
    assert "new.md" in new.out and "commmon" in new.out


def test_changed_since_counts_from_where_the_branch_left_the_ref(repository, medlint):
    _git(repository, "checkout", "-q", "-b", "edit")
    (repository / "content" / "old.md").write_text(LEGACY + "\nA speling mistake.\n")
    _git(repository, "commit", "-qam", "edit")
    _git(repository, "checkout", "-q", "main")
    (repository / "content" / "other.md").write_text(LEGACY + "\nAnother mistaek.\n")
    _git(repository, "commit", "-qam", "main moves on")
    _git(repository, "checkout", "-q", "edit")
    run = _check(medlint, "--changed-since", "main")
    assert "old.md" in run.out and "other.md" not in run.out


def test_changed_since_a_bad_ref_or_outside_a_repository_is_one_line(tmp_path, medlint, repository):
    bad = _check(medlint, "--changed-since", "no-such-branch")
    assert bad.code == 2 and "no commit 'no-such-branch'" in bad.err and bad.out == ""
    stdin = medlint("check", "--changed-since", "main", "--stdin-filename", "a.md")
    assert stdin.code == 2 and "--stdin-filename" in stdin.err


# Found in review: each of these once went wrong.


SHARED = (
    "Drink plenty of fluids and rest at home until you feel better, and ask a pharmacist "
    "which painkillers are right for you and for your children."
)


def test_changed_since_compares_a_changed_article_with_the_unchanged_ones(repository, medlint):
    other = repository / "content" / "other.md"
    other.write_text(other.read_text() + f"\n{SHARED}\n")
    _git(repository, "commit", "-qam", "a paragraph")
    (repository / "content" / "new.md").write_text(f"# New\n\n{SHARED}\n")
    run = _check(medlint, "--select", "copied-paragraph", "--changed-since", "main")
    assert "content/new.md:3:1: warning copied-paragraph" in run.out, run.out + run.err
    assert "old.md:" not in run.out.split("Found")[0]  # old.md is not judged, only compared


def test_changed_since_and_a_baseline_through_a_symbolic_link(repository, medlint, monkeypatch):
    link = repository.parent / "link"
    link.symlink_to(repository)
    (repository / "content" / "old.md").write_text(LEGACY + "\nA speling mistake.\n")
    run = _check(medlint, "--changed-since", "main", str(link / "content"))
    assert "speling" in run.out, run.out + run.err
    _git(repository, "checkout", "-q", "--", "content/old.md")
    _check(medlint, "--write-baseline", "baseline.json", "content")
    monkeypatch.chdir(link)
    again = _check(medlint, "--baseline", str(link / "baseline.json"), str(link / "content"))
    assert again.code == 0 and _found(again) == [], again.out


def test_changed_since_whatever_prefixes_the_users_git_gives_diffs(repository, medlint):
    _git(repository, "config", "diff.mnemonicPrefix", "true")
    _git(repository, "config", "diff.noprefix", "true")
    (repository / "content" / "old.md").write_text(LEGACY + "\nA speling mistake.\n")
    assert "speling" in _check(medlint, "--changed-since", "main").out


def test_changed_since_a_deletion_is_judged_on_both_sides(repository, medlint):
    article = repository / "content" / "old.md"
    article.write_text(LEGACY + "\nThe tests doctors order include:\n\n- blood tests\n- x-rays\n")
    _git(repository, "commit", "-qam", "a list")
    article.write_text(LEGACY + "\nThe tests doctors order include:\n")
    run = _check(medlint, "--changed-since", "HEAD")
    assert "empty-list-intro" in run.out, run.out


def test_changed_since_reads_each_paths_repository(repository, tmp_path, medlint):
    other = tmp_path / "other"
    (other / "pages").mkdir(parents=True)
    (other / "pages" / "a.md").write_text(LEGACY)
    _git(other, "init", "-q", "-b", "main")
    _git(other, "add", "-A")
    _git(other, "commit", "-qm", "other")
    (other / "pages" / "a.md").write_text(LEGACY + "\nA speling mistake.\n")
    run = _check(medlint, "--changed-since", "main", "content", str(other / "pages"))
    assert "speling" in run.out, run.out + run.err


def test_gone_counts_only_what_the_run_could_find_and_a_partial_write_keeps_the_rest(
    tmp_path, medlint, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    article = _legacy(tmp_path)
    article.write_text(LEGACY + f"\n{SHARED}\n")
    (tmp_path / "content" / "other.md").write_text(f"# Other\n\n{SHARED}\n")
    _check(medlint, "content", "--write-baseline", "baseline.json")
    entries = json.loads((tmp_path / "baseline.json").read_text())["entries"]
    assert any(e["rule"] == "copied-paragraph" for e in entries)
    some = _check(medlint, "content", "--baseline", "baseline.json", "--select", "spelling")
    assert "gone" not in some.err, some.err
    alone = _check(medlint, "content/old.md", "--baseline", "baseline.json")
    assert "gone" not in alone.err and _found(alone) == [], alone.err + alone.out
    _check(medlint, "content/old.md", "--write-baseline", "baseline.json")
    after = json.loads((tmp_path / "baseline.json").read_text())["entries"]
    assert sorted(map(json.dumps, after)) == sorted(map(json.dumps, entries))


def test_a_baseline_and_diff_do_not_combine(tmp_path, medlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _legacy(tmp_path)
    run = _check(medlint, "content", "--diff", "--write-baseline", "b.json")
    assert run.code == 2 and "--diff" in run.err and not (tmp_path / "b.json").exists()


@pytest.mark.parametrize(
    ("entries", "says"),
    [
        ('[{"path": "a", "rule": "r", "key": "k", "count": 1e400}]', "count must be a whole"),
        ('[{"path": "a", "rule": "r", "key": "k", "count": NaN}]', "count must be a whole"),
        ('[{"path": "a", "rule": "r", "key": "k", "count": -1}]', "count must be a whole"),
        ("[" * 100000 + "]" * 100000, "nested too deeply"),
    ],
)
def test_a_damaged_baseline_is_one_line(tmp_path, medlint, monkeypatch, entries, says):
    monkeypatch.chdir(tmp_path)
    _legacy(tmp_path)
    (tmp_path / "b.json").write_text('{"version": 1, "entries": ' + entries + "}")
    run = _check(medlint, "content", "--baseline", "b.json")
    assert run.code == 2 and says in run.err and "internal error" not in run.err, run.err
