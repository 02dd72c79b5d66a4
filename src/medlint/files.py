"""Writing fixed articles without ever losing or half-writing one.

``write_fixed`` writes the new bytes to a temporary file beside the article,
then renames it over the article: an interrupted run leaves the old file or
the new one, never half of one. It refuses, and says why, rather than:

* write a file that is not writable by the user (``chmod a-w``: the owner
  said "do not change this"), or one that is not a regular file;
* break a hard link: a rename would give this name new text while the other
  names keep the old. medlint does not rewrite a file with more than one
  link (apply ``--diff`` to it by hand instead);
* overwrite a change saved while medlint ran: the file is read again just
  before the rename, and when it is no longer the text that was checked, it
  is left alone (run medlint again).

A symbolic link is followed (the file it names is written, the link stays);
the file keeps its mode and, where allowed, its owner. The temporary file is
removed on every error path; a run killed mid-write (``kill -9``) can still
leave one, named ``.NAME.medlint-PID-XXXX.tmp``, which the next ``--fix`` run
in that directory recognises and removes once its process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from pathlib import Path

#: The temporary file of a write: ``.{name}.medlint-{pid}-{random}.tmp``.
_TEMPORARY = re.compile(r"\..+\.medlint-(?P<pid>\d+)-[0-9a-f]{8}\.tmp")
#: A temporary file older than this is stale, whatever its process.
_STALE_SECONDS = 24 * 3600


class WriteRefused(Exception):
    """The file was deliberately not written; the message says why."""


def temporary_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.medlint-{os.getpid()}-{secrets.token_hex(4)}.tmp")


def write_fixed(path: Path, expected: bytes, data: bytes) -> None:
    """Replace the file at ``path``, which must still hold ``expected``, with
    ``data``. Raises WriteRefused (nothing written, and why) or OSError (the
    write failed; nothing changed and no temporary file is left)."""
    target = Path(os.path.realpath(path))
    info = target.stat()
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused("it is not a regular file")
    if not _writable(target, info):
        raise WriteRefused("it is read-only")
    if info.st_nlink > 1:
        raise WriteRefused(
            f"it has {info.st_nlink} hard links, and rewriting it would split them "
            "(apply the changes of --diff by hand)"
        )
    temporary = temporary_name(target)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        with contextlib.suppress(OSError, AttributeError):  # not allowed, or not POSIX
            os.chown(temporary, info.st_uid, info.st_gid)
        if _current(target) != expected:
            raise WriteRefused("it changed while medlint ran (run medlint again)")
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file medlint owns (a cache) through a temporary file and a
    rename; no checks, as nobody else edits it."""
    temporary = temporary_name(path)
    try:
        with open(temporary, "xb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _writable(target: Path, info: os.stat_result) -> bool:
    """Whether the user may write the file by its permissions. The superuser
    may write anything, so for it a file with no write bit at all counts as
    read-only too."""
    if not os.access(target, os.W_OK):
        return False
    if os.geteuid() == 0:
        return bool(info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    return True


def _current(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except OSError:
        return None


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Remove the temporary files an interrupted write left in a directory:
    those whose process is gone, or that are older than a day. Returns them."""
    removed = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(match["pid"])
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS
        except OSError:
            continue
        if pid != os.getpid() and (old or not _alive(pid)):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
