"""Reading the files users and content repositories hand medlint: only
regular files, and never more than a limit.

A FIFO blocks whoever opens it until a writer comes, and ``/dev/zero`` never
ends, so a file is looked at (``os.stat``) before it is opened; it is opened
with ``O_NONBLOCK`` and looked at again (``fstat``) once open, so that a file
replaced by a FIFO in between cannot hang the run either. A file larger than
its limit is refused from its size alone, and at most limit + 1 bytes are
ever read (a file that grows while it is read is refused too), so a 2 GB
sparse file costs nothing.

Sizes in the config are bytes, or a string such as ``"10MB"`` or ``"512KB"``:
units are binary (1 KB = 1024 bytes) and may be written KiB, MiB, GiB too.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from typing import BinaryIO

#: The default ``max-file-size`` for an article.
DEFAULT_MAX_FILE_SIZE = 10 * 1024**2
#: A config or rule file in YAML (loading one costs about 15 s per MB with positions).
MAX_YAML_BYTES = 256 * 1024
#: ``pyproject.toml``.
MAX_TOML_BYTES = 1024**2
#: One word list: words-file, word-lists, dictionaries.
MAX_WORD_LIST_BYTES = 5 * 1024**2
#: Words in one word list, or in the ``words`` option (any list option, in fact).
MAX_WORDS = 500_000

_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:([kmg])i?)?(b?)\s*", re.IGNORECASE)


class NotRegularFile(OSError):
    """A FIFO, device, socket or directory where a file was expected."""

    def __init__(self, path: object, mode: int) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({kind(mode)})", str(path))


class FileTooLarge(OSError):
    """A file over its limit. ``size`` is None when the file grew past the
    limit while it was read (its size on disk said less)."""

    def __init__(self, path: object, size: int | None, limit: int) -> None:
        self.size, self.limit = size, limit
        super().__init__(errno.EFBIG, f"larger than {format_size(limit)}", str(path))

    def describe(self, limit_name: str = "") -> str:
        """ "it is 2 GB, larger than 10 MB" (or "it is larger than 10 MB"); with
        a ``limit_name``, "larger than max-file-size (10 MB)"."""
        size, limit = format_size(self.size or 0), format_size(self.limit)
        if size == limit:  # 1 byte over: "10 MB, larger than 10 MB" would say nothing
            size, limit = f"{self.size:,} bytes", f"{self.limit:,} bytes"
        size = f"{size}, " if self.size is not None else ""
        return f"it is {size}larger than " + (f"{limit_name} ({limit})" if limit_name else limit)


def kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a file"


def read_bytes(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Raises
    NotRegularFile, FileTooLarge, or the OSError of the system (a path with a
    NUL byte is an OSError too)."""
    return _read(path, limit, whole=True)


def read_head(path: str | os.PathLike, size: int) -> bytes:
    """The first ``size`` bytes (at most) of a regular file of any size."""
    return _read(path, size, whole=False)


def _read(path: str | os.PathLike, limit: int, whole: bool) -> bytes:
    try:
        info = os.stat(path)
    except ValueError as error:  # "embedded null byte"
        raise OSError(errno.EINVAL, f"not a valid path ({error})", str(path)) from None
    _check(path, info, limit if whole else None)
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        _check(path, info, limit if whole else None)  # the file may have changed since the stat
        wanted = limit + 1 if whole else limit
        chunks, total = [], 0
        while total < wanted:
            size = max(info.st_size - total + 1, 64 * 1024)  # one read for most files
            chunk = os.read(fd, min(size, wanted - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileTooLarge(path, None, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _check(path: object, info: os.stat_result, limit: int | None) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(path, info.st_mode)
    if limit is not None and info.st_size > limit:
        raise FileTooLarge(path, info.st_size, limit)


def read_stream(stream: BinaryIO, limit: int, name: str = "standard input") -> bytes:
    """At most ``limit`` bytes of a stream (standard input); FileTooLarge
    when there are more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(name, None, limit)
    return data


def parse_size(value: object) -> int:
    """A size from the config: a whole number of bytes, or a string such as
    "10MB", "512 KB", "1.5MiB", "4096". ValueError when it is not one, or is
    not at least one byte."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"expected a number of bytes or a size such as '10MB', got {value!r}")
    if isinstance(value, int):
        size = value
    else:
        match = _SIZE.fullmatch(value)
        if match is None or (match[2] is None and "." in match[1]):  # 1.5 bytes?
            raise ValueError(f"expected a size such as '10MB' or '512KB', got {value!r}")
        size = int(float(match[1]) * _UNITS[(match[2] or "").lower()])
    if size < 1:
        raise ValueError(f"must be at least 1 byte, got {value!r}")
    return size


def format_size(size: int) -> str:
    """1536 -> "1.5 KB", 10485760 -> "10 MB", 100 -> "100 bytes" (binary units)."""
    for unit, name in ((1024**3, "GB"), (1024**2, "MB"), (1024, "KB")):
        if size >= unit:
            value = size / unit
            text = f"{value:.0f}" if value == int(value) or value >= 100 else f"{value:.1f}"
            return f"{text.removesuffix('.0')} {name}"
    return f"{size} byte" + ("" if size == 1 else "s")
