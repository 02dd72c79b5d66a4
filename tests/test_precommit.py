"""medlint as a pre-commit hook, with the real pre-commit client.

pre-commit installs the hook repository with pip, which fetches its build
dependencies from the package index: these tests are marked ``network`` (run
them offline with ``-m 'not network'`` deselected; CI runs them). The hook
repository is a snapshot of this working tree committed to a temporary git
repository, so the test checks the code as it is, committed or not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medlint import __version__

from conftest import EXAMPLES, REPO

pytestmark = [
    pytest.mark.network,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def git(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env=_env()
    )


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """This working tree (tracked and untracked, not ignored files), committed."""
    snapshot = tmp_path_factory.mktemp("medlint-hook-repo")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in listed:
        source = REPO / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git("init", "-q", cwd=snapshot)
    git("add", "-A", cwd=snapshot)
    git("commit", "-q", "-m", "snapshot", cwd=snapshot)
    git("tag", f"v{__version__}", cwd=snapshot)  # the release tag the README's snippet names
    return snapshot, git("rev-parse", "HEAD", cwd=snapshot).stdout.strip()


def readme_hook_config(repo: Path, args: list[str]) -> str:
    """The README's pre-commit snippet, as a user pastes it: only the
    repository's URL is this snapshot's path, and the hook gets ``args``."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```yaml\n")[1:]]
    snippet = next(b for b in blocks if b.startswith("repos:") and "- id: medlint" in b)
    lines = snippet.splitlines()
    assert lines[1].strip() == "- repo: https://github.com/medlint/medlint", lines
    assert lines[2].strip() == f"rev: v{__version__}", "the snippet names this release's tag"
    lines[1] = f"  - repo: {repo}"
    hook = lines.index("      - id: medlint")
    lines[hook + 1 :] = [f"        args: {args!r}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**_env(), "PRE_COMMIT_HOME": str(home)},
        check=False,
    )


@pytest.fixture
def content_repo(tmp_path, hook_repo) -> Path:
    repo, rev = hook_repo
    git("init", "-q", cwd=tmp_path)
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n"
        "      - id: medlint\n        args: [--today, '2026-11-24']\n"
    )
    git("add", ".pre-commit-config.yaml", cwd=tmp_path)
    return tmp_path


def commit(message: str, repo: Path, home: Path) -> subprocess.CompletedProcess:
    """git commit, with the hooks pre-commit installed (they may refuse it)."""
    return subprocess.run(
        ["git", "commit", "-m", message],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**_env(), "PRE_COMMIT_HOME": str(home)},
        check=False,
    )


def edit_the_readme(repo: Path, home: Path) -> None:
    """Commit an edit of the repository's README: the hook lets it through
    and says nothing of it (it is no article)."""
    (repo / "README.md").write_text("# Our health pages\n\nHow to edit them - now.\n")
    git("add", "README.md", cwd=repo)
    readme = commit("Edit the README", repo, home)
    assert readme.returncode == 0, readme.stdout + readme.stderr
    assert "README.md" not in readme.stdout + readme.stderr


def test_the_hook_blocks_a_defective_article_and_lets_a_clean_one_through(
    content_repo, pre_commit_home
):
    installed = pre_commit("install", cwd=content_repo, home=pre_commit_home)
    assert installed.returncode == 0, installed.stderr

    shutil.copy(EXAMPLES / "poems-syndrome.txt", content_repo / "poems-syndrome.txt")
    git("add", "poems-syndrome.txt", cwd=content_repo)
    blocked = commit("Add the POEMS page", content_repo, pre_commit_home)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "poems-syndrome.txt:6:" in output and "empty-list-intro" in output
    assert "Failed" in output

    git("rm", "-q", "--cached", "poems-syndrome.txt", cwd=content_repo)
    (content_repo / "poems-syndrome.txt").unlink()
    shutil.copy(EXAMPLES / "seasonal-flu.md", content_repo / "seasonal-flu.md")
    git("add", "seasonal-flu.md", cwd=content_repo)
    passed = commit("Add the flu page", content_repo, pre_commit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout + passed.stderr


def test_try_repo(content_repo, hook_repo, pre_commit_home):
    repo, rev = hook_repo
    shutil.copy(EXAMPLES / "poems-syndrome.txt", content_repo / "poems.txt")
    shutil.copy(EXAMPLES / "seasonal-flu.md", content_repo / "flu.md")
    git("add", ".", cwd=content_repo)
    args = ("try-repo", str(repo), "medlint", "--ref", rev)
    failing = pre_commit(*args, "--files", "poems.txt", cwd=content_repo, home=pre_commit_home)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "stale-review-date" in failing.stdout
    passing = pre_commit(*args, "--files", "flu.md", cwd=content_repo, home=pre_commit_home)
    assert passing.returncode == 0, passing.stdout + passing.stderr


def test_the_hook_checks_articles_only_and_shows_warnings(content_repo, pre_commit_home):
    """A content repository with its README and CHANGELOG: editing the README
    is not blocked (it is no article: no disclaimer, no review date), an
    article with a warning passes and the warning is shown, and a defect in
    an article blocks the commit."""
    installed = pre_commit("install", cwd=content_repo, home=pre_commit_home)
    assert installed.returncode == 0, installed.stderr
    (content_repo / "README.md").write_text("# Our health pages\n\nHow to edit them.\n")
    (content_repo / "CHANGELOG.md").write_text("# Changes\n\n- First pages.\n")
    articles = content_repo / "articles"
    articles.mkdir()
    shutil.copy(EXAMPLES / "seasonal-flu.md", articles / "flu.md")
    git("add", ".", cwd=content_repo)
    first = commit("The repository", content_repo, pre_commit_home)
    assert first.returncode == 0, first.stdout + first.stderr

    edit_the_readme(content_repo, pre_commit_home)

    flu = (articles / "flu.md").read_text()
    (articles / "flu.md").write_text(flu.replace("comes on quickly", "comes on quikly"))
    git("add", "articles/flu.md", cwd=content_repo)
    warned = commit("A typo", content_repo, pre_commit_home)
    output = warned.stdout + warned.stderr
    assert warned.returncode == 0, output
    assert "articles/flu.md:15:" in output and "quikly" in output  # shown, though it passed
    assert output.count("Found 1 finding") == 1  # one summary

    shutil.copy(EXAMPLES / "poems-syndrome.txt", articles / "poems.txt")
    git("add", "articles/poems.txt", cwd=content_repo)
    blocked = commit("A defective page", content_repo, pre_commit_home)
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    assert "empty-list-intro" in blocked.stdout + blocked.stderr


def test_a_content_repository_set_up_as_the_readme_says(tmp_path, hook_repo, pre_commit_home):
    """Issue 10's repository: a README, a CHANGELOG and three articles, the
    hook pasted from the README (at the release tag) with a baseline of the
    legacy findings. An edit of the README, or an unrelated edit of a legacy
    article, goes through; a warning is shown; a new defect, in a legacy
    article too, blocks the commit."""
    repo, _ = hook_repo
    site = tmp_path / "site"
    articles = site / "content"
    articles.mkdir(parents=True)
    git("init", "-q", cwd=site)
    args = ["--baseline", ".medlint-baseline.json", "--today", "2026-11-24"]
    (site / ".pre-commit-config.yaml").write_text(readme_hook_config(repo, args))
    (site / "README.md").write_text("# Our health pages\n\nHow to edit them.\n")
    (site / "CHANGELOG.md").write_text("# Changes\n\n- First pages.\n")
    shutil.copy(EXAMPLES / "seasonal-flu.md", articles / "flu.md")
    shutil.copy(EXAMPLES / "iron-deficiency-anemia.md", articles / "anemia.md")  # legacy
    shutil.copy(EXAMPLES / "poems-syndrome.txt", articles / "poems.txt")  # legacy
    recorded = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--today", "2026-11-24",
         "--write-baseline", ".medlint-baseline.json", "content/"],
        cwd=site, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert recorded.returncode == 0 and "wrote a baseline" in recorded.stderr, recorded.stderr
    assert pre_commit("install", cwd=site, home=pre_commit_home).returncode == 0
    git("add", ".", cwd=site)
    first = commit("The site, with its legacy pages", site, pre_commit_home)
    assert first.returncode == 0, first.stdout + first.stderr

    edit_the_readme(site, pre_commit_home)

    anemia = (articles / "anemia.md").read_text()
    (articles / "anemia.md").write_text(
        anemia.replace("# Iron-deficiency anemia", "# Iron-deficiency anaemia and you", 1)
    )
    git("add", "content/anemia.md", cwd=site)
    unrelated = commit("A new title for a legacy page", site, pre_commit_home)
    assert unrelated.returncode == 0, unrelated.stdout + unrelated.stderr

    flu = (articles / "flu.md").read_text()
    (articles / "flu.md").write_text(flu.replace("comes on quickly", "comes on quikly"))
    git("add", "content/flu.md", cwd=site)
    warned = commit("A typo", site, pre_commit_home)
    assert warned.returncode == 0, warned.stdout + warned.stderr
    assert "quikly" in warned.stdout + warned.stderr  # shown, though it passed

    (articles / "anemia.md").write_text(
        (articles / "anemia.md").read_text() + "\nThe tests a doctor may order include:\n"
    )
    git("add", "content/anemia.md", cwd=site)
    blocked = commit("A new defect in a legacy page", site, pre_commit_home)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0 and "empty-list-intro" in output, output
    assert output.count("content/anemia.md:") == 1  # the new defect only, not the legacy ones
