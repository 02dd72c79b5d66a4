"""The results cache: a second run over unchanged articles reads their
findings from .medlint_cache/, and reports byte for byte what checking them
again would; anything that changes results is a miss; a broken cache is
never an error."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import time
from pathlib import Path

import pytest

from medlint import runner
from medlint.cache import LAYOUT, ResultCache

from conftest import EXAMPLES, REPO, TODAY, record_calls


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A copy of the examples, the working directory, with the cache on. Its
    runs happen a minute after the files were written, as on a real site (a
    file changed within seconds of a run is read again the next time:
    ``runner.RECENT_NS``; the tests of that undo this)."""
    monkeypatch.delenv("MEDLINT_NO_CACHE", raising=False)
    tree = tmp_path / "site"
    shutil.copytree(EXAMPLES, tree)
    monkeypatch.chdir(tree)
    monkeypatch.setattr(runner, "_now_ns", lambda: time.time_ns() + 60 * 10**9)
    return tree


def _frozen_times(monkeypatch, tree: Path, ns: int) -> None:
    """``os.stat`` of the files under ``tree`` (not the cache's) says they last changed at
    ``ns`` (what a file system whose clock ticks coarsely, or a tool that
    writes many files at once, shows), whatever their bytes or inode."""
    real = os.stat
    inside = str(tree.resolve())

    def stat(path, *args, **kwargs):
        info = real(path, *args, **kwargs)
        where = os.path.realpath(os.fspath(path))
        if not where.startswith(inside) or ".medlint_cache" in where:
            return info
        fields = list(info)[:10]
        fields[7] = fields[8] = fields[9] = ns // 10**9
        times = {"st_atime_ns": ns, "st_mtime_ns": ns, "st_ctime_ns": ns}
        return os.stat_result(fields, times)

    monkeypatch.setattr(os, "stat", stat)


@pytest.fixture
def checked(monkeypatch):
    """The paths of the articles really checked: read into a Document (a
    cache hit reads none)."""
    return record_calls(monkeypatch, runner, "load_document")


def _check(medlint, *args):
    return medlint("check", "--today", TODAY, "--format", "json", "-j", "1", *args, ".")


def test_a_warm_run_reports_what_a_cold_one_does(medlint, site, checked):
    cold = _check(medlint)
    assert len(checked) == 4 and cold.code == 1
    checked.clear()
    warm = _check(medlint)
    assert checked == []  # every article came from the cache
    assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err)
    fresh = _check(medlint, "--no-cache")
    assert len(checked) == 4 and fresh.out == cold.out
    assert (site / ".medlint_cache" / ".gitignore").read_text().strip().endswith("*")


def test_serial_parallel_and_cached_runs_agree(medlint, site):
    if not runner._can_fork():
        pytest.skip("no fork on this platform")
    serial = medlint("check", "--today", TODAY, "--no-cache", "-j", "1", ".")
    parallel = medlint("check", "--today", TODAY, "--no-cache", "-j", "2", ".")
    medlint("check", "--today", TODAY, "-j", "2", ".")  # fills the cache in workers
    cached = medlint("check", "--today", TODAY, "-j", "2", ".")
    assert serial.out == parallel.out == cached.out
    assert serial.code == parallel.code == cached.code == 1


def test_a_changed_article_is_checked_again(medlint, site, checked):
    _check(medlint)
    article = site / "seasonal-flu.md"
    article.write_text(article.read_text() + "\nClick here for more.\n")
    checked.clear()
    run = _check(medlint)
    assert checked == ["./seasonal-flu.md"] or [Path(p).name for p in checked] == [
        "seasonal-flu.md"
    ]
    assert "leaked-boilerplate" in run.out


def test_what_changes_results_is_a_miss(medlint, site, checked):
    _check(medlint)
    for args in (
        ["--today", "2027-06-01"],  # the date rules judge by today
        ["--select", "spelling"],
        ["--ignore", "readability"],
    ):
        checked.clear()
        medlint(
            "check", "--format", "json", "-j", "1", *(args if args[0] != "--today" else args), "."
        )
        assert checked, args
    (site / "medlint.yaml").write_text("rules:\n  long-sentence:\n    max-words: 12\n")
    checked.clear()
    _check(medlint)
    assert len(checked) == 4  # another option: every article again


def test_a_word_list_change_is_a_miss(medlint, site, checked):
    (site / ".medlint-words.txt").write_text("zzyzx\n")
    _check(medlint)
    checked.clear()
    _check(medlint)
    assert checked == []
    (site / ".medlint-words.txt").write_text("zzyzx\nferritinn\n")
    _check(medlint)
    assert len(checked) == 4


def test_a_corrupt_or_cut_entry_is_a_miss(medlint, site, checked):
    cold = _check(medlint)
    files = [
        p for p in (site / ".medlint_cache").rglob("*") if p.is_file() and p.name != ".gitignore"
    ]
    entries = [p for p in files if p.parent.name != "project"]
    project = [p for p in files if p.parent.name == "project"]
    # The files compared, the files read (by size and times), the phase's result.
    assert len(entries) == 4 and len(project) == 3
    entries[0].write_bytes(b"not a pickle")
    entries[1].write_bytes(entries[1].read_bytes()[:20])  # a write cut short
    for path in project:
        path.write_bytes(path.read_bytes()[:20])
    checked.clear()
    warm = _check(medlint)
    assert len(checked) == 2 and warm.out == cold.out


def test_an_unwritable_cache_is_no_cache(medlint, site, checked):
    (site / ".medlint_cache").write_text("a file where the directory would be")
    first = _check(medlint)
    second = _check(medlint)
    assert first.out == second.out and first.code == second.code == 1
    assert len(checked) == 8
    assert "Traceback" not in first.err


def test_cache_dir_and_environment(medlint, site, tmp_path, monkeypatch, checked):
    elsewhere = tmp_path / "elsewhere"
    _check(medlint, "--cache-dir", str(elsewhere))
    assert (elsewhere / ".gitignore").is_file() and not (site / ".medlint_cache").exists()
    monkeypatch.setenv("MEDLINT_NO_CACHE", "1")
    checked.clear()
    _check(medlint, "--cache-dir", str(elsewhere))
    assert len(checked) == 4


def test_a_cache_dir_that_holds_articles_does_not_hide_them(medlint, site):
    """Found in review: --cache-dir . wrote a .gitignore of "*" into the
    project, and the next run found no article. A directory the cache did
    not make gets no .gitignore (its own layout folder does)."""
    first = _check(medlint, "--cache-dir", ".")
    assert not (site / ".gitignore").exists()
    assert (site / LAYOUT / ".gitignore").is_file()
    again = medlint("check", "--today", TODAY, "--format", "json", "--no-cache", ".")
    assert again.code == first.code == 1 and again.out.count('"rule"') >= 4


def test_fixing_does_not_use_the_cache(medlint, site, checked):
    _check(medlint)
    checked.clear()
    medlint("check", "--today", TODAY, "--diff", "-j", "1", ".")
    assert len(checked) == 4


def test_prune_keeps_the_newest_and_removes_stray_temporaries(tmp_path):
    cache = ResultCache(tmp_path, "settings")
    for number in range(6):
        cache.put(f"a{number}.md", b"text", [], [])
        entry = cache._entry(f"a{number}.md", b"text", [])
        os.utime(entry, (1000 + number, 1000 + number))
    stray = cache.entries / "ab" / ".x.123.tmp"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"half")
    os.utime(stray, (1000, 1000))
    cache.prune(keep=3)
    left = sorted(p for p in cache.entries.rglob("*") if p.is_file() and p.name != ".gitignore")
    assert len(left) == 3 and not stray.exists()
    assert cache.get("a5.md", b"text", []) == ([], {}) and cache.get("a0.md", b"text", []) is None


def test_cache_is_documented():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "--no-cache" in readme and ".medlint_cache" in readme and "MEDLINT_NO_CACHE" in readme


COPIES = REPO / "tests" / "fixtures" / "copied-paragraph"


@pytest.fixture
def copies_site(site):
    """The examples with articles that share paragraphs (one copy gives another dose)."""
    for case in ("flag-pasted-paragraph", "flag-dose-differs"):
        for article in (COPIES / case).iterdir():
            shutil.copy(article, site / article.name)
    return site


@pytest.fixture
def project_phases(monkeypatch):
    """How many articles each run of copied-paragraph's project phase compared."""
    from medlint.checks import copied_paragraph

    runs: list[int] = []
    original = copied_paragraph.check_project

    def spy(articles, options, *reported):
        runs.append(len(articles))
        return original(articles, options, *reported)

    monkeypatch.setattr(copied_paragraph, "check_project", spy)
    return runs


def test_a_warm_run_reuses_the_comparison_across_articles(
    medlint, copies_site, checked, project_phases
):
    cold = _check(medlint)
    assert "copied-paragraph" in cold.out and project_phases == [8]
    checked.clear()
    warm = _check(medlint)
    assert checked == [] and project_phases == [8]  # nothing read, nothing compared again
    assert warm.out == cold.out
    (copies_site / "asthma.md").write_text("# Asthma\n\nChanged.\n", encoding="utf-8")
    again = _check(medlint)
    assert checked == ["asthma.md"] and project_phases == [8, 8]
    assert "asthma.md:15" not in again.out and "copd.md:17" not in again.out
    assert "back-pain.md" in again.out


def test_a_warm_run_does_not_unpickle_the_prints(medlint, copies_site, monkeypatch):
    """The paragraphs' words are most of an entry: a warm run whose project
    phase is kept reads only the findings."""
    from medlint.cache import KeptPrints

    cold = _check(medlint)
    loads = record_calls(monkeypatch, KeptPrints, "_loaded")
    warm = _check(medlint)
    assert warm.out == cold.out and loads == []
    (copies_site / "asthma.md").write_text("# Asthma\n\nChanged.\n", encoding="utf-8")
    again = _check(medlint)  # the phase runs again: the others' prints are read
    assert loads and "back-pain.md" in again.out


def test_kept_prints_stand_for_the_dict_they_were():
    from medlint.cache import KeptPrints

    prints = {"copied-paragraph": (1, 2), "article-facts": ({"grade": 9.0},)}
    kept = KeptPrints(pickle.dumps(prints))
    assert (
        kept and "copied-paragraph" in kept and kept.get("article-facts") == prints["article-facts"]
    )
    assert dict(kept) == prints and pickle.loads(pickle.dumps(kept)) == prints
    assert not KeptPrints(b"") and dict(KeptPrints(b"")) == {}
    broken = KeptPrints(b"\x80\x05not a pickle")
    assert dict(broken) == {} and broken.get("copied-paragraph") is None  # a disk fault: none


def test_serial_parallel_and_cached_runs_agree_across_articles(medlint, copies_site):
    if not runner._can_fork():
        pytest.skip("no fork on this platform")
    serial = medlint("check", "--today", TODAY, "--no-cache", "-j", "1", ".")
    parallel = medlint("check", "--today", TODAY, "--no-cache", "-j", "2", ".")
    medlint("check", "--today", TODAY, "-j", "2", ".")
    cached = medlint("check", "--today", TODAY, "-j", "2", ".")
    assert serial.out == parallel.out == cached.out
    assert sum(" copied-paragraph " in line for line in serial.out.splitlines()) == 4


def test_a_named_file_is_compared_with_the_others_the_cache_knows(medlint, copies_site):
    """pre-commit names only the changed files: they are compared with the
    project's other articles as the cache last saw them, unless they changed."""
    first = medlint("check", "--today", TODAY, ".")
    # (Once, in a fresh clone's CI, the second run found no copy: the first
    # run's report and errors are asserted to show why, should it recur.)
    assert first.code == 1 and first.err == "", first.err
    assert "copied-paragraph" in first.out, first.out
    one = medlint("check", "--today", TODAY, "--format", "json", "back-pain.md")
    found = [f for f in json.loads(one.out)["findings"] if f["rule"] == "copied-paragraph"]
    assert [(f["path"], f["line"], f["severity"]) for f in found] == [("back-pain.md", 5, "error")]
    assert "ibuprofen.md:5" in found[0]["message"]
    other = copies_site / "ibuprofen.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    changed = medlint("check", "--today", TODAY, "back-pain.md")
    assert "copied-paragraph" not in changed.out  # changed since: not compared, never stale
    fresh = medlint("check", "--today", TODAY, "--no-cache", "back-pain.md")
    assert "copied-paragraph" not in fresh.out  # without the cache: this file alone


def test_library_versions_are_those_importlib_metadata_reports():
    """The cache reads them from dist-info names (importlib.metadata costs a
    one-file run 25 ms): the same versions."""
    from importlib import metadata

    from medlint.cache import LIBRARIES, library_versions

    expected = []
    for name in LIBRARIES:
        try:
            expected.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            expected.append(f"{name}=none")
    assert library_versions() == expected


def test_broken_prints_remove_their_entry_and_are_not_kept(medlint, copies_site):
    """An entry whose findings load but whose prints do not (a disk fault
    inside it): compared without them once, then checked again."""
    _check(medlint)
    entries = [
        p
        for p in (copies_site / ".medlint_cache" / LAYOUT).glob("*/*")
        if p.parent.name != "project"
    ]
    for entry in entries:
        settings, findings, prints = pickle.loads(entry.read_bytes())
        if prints and b"copd" in prints:
            entry.write_bytes(pickle.dumps((settings, findings, b"\x80\x05broken" + prints[20:])))
            broken = entry
    (copies_site / "seasonal-flu.md").write_text(  # the project phase is not the kept one
        (copies_site / "seasonal-flu.md").read_text() + "\nOne more line.\n"
    )
    _check(medlint)
    assert not broken.exists()  # removed: the next run checks copd.md again
    again = _check(medlint)
    fresh = _check(medlint, "--no-cache")
    assert again.out.count("copied-paragraph") == fresh.out.count("copied-paragraph") > 0


def test_an_older_layout_is_removed_but_not_a_folder_of_the_users(medlint, site):
    cache = site / ".medlint_cache"
    (cache / "v1" / "ab").mkdir(parents=True)
    from medlint import cache as cache_module

    (cache / "v1" / ".gitignore").write_text(cache_module._GITIGNORE, encoding="utf-8")
    (cache / "v0").mkdir()  # not medlint's (no .gitignore of its own)
    _check(medlint)
    assert (cache / LAYOUT).is_dir() and not (cache / "v1").exists() and (cache / "v0").is_dir()


@pytest.fixture
def reads(monkeypatch):
    """The names of the articles the runs read."""
    names: list[str] = []
    original = runner._read

    def spy(path, *args):
        names.append(os.path.basename(path))
        return original(path, *args)

    monkeypatch.setattr(runner, "_read", spy)
    return names


def test_an_unchanged_file_is_not_read_again_but_a_changed_one_is(medlint, site, reads):
    """A warm run reads no article whose size, time and change time are as
    the cache recorded; one whose bytes changed, even with its size and time
    put back, is read and checked again."""
    cold = _check(medlint)
    reads.clear()
    warm = _check(medlint)
    assert reads == [] and warm.out == cold.out
    article = site / "seasonal-flu.md"
    info = article.stat()
    text = article.read_text(encoding="utf-8")
    assert " the " in text
    article.write_text(text.replace(" the ", " teh ", 1), encoding="utf-8")  # as long
    os.utime(article, ns=(info.st_atime_ns, info.st_mtime_ns))  # same size and time
    assert article.stat().st_size == info.st_size
    again = _check(medlint)
    assert reads == ["seasonal-flu.md"]
    assert again.out == _check(medlint, "--no-cache").out
    reads.clear()
    other = medlint("check", "--today", TODAY, "--format", "json", "-j", "1", str(site.resolve()))
    assert len(reads) == 4  # named otherwise: read (its findings name it so), then recorded
    assert '"path": "' + str(site.resolve()) in other.out


def test_a_file_changed_just_before_a_run_is_read_again_the_next_time(
    medlint, site, monkeypatch, reads
):
    """A file changed within the tick of its file system's clock in which it
    was read looks as it did (git's "racy" files): so one that had changed
    within seconds of the run is not recorded as read, and a second change
    in that tick, its size kept, is seen. Its entry is still found by its
    bytes."""
    monkeypatch.setattr(runner, "_now_ns", time.time_ns)  # the files were written just now
    _frozen_times(monkeypatch, site, time.time_ns() - 10**9)
    cold = _check(medlint)
    assert sorted(reads) == sorted(p.name for p in site.iterdir() if p.suffix in (".md", ".txt"))
    article = site / "seasonal-flu.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace(" the ", " teh ", 1), encoding="utf-8")  # as long
    reads.clear()
    again = _check(medlint)  # the same size and times: only the bytes differ
    assert "seasonal-flu.md" in reads
    assert again.out == _check(medlint, "--no-cache").out
    assert "teh" in again.out and "teh" not in cold.out


def test_a_file_is_known_by_its_inode_too(medlint, site, tmp_path, monkeypatch, reads):
    """A path that now names another file (a link pointed elsewhere, a folder
    swapped) is read, even when the new file has the old one's size and
    times, as files a tool wrote at once may have."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    first, second = elsewhere / "one.md", elsewhere / "two.md"
    first.write_text("# Notes\n\nTake the tablets with food.\n", encoding="utf-8")
    second.write_text("# Notes\n\nTake teh tablets with food.\n", encoding="utf-8")
    link = site / "notes.md"
    link.symlink_to(first)
    _frozen_times(monkeypatch, tmp_path, time.time_ns() - 3600 * 10**9)
    before = _check(medlint, "--select", "spelling")
    assert "notes.md" in reads and "teh" not in before.out
    link.unlink()
    link.symlink_to(second)
    reads.clear()
    after = _check(medlint, "--select", "spelling")
    assert reads == ["notes.md"]
    assert '"path": "notes.md"' in after.out and "teh" in after.out


def test_an_article_outside_the_run_is_compared_only_as_the_cache_read_it(medlint, copies_site):
    """An article the run does not name is compared as the cache last read
    it only while it looks as it did then: bytes changed with the size and
    modification time put back change its change time, and it is left out
    (never compared as it no longer is)."""
    medlint("check", "--today", TODAY, ".")
    other = copies_site / "ibuprofen.md"
    info = other.stat()
    text = other.read_text(encoding="utf-8")
    paragraph = text[text.index("For adults") : text.index("## Side")]
    other.write_text(  # (as long: vowels swapped, no longer a copy)
        text.replace(paragraph, paragraph.translate(str.maketrans("aeio", "oiea"))),
        encoding="utf-8",
    )
    os.utime(other, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert other.stat().st_size == info.st_size
    one = medlint("check", "--today", TODAY, "back-pain.md")
    assert "copied-paragraph" not in one.out, one.out


def test_articles_written_just_before_a_run_are_not_vouched_for(medlint, copies_site, monkeypatch):
    """A run right after its articles were written (within RECENT_NS) keeps
    no record of how they looked, so a later run that names one file cannot
    compare it with them; a run a little later does."""
    monkeypatch.setattr(runner, "_now_ns", time.time_ns)
    assert "copied-paragraph" in medlint("check", "--today", TODAY, ".").out
    alone = medlint("check", "--today", TODAY, "back-pain.md")
    assert "copied-paragraph" not in alone.out
    monkeypatch.setattr(runner, "_now_ns", lambda: time.time_ns() + 60 * 10**9)
    medlint("check", "--today", TODAY, ".")
    compared = medlint("check", "--today", TODAY, "back-pain.md")
    assert "copied-paragraph" in compared.out and "ibuprofen.md:5" in compared.out


def test_a_named_file_whose_comparison_is_kept_reads_no_other_entry(
    medlint, copies_site, monkeypatch, project_phases
):
    """pre-commit over an unchanged file of a large site: the comparison's
    result is found by the entries' keys, without reading the other articles'
    entries; an entry that is gone leaves its article out of a comparison
    done again, and that result is not kept."""
    medlint("check", "--today", TODAY, ".")
    first = _named(medlint, "back-pain.md")
    read = record_calls(monkeypatch, ResultCache, "get_entry", argument=1)
    again = _named(medlint, "back-pain.md")
    assert again.out == first.out and "ibuprofen.md:5" in again.out
    assert len(read) == 1  # the named file's own entry
    entries = copies_site / ".medlint_cache" / LAYOUT
    _, files = pickle.loads(next((entries / "project").glob("files-*")).read_bytes())
    key = files[os.path.abspath("ibuprofen.md")][1]
    (entries / key[:2] / key).unlink()
    phases = len(project_phases)
    (copies_site / "back-pain.md").write_text(
        (copies_site / "back-pain.md").read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8"
    )
    changed = _named(medlint, "back-pain.md")
    assert "copied-paragraph" not in changed.out and len(project_phases) == phases + 1
    assert _named(medlint, "back-pain.md").out == changed.out
    assert len(project_phases) == phases + 2  # (not kept: compared again)


def _named(medlint, *paths):
    return medlint("check", "--today", TODAY, "--format", "json", "-j", "1", *paths)


def test_an_article_outside_the_run_is_shown_as_relpath_shows_it(tmp_path, monkeypatch):
    work = tmp_path / "site"
    (work / "a").mkdir(parents=True)
    monkeypatch.chdir(work)
    within = os.path.join(os.getcwd(), "")
    for absolute in (
        os.path.join(os.getcwd(), "a", "b.md"),
        os.path.join(os.getcwd(), "c.md"),
        str(tmp_path / "site2" / "d.md"),  # (begins as the working directory's name does)
        str(tmp_path / "e.md"),
    ):
        assert runner._shown_path(absolute, within) == os.path.relpath(absolute)
        assert runner._shown_path(absolute) == os.path.relpath(absolute)


def test_a_cache_folder_another_worker_made_first_is_written_to(tmp_path, monkeypatch):
    """Two workers of a run make the cache's folder at once: the one whose
    mkdir comes second still writes its entries (it once took the folder's
    existence for an unwritable cache, and kept none of its articles)."""
    cache = ResultCache(tmp_path / ".medlint_cache", "settings")
    made = []
    original = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self == cache.directory and not made:  # the other worker, between the check and this
            made.append(original(self, *args, **kwargs))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    cache.put("a.md", b"text", [], [])
    assert made and cache.writable
    assert cache.get("a.md", b"text", []) == ([], {})
