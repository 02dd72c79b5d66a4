"""Paths as CI services want them: relative to the repository's root.

GitLab matches a Code Quality issue's path, and GitHub code scanning a SARIF
result's URI, against the repository's files: a path relative to the working
directory is wrong as soon as medlint runs in a subdirectory.
"""

from __future__ import annotations

import os


def repository_root(start: str) -> str | None:
    """The nearest directory at or above ``start`` holding ``.git`` (a
    directory, or a file in a worktree or submodule), else None."""
    directory = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def inside_root(path: str, root: str) -> str | None:
    """``path`` relative to ``root``, with forward slashes; None when it is
    outside it (or on another drive)."""
    try:
        relative = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative.replace(os.sep, "/")


def repository_path(path: str, root: str | None) -> str:
    """``path`` relative to the repository's root, with forward slashes;
    as named when there is no repository or the file is outside it."""
    relative = inside_root(path, root) if root is not None else None
    return path.replace(os.sep, "/") if relative is None else relative
