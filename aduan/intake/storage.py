"""Where cleaned evidence files live: ``settings.ADUAN_UPLOAD_DIR`` (var/uploads), outside the web
root, under random names, readable only by the service user (directory 0700, files 0600).

Files are never served by the web server; views read them with ``open_stored`` after checking who
may see the case. Names come from the database, never from a request, and are still checked
strictly so a tampered row cannot reach outside the directory.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from pathlib import Path

from django.conf import settings

from aduan.core.errors import NotFound
from aduan.core.files import write_private_file

from .uploads import EXTENSIONS, CleanFile

# Files sealed with a WBS case key are opaque bytes: no type to tell from the name.
SEALED_EXTENSION = "bin"
ALLOWED_EXTENSIONS = frozenset(EXTENSIONS.values()) | {SEALED_EXTENSION}
_NAME = re.compile(r"\A[A-Za-z0-9_-]{16,64}\.(?:" + "|".join(sorted(ALLOWED_EXTENSIONS)) + r")\Z")


def upload_dir() -> Path:
    return Path(getattr(settings, "ADUAN_UPLOAD_DIR", Path(settings.BASE_DIR) / "var" / "uploads"))


def is_valid_name(name: object) -> bool:
    return isinstance(name, str) and _NAME.fullmatch(name) is not None


def _ensure_dir() -> Path:
    directory = upload_dir()
    static_root = getattr(settings, "STATIC_ROOT", None)
    if static_root and directory.resolve().is_relative_to(Path(static_root).resolve()):
        raise RuntimeError("ADUAN_UPLOAD_DIR must not be inside STATIC_ROOT")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(PermissionError):  # not ours to change: leave it to the operator
        directory.chmod(0o700)
    return directory


def store(clean: CleanFile) -> str:
    """Write ``clean.content`` atomically under a new random name; return that name."""
    return store_bytes(clean.content, clean.extension)


def store_bytes(content: bytes, extension: str) -> str:
    """As ``store``, for bytes already prepared by the caller (e.g. encrypted for a WBS case)."""
    if extension not in ALLOWED_EXTENSIONS:
        raise ValueError("extension not allowed")
    directory = _ensure_dir()
    name = f"{secrets.token_urlsafe(24)}.{extension}"
    write_private_file(directory, name, content)
    return name


def open_stored(storage_name: str) -> bytes:
    """The bytes of a stored file. A malformed name → ValueError; a missing file → NotFound."""
    if not is_valid_name(storage_name):
        raise ValueError("invalid storage name")
    path = upload_dir() / storage_name
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise NotFound("Berkas tidak ditemukan.") from None
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def delete_stored(storage_name: str) -> bool:
    """Best effort (cleanup after a failed transaction): True if a file was removed."""
    if not is_valid_name(storage_name):
        return False
    try:
        (upload_dir() / storage_name).unlink()
    except OSError:
        return False
    return True
