"""Which files a run checks.

A file named on the command line is always checked. Directories are walked
for articles: files matching the config's ``include`` globs (by default
Markdown and plain text), minus its ``exclude`` globs and whatever the
repository's ``.gitignore`` files ignore. Hidden directories (``.git``) and
``node_modules`` are never walked. Paths are reported as the user named them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from medlint.parsing import MARKDOWN_SUFFIXES, TEXT_SUFFIXES

#: Every suffix medlint reads as an article, as include globs.
DEFAULT_INCLUDE = tuple(f"*{suffix}" for suffix in sorted(MARKDOWN_SUFFIXES | TEXT_SUFFIXES))
SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__"})


def gitignore_spec(lines: Sequence[str]):
    """gitignore-style patterns, compiled by pathspec (imported on first use:
    a pre-commit run names its files and never walks a directory)."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


@dataclass
class Selection:
    """The config's include/exclude globs, relative to the project root."""

    root: Path
    include: Sequence[str] = DEFAULT_INCLUDE
    exclude: Sequence[str] = ()

    @cached_property
    def _include(self):
        return gitignore_spec(self.include)

    @cached_property
    def _exclude(self):
        return gitignore_spec(self.exclude)

    def wanted(self, path: Path) -> bool:
        relative = _relative(path, self.root)
        return self._include.match_file(relative) and not self._exclude.match_file(relative)

    def excluded_directory(self, path: Path) -> bool:
        return bool(self.exclude) and self._exclude.match_file(_relative(path, self.root) + "/")


def discover(paths: Sequence[str], selection: Selection) -> list[str]:
    """The files to check, as the user named them, sorted and without repeats."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found.extend(_walk(path, selection))
        else:
            found.append(os.path.normpath(path))  # named explicitly: always checked
    return sorted(dict.fromkeys(found))


def _walk(directory: str, selection: Selection) -> Iterator[str]:
    ignores = _GitIgnores(Path(directory).resolve())
    for root, dirs, files in os.walk(directory):
        here = Path(root).resolve()
        ignores.enter(here)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in SKIPPED_DIRECTORIES
            and not ignores.ignored(here / d, is_dir=True)
            and not selection.excluded_directory(here / d)
        )
        for name in sorted(files):
            full = here / name
            if selection.wanted(full) and not ignores.ignored(full, is_dir=False):
                yield os.path.normpath(os.path.join(root, name))


class _GitIgnores:
    """The .gitignore files that apply while walking: those of the repository
    above the starting directory, and those met on the way down."""

    def __init__(self, start: Path) -> None:
        self.specs: dict = {}
        top = _repository_root(start)
        if top is not None:
            for directory in [*reversed(start.parents), start]:
                if directory == top or top in directory.parents:
                    self.enter(directory)

    def enter(self, directory: Path) -> None:
        if directory in self.specs:
            return
        gitignore = directory / ".gitignore"
        try:
            lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        self.specs[directory] = gitignore_spec(lines)

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for base, spec in self.specs.items():
            if base == path or base not in path.parents:
                continue
            relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            if spec.match_file(relative):
                return True
        return False


def _repository_root(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name
