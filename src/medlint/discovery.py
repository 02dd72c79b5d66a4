"""Which files a run checks.

A file named on the command line is checked, unless ``--force-exclude`` is
given (the pre-commit hook gives it): then the config decides for it too.
Directories are walked for articles: files matching the config's ``include``
globs (by default every suffix medlint reads), minus its ``exclude`` globs,
minus the files of a repository that are not articles (``default_excluded``:
the top level's README, CHANGELOG, LICENSE and the like; issue and
pull-request templates) unless the config says ``default-exclude: false``, and minus
whatever the repository's ``.gitignore`` files ignore. Hidden directories
(``.git``, ``.github``) and ``node_modules`` are never walked. Paths are
reported as the user named them.

Only regular files are checked: a FIFO would block the run when opened, and
a device such as ``/dev/zero`` never ends. A walk passes over them silently;
one named on the command line is skipped with a note (``skipped``). Nothing
here opens a file that is not regular: ``os.stat`` decides.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from medlint.errors import ConfigError
from medlint.parsing import ARTICLE_SUFFIXES
from medlint.reading import FileTooLarge, read_bytes

#: Every suffix medlint reads as an article, as include globs.
DEFAULT_INCLUDE = tuple(f"*{suffix}" for suffix in sorted(ARTICLE_SUFFIXES))
#: What DEFAULT_INCLUDE's globs match, tested without them (a walk asks for
#: every file): a name, of the file or of a folder above it, ending so.
_DEFAULT_SUFFIXES = tuple(sorted(ARTICLE_SUFFIXES))
SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__"})
#: The file ``medlint report`` leaves in the folder it writes: a walk does not
#: enter a folder that holds it (its index.html is not an article).
REPORT_MARKER = ".medlint-report"
#: Files of a content repository that are not articles (``default_excluded``;
#: ``default-exclude: false`` in the config checks them too): at the top of
#: the project, files named so before their first dot, in any case
#: ("README.md", "readme.en.md", "LICENSE"; a README in a subfolder may be a
#: page, GitBook's are; "history-of-vaccines.md" is an article) ...
TOP_LEVEL_STEMS = frozenset(
    """readme changelog changes history contributing code_of_conduct security support
    governance license licence copying authors notice codeowners requirements""".split()
)
#: ... or beginning so ("LICENSE-MIT", "requirements-dev.txt") ...
TOP_LEVEL_PREFIXES = ("license-", "licence-", "copying-", "requirements-", "requirements_")
#: ... these files at the top ...
TOP_LEVEL_NAMES = frozenset({"robots.txt", "humans.txt"})
#: ... and what is in these directories at the top ...
TOP_LEVEL_DIRECTORIES = frozenset({".github", ".gitlab"})
#: ... and, anywhere, issue and pull-request templates (files, or folders of them).
TEMPLATE_PREFIXES = ("pull_request_template", "issue_template", "merge_request_template")


def default_excluded(relative: str) -> bool:
    """Whether a path relative to the project root (posix) is one of a
    repository's own files, not an article. (Plain string tests, not globs:
    a walk asks for each of thousands of files.)"""
    parts = relative.lower().split("/")
    if any(part.startswith(TEMPLATE_PREFIXES) for part in parts):
        return True
    if len(parts) == 1:
        name = parts[0]
        return (
            name.split(".", 1)[0] in TOP_LEVEL_STEMS
            or name.startswith(TOP_LEVEL_PREFIXES)
            or name in TOP_LEVEL_NAMES
        )
    return parts[0] in TOP_LEVEL_DIRECTORIES


MAX_GITIGNORE_BYTES = 1024**2


def gitignore_spec(lines: Sequence[str]):
    """gitignore-style patterns, compiled by pathspec (imported on first use:
    a pre-commit run names its files and never walks a directory)."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def invalid_glob(glob: str) -> str | None:
    """Why pathspec cannot compile a glob (a lone ``!``, a range ``[z-a]``), or None."""
    try:
        gitignore_spec([glob])
    except Exception as error:  # pathspec's GitIgnorePatternError, or re.error
        return str(error)
    return None


@dataclass
class Selection:
    """The config's include/exclude globs, relative to the project root.
    ``origin`` (the config file) is named when a glob does not compile."""

    root: Path
    include: Sequence[str] = DEFAULT_INCLUDE
    exclude: Sequence[str] = ()
    origin: object = "config"
    #: Leave out the repository's own files too (``default_excluded``; the
    #: config's ``default-exclude``).
    default_exclude: bool = True

    @cached_property
    def _include(self):
        return self._compile(self.include, "include")

    @cached_property
    def _exclude(self):
        return self._compile(self.exclude, "exclude")

    def _compile(self, globs: Sequence[str], key: str):
        try:
            return gitignore_spec(globs)
        except Exception:
            for glob in globs:
                problem = invalid_glob(glob)
                if problem:
                    message = f"{key}: {glob!r} is not a glob pattern ({problem})"
                    raise ConfigError(self.origin, message) from None
            raise

    @cached_property
    def resolved_root(self) -> Path:
        return self.root.resolve()

    def wanted(self, path: Path) -> bool:
        return self.wanted_relative(*_place(path, self.resolved_root))

    def wanted_relative(self, relative: str, inside: bool = True) -> bool:
        """``wanted`` for a path already made relative to the root (posix).
        ``inside``: the path is in the project (outside it, ``relative`` is
        the name alone, and the repository's own files are not known)."""
        if inside and self.default_exclude and default_excluded(relative):
            return False
        if self.include == DEFAULT_INCLUDE:  # "*.md" and the like: as the globs match
            included = any(part.endswith(_DEFAULT_SUFFIXES) for part in relative.split("/"))
        else:
            included = self._include.match_file(relative)
        return included and not (self.exclude and self._exclude.match_file(relative))

    def excluded_directory(self, path: Path) -> bool:
        relative, inside = _place(path, self.resolved_root)
        if self.default_exclude and inside and default_excluded(relative + "/"):
            return True
        return bool(self.exclude) and self._exclude.match_file(relative + "/")

    def excluded_path(self, path: Path) -> bool:
        """Whether a named file is left out by ``--force-exclude``: not an
        included file, or an excluded one, or inside an excluded directory."""
        relative, inside = _place(path, self.resolved_root)
        if not self.wanted_relative(relative, inside):
            return True
        # Hidden, or in node_modules: a walk never goes there (the names from
        # the root; outside the project, as the path was written).
        names = relative.split("/") if inside else Path(os.path.normpath(path)).parts
        if names[-1].startswith(".") or any(_skipped_name(n) for n in names[:-1]):
            return True
        parts = relative.split("/")[:-1]
        return bool(self.exclude) and any(
            self._exclude.match_file("/".join(parts[: n + 1]) + "/") for n in range(len(parts))
        )


def discover(
    paths: Sequence[str],
    selection: Selection,
    skipped: list[str] | None = None,
    force_exclude: bool = False,
) -> list[str]:
    """The files to check, as the user named them, sorted and without repeats.
    A named path that is not a regular file (a FIFO, a device) is left out
    and added to ``skipped``. A named file is checked whatever the config
    says, unless ``force_exclude``: then include and exclude decide."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found.extend(_walk(path, selection))
        elif force_exclude and selection.excluded_path(Path(path)):
            continue
        elif _regular_or_missing(path):
            found.append(os.path.normpath(path))  # named explicitly: checked
        elif skipped is not None:
            skipped.append(path)
    return sorted(dict.fromkeys(found))


def _regular_or_missing(path: str) -> bool:
    """Not a FIFO, device or socket. A path that cannot be looked at (a broken
    symbolic link) is kept: the run reports it as unreadable."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return True


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
            and not os.path.exists(os.path.join(here, d, REPORT_MARKER))
        )
        # The directory is resolved once; a file is resolved on its own only
        # when it is a symbolic link (resolving every file was most of a
        # warm run's time on a big site). Same result as _place(full).
        try:
            in_root = here.relative_to(selection.resolved_root).as_posix()
        except ValueError:
            in_root = None  # outside the project: globs see the name alone
        here_text = str(here)
        for name in sorted(files):
            if name.startswith("."):  # hidden: medlint's own .medlint-words.txt, editors' files
                continue
            full = os.path.join(here_text, name)
            inside = in_root is not None
            if os.path.islink(full):
                relative, inside = _place(Path(full), selection.resolved_root)
            elif in_root is None or in_root == ".":
                relative = name
            else:
                relative = f"{in_root}/{name}"
            if (
                selection.wanted_relative(relative, inside)
                and not (ignores.specs and ignores.ignored(Path(full), is_dir=False))
                and _regular_or_missing(full)
            ):
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
            data = read_bytes(gitignore, MAX_GITIGNORE_BYTES)
        except FileTooLarge as error:
            raise ConfigError(
                gitignore, f"{error.describe()}, the limit for a .gitignore"
            ) from None
        except OSError:  # missing, unreadable, or not a regular file: no patterns
            return
        self.specs[directory] = _lenient_spec(data.decode("utf-8", errors="replace").splitlines())

    def ignored(self, path: Path, is_dir: bool) -> bool:
        text = str(path)
        for base, spec in self.specs.items():
            inside = str(base).rstrip(os.sep) + os.sep  # (as "base in path.parents", by text)
            if not text.startswith(inside) or text == inside:
                continue
            relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            if spec.match_file(relative):
                return True
        return False


def _lenient_spec(lines: list[str]):
    """The patterns of a .gitignore; like git, leave out a line that is not a
    pattern (a lone ``\\``, a bad range ``[z-a]``) instead of failing."""
    try:
        return gitignore_spec(lines)
    except Exception:  # pathspec's GitIgnorePatternError, or re.error
        return gitignore_spec([line for line in lines if invalid_glob(line) is None])


def _repository_root(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def _skipped_name(name: str) -> bool:
    """A name a walk never enters or checks: hidden, or a dependency folder."""
    return (name.startswith(".") and name not in (".", "..")) or name in SKIPPED_DIRECTORIES


def _place(path: Path, resolved_root: Path) -> tuple[str, bool]:
    """The path relative to the (resolved) project root, posix, and whether it
    is inside the project at all; outside, globs see the name alone."""
    try:
        return path.resolve().relative_to(resolved_root).as_posix(), True
    except ValueError:
        return path.name, False
