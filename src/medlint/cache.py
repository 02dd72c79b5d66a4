"""The results cache: an article's findings kept by what they depend on, so
that a run over unchanged articles re-checks nothing.

An entry is keyed by the settings' fingerprint (medlint's version and the
versions of the libraries that parse and judge the text, every active rule
with its severity, message and options, what the checks know of the run,
the contents of the word files the rules read, ``--today`` when a date rule
runs), the file's path (per-file-ignores and the report depend on it) and
its bytes. It holds the file's findings and what the project rules collected
from it (copied-paragraph's paragraph fingerprints), nothing else. Like ruff's, the cache
lives in ``.medlint_cache/`` at the project root, with a ``.gitignore`` of its
own, and is bounded (the oldest entries go when it holds more than
``MAX_ENTRIES``).

It is never an error: an entry that cannot be read (corrupt, cut short by a
killed run, from another version) is a miss; a directory that cannot be
written is no cache. Entries are written to a temporary file and renamed,
so a killed run leaves no entry that a later one trusts (a stray temporary
file is never read, and is removed when the cache is pruned).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

from medlint import __version__
from medlint.findings import Finding

DIRECTORY = ".medlint_cache"
#: The layout of the entries; a new one starts a new subdirectory.
LAYOUT = "v2"
MAX_ENTRIES = 50_000
#: What the parsers and checks are built on: a new version may read a text otherwise.
LIBRARIES = (
    "markdown-it-py",
    "ruamel.yaml",
    "regex",
    "pyphen",
    "pyspellchecker",
    "python-dateutil",
)
_GITIGNORE = "# Made by medlint: its results cache is not for version control.\n*\n"


def library_versions() -> list[str]:
    """The installed version of each library in LIBRARIES, read from the
    names of the ``*.dist-info`` (or ``*.egg-info``) directories on
    ``sys.path``, the first one found as imports find them. (Not through
    importlib.metadata: importing it costs a one-file run 25 ms.)"""
    wanted = {_normal(name): name for name in LIBRARIES}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for item in names:
            stem, dot, suffix = item.rpartition(".")
            if not dot or suffix not in ("dist-info", "egg-info") or "-" not in stem:
                continue
            name, _, version = stem.partition("-")
            library = wanted.get(_normal(name))
            if library is not None and library not in found:
                found[library] = version.partition("-")[0]
    return [f"{name}={found.get(name, 'none')}" for name in LIBRARIES]


def _normal(name: str) -> str:
    """A distribution name as installers write it (PEP 503, then "_")."""
    return re.sub(r"[-_.]+", "_", name).lower()


def code_stamp() -> str:
    """The size and time of each of medlint's own files: a changed checkout
    (a developer's, between versions) is a new cache, not a stale one."""
    package = Path(__file__).resolve().parent
    stamps = []
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".txt") and "__pycache__" not in path.parts:
            try:
                info = path.stat()
            except OSError:
                continue
            stamps.append(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    return ";".join(stamps)


@lru_cache(maxsize=1)
def _installation() -> tuple[str, ...]:
    """medlint's version and code, Python's version and the libraries': read
    once a process (a run takes two fingerprints; the code that runs is the
    code that was there when it started)."""
    return (__version__, code_stamp(), sys.version, *library_versions())


def fingerprint(parts: Iterable[str]) -> str:
    """A digest of everything (given as text) that changes results, with
    medlint's version and code, Python's version and the libraries'."""
    digest = hashlib.sha256()
    for part in [*_installation(), *parts]:
        digest.update(part.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """The contents of a file a rule reads (a word list), or that it is absent."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        return f"unreadable: {error.errno}"


class ResultCache:
    """Findings by (settings, path, bytes), in files under ``directory``."""

    def __init__(self, directory: Path, settings: str) -> None:
        self.directory = directory
        self.entries = directory / LAYOUT
        self._entries_text = str(self.entries)
        self.settings = settings
        self.writable = True
        self._known_files: dict | None = None
        self._files_changed = False

    def key(self, path: str, data: bytes, ignored: Iterable[str]) -> str:
        """The name of the file's entry: a digest of the settings, the path,
        the rules per-file-ignores silences there, and the bytes."""
        digest = hashlib.sha256()
        for part in (self.settings, path, ",".join(sorted(ignored))):
            digest.update(part.encode("utf-8", "surrogateescape"))
            digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, path: str, data: bytes, ignored: Iterable[str]) -> Path:
        return self._path_of(self.key(path, data, ignored))

    def _path_of(self, key: str) -> Path:
        return self.entries / key[:2] / key

    def get(
        self, path: str, data: bytes, ignored: Iterable[str]
    ) -> tuple[list[Finding], Mapping[str, tuple]] | None:
        """The findings and collected prints kept for the file, or None (never
        kept, or unreadable)."""
        return self.get_entry(self.key(path, data, ignored))

    def get_entry(self, key: str) -> tuple[list[Finding], Mapping[str, tuple]] | None:
        """The findings and prints of the entry named ``key``, or None. The
        prints are unpickled when first used (``KeptPrints``): a warm run
        whose project phase is kept too never reads them."""
        try:  # (plain strings and open(): a warm run reads thousands of entries)
            name = os.path.join(self._entries_text, key[:2], key)
            with open(name, "rb") as stored_file:
                stored = pickle.loads(stored_file.read())
        except Exception:  # noqa: BLE001 - absent, cut short, corrupt, another layout: a miss
            return None
        if (
            not isinstance(stored, tuple)
            or len(stored) != 3
            or stored[0] != self.settings
            or not isinstance(stored[1], list)
            or not all(isinstance(f, Finding) for f in stored[1])
            or not isinstance(stored[2], bytes)
        ):
            return None
        return stored[1], KeptPrints(stored[2], entry=name)

    def put(
        self,
        path: str,
        data: bytes,
        ignored: Iterable[str],
        findings: list[Finding],
        prints: Mapping[str, tuple] | None = None,
    ) -> None:
        """Keep the file's findings (and prints); a cache that cannot be
        written is left alone."""
        self.put_entry(self.key(path, data, ignored), findings, prints)

    def put_entry(
        self, key: str, findings: list[Finding], prints: Mapping[str, tuple] | None = None
    ) -> None:
        """``put``, for an entry whose key the caller has (``key``)."""
        kept = pickle.dumps(dict(prints), protocol=5) if prints else b""
        self._store(self._path_of(key), (self.settings, findings, kept))

    def _store(self, entry: Path, stored: object) -> None:
        """Write an entry through a temporary file and a rename: a killed
        run leaves no entry cut short (the temporary is never read)."""
        if not self.writable:
            return
        temporary = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
        try:
            self._make_directory()
            entry.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(pickle.dumps(stored, protocol=5))
            os.replace(temporary, entry)
        except OSError:
            self.writable = False
            with contextlib.suppress(OSError):
                temporary.unlink()

    # The project phase (copied-paragraph) compares every article of the
    # project. A run that names only some (pre-commit) takes the others as
    # the cache last saw them: ``project_files`` maps each article checked
    # with these settings (by its absolute path) to how it looked then (see
    # below) and its entry; an article that looks otherwise now is left out.
    # The phase's own result is kept by the entries it read.

    # The files last read, so that a warm run need not read them again:
    # (absolute path, path as named) -> (how it looked before the read: size,
    # time and change time in ns, inode and device; the rules silenced for
    # it; its entry's key). A file's change time changes whenever its bytes
    # do (a restored time does not restore it), so a file that looks the same
    # is the one the entry was made from; anything else is read and looked up
    # by its bytes. A file that had changed within seconds of being looked
    # at is not recorded (it could change again within the same tick of the
    # clock: ``runner.RECENT_NS``). A cache restored on another machine (CI)
    # matches nothing: the files are read.

    def _files_index(self) -> Path:
        return self.entries / "project" / f"read-{self.settings[:32]}"

    def _files(self) -> dict:
        if self._known_files is None:
            try:
                stored = pickle.loads(self._files_index().read_bytes())
            except Exception:  # noqa: BLE001 - absent or unreadable: none known
                stored = None
            valid = isinstance(stored, tuple) and len(stored) == 2 and stored[0] == self.settings
            self._known_files = stored[1] if valid and isinstance(stored[1], dict) else {}
        return self._known_files

    def known_key(self, path: str, looked: tuple[int, ...], ignored: str) -> str | None:
        """The entry of a file read before, unchanged since, or None."""
        record = self._files().get((os.path.abspath(path), path))
        if (
            isinstance(record, tuple)
            and len(record) == 3
            and record[0] == looked
            and record[1] == ignored
            and isinstance(record[2], str)
        ):
            return record[2]
        return None

    def note_file(self, path: str, looked: tuple[int, ...], ignored: str, key: str) -> None:
        """Record that ``path``, as it was looked at, has the entry ``key``
        (last among the records: the oldest go first when there are too many)."""
        files = self._files()
        name = (os.path.abspath(path), path)
        if files.get(name) != (looked, ignored, key):
            files.pop(name, None)
            files[name] = (looked, ignored, key)
            self._files_changed = True

    def save_files(self) -> None:
        """Keep the record of files, when the run changed it (at most
        MAX_ENTRIES files: the oldest records go first)."""
        if not self._files_changed or self._known_files is None:
            return
        files = self._known_files
        if len(files) > MAX_ENTRIES:
            files = dict(list(files.items())[-MAX_ENTRIES:])
        self._store(self._files_index(), (self.settings, files))
        self._files_changed = False

    def _project_index(self) -> Path:
        return self.entries / "project" / f"files-{self.settings[:32]}"

    def project_files(self) -> dict[str, tuple[tuple[int, ...], str]]:
        """Absolute path -> (how it looked, entry key), or {}: records as they
        were stored, for the caller to check (``runner._project_phase``)."""
        try:
            stored = pickle.loads(self._project_index().read_bytes())
        except Exception:  # noqa: BLE001 - absent or unreadable: none known
            return {}
        if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != self.settings:
            return {}
        return stored[1] if isinstance(stored[1], dict) else {}

    def save_project_files(self, files: dict[str, tuple[tuple[int, ...], str]]) -> None:
        self._store(self._project_index(), (self.settings, files))

    def _project_result(self, key: str) -> Path:
        return self.entries / "project" / f"result-{key}"

    def project_result(self, key: str) -> list[Finding] | None:
        try:
            stored = pickle.loads(self._project_result(key).read_bytes())
        except Exception:  # noqa: BLE001 - a miss
            return None
        if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != self.settings:
            return None
        findings = stored[1]
        if not isinstance(findings, list) or not all(isinstance(f, Finding) for f in findings):
            return None
        return findings

    def keep_project_result(self, key: str, findings: list[Finding]) -> None:
        self._store(self._project_result(key), (self.settings, findings))

    def _make_directory(self) -> None:
        """Make the cache's directories, each with a ``.gitignore`` of ``*``;
        but a directory that was there before (``--cache-dir docs``) gets
        none: it would hide its articles from git and from medlint."""
        if (self.entries / ".gitignore").is_file():
            return
        if not self.directory.exists():
            try:
                self.directory.mkdir(parents=True)
            except FileExistsError:
                pass  # made just now by another worker of the run, which writes its .gitignore
            else:
                (self.directory / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")
        self.entries.mkdir(parents=True, exist_ok=True)
        (self.entries / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")
        self._remove_old_layouts()

    def _remove_old_layouts(self) -> None:
        """The folders of other layouts (``v1`` beside ``v2``), which no
        version reads once this one writes: only folders medlint made (their
        ``.gitignore`` is its own), so a user's ``v1`` folder stays."""
        for folder in self.directory.glob("v[0-9]*"):
            if folder.name == LAYOUT or not re.fullmatch(r"v\d+", folder.name):
                continue
            try:
                ours = (folder / ".gitignore").read_text(encoding="utf-8") == _GITIGNORE
            except (OSError, UnicodeDecodeError):
                continue
            if ours and folder.is_dir() and not folder.is_symlink():
                import shutil  # here: only an old layout's removal needs it

                shutil.rmtree(folder, ignore_errors=True)

    def prune(self, keep: int = MAX_ENTRIES) -> None:
        """Remove temporary files and, beyond ``keep`` entries, the oldest."""
        try:
            files = [p for p in self.entries.glob("*/*") if p.is_file()]  # not the .gitignore
        except OSError:
            return
        entries = []
        for path in files:
            try:
                if path.name.endswith(".tmp"):
                    if path.stat().st_mtime < _an_hour_ago():
                        path.unlink()
                    continue
                entries.append((path.stat().st_mtime, path))
            except OSError:
                continue
        if len(entries) <= keep:
            return
        entries.sort()
        for _, path in entries[: len(entries) - keep]:
            with contextlib.suppress(OSError):
                path.unlink()


class KeptPrints(Mapping):
    """An entry's prints (rule ID -> what the rule collected), unpickled
    when first used. They are most of an entry's bytes (every paragraph's
    words), and a warm run needs them only when the project phase is not
    kept. Prints that cannot be unpickled (the entry was whole, its inner
    bytes not: a disk fault) are none, never an error: the entry is removed
    (the next run checks the article again) and ``broken`` says so, so that
    the project phase does not keep a result made without them."""

    __slots__ = ("_data", "_prints", "_entry", "broken")

    def __init__(self, data: bytes, entry: str | None = None) -> None:
        self._data = data
        self._prints: dict[str, tuple] | None = None if data else {}
        self._entry = entry
        self.broken = False

    def _loaded(self) -> dict[str, tuple]:
        if self._prints is None:
            try:
                prints = pickle.loads(self._data)
                if not isinstance(prints, dict):
                    raise TypeError("not a dict")
            except Exception:  # noqa: BLE001 - see the class's docstring
                prints = {}
                self.broken = True
                if self._entry is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(self._entry)
            self._prints = prints
            self._data = b""
        return self._prints

    def __bool__(self) -> bool:  # (stored only when not empty: true until found broken)
        return self._prints is None or bool(self._prints)

    def __getitem__(self, rule: str) -> tuple:
        return self._loaded()[rule]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())

    def __reduce__(self):  # (sent, or kept again, as the plain dict it stands for)
        return dict, (self._loaded(),)


def _an_hour_ago() -> float:
    return time.time() - 3600
