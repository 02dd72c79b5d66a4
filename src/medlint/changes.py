"""``--changed-since REF``: what a change touched, read from git.

A pull request should be judged by what it changes: the articles it touches,
and in them the lines it touches. The files are those that differ from the
point where the branch left REF (``git merge-base REF HEAD``: so the commits
REF gained since do not count), committed or not, and the new files git does
not ignore; the lines are the lines of those files that the difference adds
or changes (``git diff -U0``; where lines were only deleted, the lines on
either side of the gap).
A finding about the article as a whole (a missing disclaimer, the grade, a
review date that is due) is judged for every changed file; any other finding
only when its lines are among the changed ones.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field

from medlint.errors import ChangesError

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
_FILE = re.compile(rb"^\+\+\+ (?:b/)?(.*)$", re.MULTILINE)


@dataclass
class Changes:
    """The changed files (real paths) and, in each, the changed lines (None:
    every line, a file new to git)."""

    lines: dict[str, set[int] | None] = field(default_factory=dict)

    def touches(self, path: str) -> bool:
        return os.path.realpath(path) in self.lines

    def touches_lines(self, path: str, first: int, last: int) -> bool:
        changed = self.lines.get(os.path.realpath(path), set())
        return changed is None or any(line in changed for line in range(first, last + 1))

    def add(self, other: Changes) -> None:
        for path, lines in other.lines.items():
            mine = self.lines.get(path, set())
            self.lines[path] = None if mine is None or lines is None else mine | lines


def changes_since(ref: str, where: str = ".") -> Changes:
    """What changed since ``ref`` in the git repository that holds ``where``
    (a folder); a ChangesError when there is no repository or no such ref."""
    root = os.fsdecode(_git(["rev-parse", "--show-toplevel"], where).rstrip(b"\r\n"))
    root = os.path.realpath(root)
    try:
        base = _git(["merge-base", ref, "HEAD"], root).decode().strip()
    except ChangesError:
        base = ref  # no common history (a shallow clone): the difference from the ref itself
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root, what=ref)
    changes = Changes()
    # The prefixes are given: a user's diff.noprefix or diff.mnemonicPrefix
    # would change them ("w/path"), and the paths would not be found.
    diff = _git(
        ["diff", "--no-color", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/", "-U0",
         "--diff-filter=d", base, "--"],
        root,
    )  # fmt: skip
    _read_diff(diff, root, changes)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], root)
    for name in filter(None, untracked.split(b"\0")):
        changes.lines[os.path.realpath(os.path.join(root, os.fsdecode(name)))] = None
    return changes


def _read_diff(diff: bytes, root: str, changes: Changes) -> None:
    """The files and added or changed lines of a ``git diff -U0``."""
    for section in re.split(rb"^diff --git ", diff, flags=re.MULTILINE)[1:]:
        name = _FILE.search(section)
        if name is None or name.group(1) == b"/dev/null":
            continue  # (deleted, or binary)
        path = os.path.realpath(os.path.join(root, os.fsdecode(_unquote(name.group(1)))))
        lines = changes.lines.setdefault(path, set())
        for hunk in _HUNK.finditer(section):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            # Lines only deleted: the lines on either side of the gap changed
            # their neighbour ("... include:" now followed by a heading).
            lines.update(range(start, start + count) if count else (max(start, 1), start + 1))


def _unquote(name: bytes) -> bytes:
    """A path as git quotes one with unusual characters: "a\\tb" (C escapes, octal bytes)."""
    name = name.rstrip(b"\t")
    if not (name.startswith(b'"') and name.endswith(b'"')):
        return name
    import codecs

    text = codecs.escape_decode(name[1:-1])[0]
    return text.removeprefix(b"b/")


def _git(arguments: list[str], where: str, what: str | None = None) -> bytes:
    try:
        run = subprocess.run(
            ["git", "-c", "core.quotepath=false", *arguments],
            cwd=where,
            capture_output=True,
            check=False,
        )
    except OSError as error:
        raise ChangesError(f"--changed-since needs git: {error.strerror or error}") from None
    if run.returncode != 0:
        reason = run.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = reason[-1] if reason else f"git {arguments[0]} failed"
        if what is not None:
            detail = f"no commit {what!r} in the repository ({detail})"
        raise ChangesError(f"--changed-since: {detail}")
    return run.stdout
