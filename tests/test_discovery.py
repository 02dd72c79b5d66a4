"""Which files a run checks: .gitignore, include/exclude, explicit files, stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES, TODAY

ARTICLE = "# Title\n\nSome text.\n"


def files_checked(medlint, *args) -> list[str]:
    run = medlint("check", "--format", "json", "--select", "missing-disclaimer", *args)
    return sorted({f["path"] for f in json.loads(run.out)["findings"]})


def make(tree, root):
    for name, text in tree.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_gitignore_is_honoured(tmp_path, medlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    make(
        {
            ".gitignore": "drafts/\n*.tmp.md\n",
            "a.md": ARTICLE,
            "b.tmp.md": ARTICLE,
            "drafts/c.md": ARTICLE,
            "docs/d.md": ARTICLE,
            "docs/.gitignore": "private.md\n",
            "docs/private.md": ARTICLE,
            "node_modules/pkg/readme.md": ARTICLE,
        },
        tmp_path,
    )
    assert files_checked(medlint, ".") == ["a.md", "docs/d.md"]
    # Walking from below the repository root still honours the root's .gitignore.
    assert files_checked(medlint, "docs") == ["docs/d.md"]
    # A file named explicitly is always checked.
    assert files_checked(medlint, "drafts/c.md", "docs/private.md") == [
        "docs/private.md",
        "drafts/c.md",
    ]


def test_hidden_files_are_not_walked(tmp_path, medlint, monkeypatch):
    """Found while testing the results cache: the project's own word list
    (.medlint-words.txt) was checked as an article, and reported for its
    missing disclaimer. Hidden files are skipped like hidden directories;
    one named on the command line is checked."""
    monkeypatch.chdir(tmp_path)
    make({".medlint-words.txt": "ferritin\n", ".notes.md": ARTICLE, "a.md": ARTICLE}, tmp_path)
    assert files_checked(medlint, ".") == ["a.md"]
    assert files_checked(medlint, ".notes.md") == [".notes.md"]


def test_include_and_exclude(tmp_path, medlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make(
        {
            "medlint.yaml": 'include: ["*.md", "*.mdx"]\nexclude: [archive/, "*-old.md"]\n',
            "a.md": ARTICLE,
            "b.mdx": ARTICLE,
            "c.txt": "C\n",
            "d-old.md": ARTICLE,
            "archive/e.md": ARTICLE,
        },
        tmp_path,
    )
    assert files_checked(medlint, ".") == ["a.md", "b.mdx"]


def test_stdin_filename(tmp_path):
    data = (EXAMPLES / "poems-syndrome.txt").read_bytes()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "medlint",
            "check",
            "--today",
            TODAY,
            "--format",
            "json",
            "--stdin-filename",
            "articles/poems.txt",
        ],
        input=data,
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    report = json.loads(result.stdout)
    assert report["files_checked"] == 1
    assert {f["path"] for f in report["findings"]} == {"articles/poems.txt"}
    assert "empty-list-intro" in {f["rule"] for f in report["findings"]}
    assert result.returncode == 1
    as_markdown = subprocess.run(
        [
            sys.executable,
            "-m",
            "medlint",
            "check",
            "--select",
            "missing-disclaimer",
            "--stdin-filename",
            "x.md",
        ],
        input=b"# Heading\n\nThis is not medical advice.\n",
        capture_output=True,
        check=False,
    )
    assert as_markdown.returncode == 0


def test_init_writes_a_config_that_loads_and_changes_nothing(tmp_path, medlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make({"poems.txt": (EXAMPLES / "poems-syndrome.txt").read_text()}, tmp_path)
    before = medlint("check", "--today", TODAY, "--format", "json", "poems.txt").out
    run = medlint("init")
    assert run.code == 0 and (tmp_path / "medlint.yaml").is_file()
    text = (tmp_path / "medlint.yaml").read_text()
    from medlint.rules import builtin_rules_dir, load_pack

    for rule in load_pack(builtin_rules_dir()).values():
        assert f"  {rule.id}:\n" in text
        for option in rule.options:
            assert f"{option}:" in text
    after = medlint("check", "--today", TODAY, "--format", "json", "poems.txt")
    assert after.code == 1 and after.out == before
    again = medlint("init")
    assert again.code == 2 and "exists; use --force" in again.err
    assert medlint("init", "--force").code == 0


def test_after_init_a_walk_checks_the_same_files(tmp_path, medlint, monkeypatch):
    """`medlint init` wrote three of the default suffixes into include: after
    it, MDX, HTML and .mkd articles were silently no longer checked. And its
    bundled word lists, uncommented, were an error."""
    monkeypatch.chdir(tmp_path)
    names = ["a.md", "b.markdown", "c.mdown", "d.mkd", "e.mdx", "f.html", "g.htm", "h.txt"]
    make({name: ARTICLE for name in names} | {"README.md": ARTICLE}, tmp_path)
    before = files_checked(medlint, ".")
    assert before == names
    assert medlint("init").code == 0
    assert files_checked(medlint, ".") == before
    text = (tmp_path / "medlint.yaml").read_text()
    assert "    extend-word-lists: []\n" in text  # adds to the bundled lists
    (tmp_path / "medlint.yaml").write_text(
        text.replace("extend-word-lists: []", "extend-word-lists: [our-words.lst]")
    )
    (tmp_path / "our-words.lst").write_text("ferritinn\n")
    assert files_checked(medlint, ".") == before


def test_the_walk_selects_what_each_files_own_resolved_path_selects(tmp_path):
    """The walk resolves each directory once, and a file only when it is a
    symbolic link: the files it keeps are those that resolving every file
    (Selection.wanted) keeps."""
    import os

    from medlint.discovery import Selection, _walk

    root = tmp_path / "site"
    for name in ("a.md", "docs/b.md", "docs/deep/c.md", "docs/deep/d.txt", "other/e.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("Text.\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "f.md").write_text("Text.\n")
    os.symlink(outside / "f.md", root / "docs" / "linked.md")
    os.symlink(root / "docs" / "deep" / "c.md", root / "other" / "to-c.md")
    for include, exclude in (
        (["*.md"], []),
        (["docs/**/*.md"], ["docs/deep/*"]),
        (["docs/**"], ["*.txt"]),
        (["f.md", "other/*"], []),
    ):
        selection = Selection(root, include, exclude)
        walked = sorted(_walk(str(root), selection))
        expected = sorted(
            os.path.normpath(os.path.join(directory, name))
            for directory, _, names in os.walk(root)
            for name in names
            if selection.wanted(Path(directory) / name)
        )
        assert walked == expected, (include, exclude)


_REPOSITORY = {
    "README.md": ARTICLE,
    "CHANGELOG.md": ARTICLE,
    "LICENSE.txt": ARTICLE,
    "requirements.txt": "pyyaml\n",
    "robots.txt": "User-agent: *\n",
    "CONTRIBUTING.md": ARTICLE,
    "articles/flu.md": ARTICLE,
    "articles/README.md": ARTICLE,  # a folder's page (GitBook): an article
    "articles/PULL_REQUEST_TEMPLATE.md": ARTICLE,
    "docs/guide.md": ARTICLE,
}


def test_a_repositorys_own_files_are_not_articles(tmp_path, medlint, monkeypatch):
    """README, CHANGELOG, LICENSE, requirements.txt, robots.txt at the top of
    the project, and issue or pull-request templates, are not articles: a walk
    leaves them out (they failed for a missing disclaimer and review date)."""
    monkeypatch.chdir(tmp_path)
    make(_REPOSITORY, tmp_path)
    walked = ["articles/README.md", "articles/flu.md", "docs/guide.md"]
    assert files_checked(medlint, ".") == walked
    (tmp_path / "medlint.yaml").write_text("default-exclude: false\n")
    assert files_checked(medlint, ".") == sorted(_REPOSITORY)


def test_force_exclude_lets_the_config_decide_for_named_files(tmp_path, medlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make({**_REPOSITORY, "articles/draft.md": ARTICLE}, tmp_path)
    (tmp_path / "medlint.yaml").write_text("exclude: [draft.md]\n")
    named = ["README.md", "CHANGELOG.md", "articles/flu.md", "articles/draft.md", "robots.txt"]
    assert files_checked(medlint, *named) == sorted(named)  # named: checked
    assert files_checked(medlint, "--force-exclude", *named) == ["articles/flu.md"]
    # Nothing left to check is not a warning in a hook's run.
    run = medlint("check", "--force-exclude", "README.md")
    assert run.code == 0 and run.err == ""


def test_default_exclude_must_be_true_or_false(tmp_path, medlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make({"a.md": ARTICLE, "medlint.yaml": "default-exclude: no-thanks\n"}, tmp_path)
    run = medlint("check", "a.md")
    assert run.code == 2 and "default-exclude: expected true or false" in run.err


def test_which_of_a_repositorys_files_are_not_articles():
    from medlint.discovery import default_excluded

    for relative in (
        "README.md",
        "readme.txt",
        "CHANGELOG.md",
        "License.txt",
        "requirements-dev.txt",
        "robots.txt",
        ".github/pull_request_template.md",
        ".gitlab/issue_templates/bug.md",
        "docs/PULL_REQUEST_TEMPLATE/feature.md",
        "ISSUE_TEMPLATE.md",
        "LICENSE",
        "LICENSE-MIT",
        "readme.en.md",
    ):
        assert default_excluded(relative), relative
    for relative in (
        "articles/README.md",  # a folder's page
        "docs/licensing-your-health-data.md",
        "articles/robots.txt",
        "readmission-rates.md",  # not a README
        "history-of-vaccines.md",
        "changes-in-appetite.md",
        "support-groups.md",
        "security-of-your-health-records.md",
        "licensed-practical-nurses.md",
    ):
        assert not default_excluded(relative), relative


def test_force_exclude_leaves_out_what_a_walk_never_enters(tmp_path, medlint, monkeypatch):
    """Found in review: hidden files and folders (a changeset's notes) and
    node_modules were checked when pre-commit named them."""
    monkeypatch.chdir(tmp_path)
    make(
        {
            ".changeset/brave-lions.md": ARTICLE,
            ".hidden.md": ARTICLE,
            "node_modules/pkg/notes.md": ARTICLE,
            "articles/flu.md": ARTICLE,
        },
        tmp_path,
    )
    named = [".changeset/brave-lions.md", ".hidden.md", "node_modules/pkg/notes.md"]
    assert files_checked(medlint, "--force-exclude", *named, "articles/flu.md") == [
        "articles/flu.md"
    ]


def test_outside_the_project_a_readme_in_a_folder_is_still_an_article(
    tmp_path, medlint, monkeypatch
):
    """Found in review: outside the project root a path is its name alone,
    which the default exclusion read as the top level."""
    site = tmp_path / "site"
    make({"guide/README.md": ARTICLE, "guide/flu.md": ARTICLE}, site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert len(files_checked(medlint, str(site))) == 2


def test_show_files_lists_what_would_be_checked(tmp_path, medlint, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make({**_REPOSITORY, "medlint.yaml": "exclude: [docs/]\n"}, tmp_path)
    run = medlint("check", "--show-files", ".")
    assert run.code == 0 and run.err == ""
    assert run.out.splitlines() == ["articles/README.md", "articles/flu.md"]
    named = medlint("check", "--show-files", "--force-exclude", "README.md", "articles/flu.md")
    assert named.out.splitlines() == ["articles/flu.md"]


def test_the_default_include_is_matched_as_its_globs_match(tmp_path):
    """A walk tests the default include without the globs: the same answer
    as the globs give, for names the globs treat oddly too."""
    from medlint.discovery import DEFAULT_INCLUDE, Selection

    fast = Selection(tmp_path, DEFAULT_INCLUDE)
    globs = Selection(tmp_path, list(DEFAULT_INCLUDE))  # (a list: the globs themselves)
    names = [
        "a.md", "A.MD", "a.Md", ".md", "a.md.bak", "a.mdx", "a.markdown", "a.txt", "a.text",
        "a.html", "a.htm", "a.HTML", "a.png", "notes", "a.md/b.png", "x/y.html/z.pdf",
        "x/a.md", "deep/er/a.txt", "x/.md", "x/a.md~", "x/a md.md", "x/a.md.md", "md",
        "x.txt/", "drafts/a.mdx", "a.htmx", "a.tx",
    ]  # fmt: skip
    for name in names:
        assert fast.wanted_relative(name) == globs.wanted_relative(name), name
