"""Writing files without ever leaving half of one behind."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same directory, then rename: an
    interrupted run leaves the old file or the new one, never half of one.

    A symbolic link is followed (the file it names is written, the link stays),
    and the file keeps its mode and, where allowed, its owner.
    """
    target = Path(os.path.realpath(path))
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        if target.exists():
            shutil.copymode(target, temporary)
            _copy_owner(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _copy_owner(source: Path, destination: str) -> None:
    info = source.stat()
    # Not allowed (or not POSIX): the file keeps the writer's owner.
    with contextlib.suppress(OSError, AttributeError):
        os.chown(destination, info.st_uid, info.st_gid)
