"""Where the monthly report files live: settings.ADUAN_REPORT_DIR (var/reports), outside the
web root, readable only by the service user (directory 0700, files 0600). Names are made here
and come back from the database, and are still checked strictly before a file is opened."""

from __future__ import annotations

import contextlib
import re
import secrets
from pathlib import Path

from django.conf import settings

from aduan.core.errors import NotFound
from aduan.core.files import write_private_file

EXTENSIONS = ("pdf", "xlsx")
_NAME = re.compile(r"\Alaporan-bulanan-\d{4}-\d{2}-[A-Za-z0-9_-]{8,32}\.(?:pdf|xlsx)\Z")


def report_dir() -> Path:
    return Path(settings.ADUAN_REPORT_DIR)


def is_valid_name(name: object) -> bool:
    return isinstance(name, str) and _NAME.fullmatch(name) is not None


def write_report_file(year: int, month: int, extension: str, content: bytes) -> str:
    """Writes atomically under a new name; returns the name."""
    if extension not in EXTENSIONS:
        raise ValueError("extension not allowed")
    directory = report_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = f"laporan-bulanan-{year:04d}-{month:02d}-{secrets.token_urlsafe(9)}.{extension}"
    write_private_file(directory, name, content)
    return name


def report_path(name: str) -> Path:
    """The path of a stored report file; NotFound when the name is malformed or the file gone."""
    if not is_valid_name(name):
        raise NotFound()
    path = report_dir() / name
    if not path.is_file():
        raise NotFound()
    return path


def delete_report_file(name: str) -> None:
    if is_valid_name(name):
        with contextlib.suppress(FileNotFoundError):
            (report_dir() / name).unlink()
