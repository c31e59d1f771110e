"""Private files on local disk (evidence uploads, monthly reports): written so that a reader
never sees half a file and a crash right after the write does not lose it."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_private_file(directory: Path, name: str, content: bytes) -> None:
    """Writes `content` to directory/name, readable only by the service user (0600).

    A fresh temporary file in the same directory (O_EXCL, never following a link) is written
    and fsynced, then renamed over the name; the directory is fsynced so the rename survives a
    crash. On any error the temporary file is removed and the error raised. The directory must
    exist; the name is the caller's to make safe."""
    tmp = directory / f".tmp-{secrets.token_urlsafe(12)}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o600)  # exactly 0600, whatever the umask
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, directory / name)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(directory)


def _fsync_dir(directory: Path) -> None:
    """Best effort: some file systems and platforms cannot fsync a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
