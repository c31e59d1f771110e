"""Stored evidence: random names, private permissions, atomic writes, no path traversal."""

from __future__ import annotations

import re
import stat

import pytest

from aduan.core.errors import NotFound
from aduan.intake import storage
from aduan.intake.storage import delete_stored, open_stored, store
from aduan.intake.uploads import CleanFile


@pytest.fixture
def upload_dir(settings, tmp_path):
    settings.ADUAN_UPLOAD_DIR = tmp_path / "var" / "uploads"
    return settings.ADUAN_UPLOAD_DIR


def clean_file(content=b"%PDF-isi", extension="pdf"):
    return CleanFile(
        content=content,
        content_type="application/pdf",
        extension=extension,
        sha256="0" * 64,
        original_size=len(content),
    )


def test_store_writes_private_file_under_random_name(upload_dir):
    name = store(clean_file(b"bukti satu"))
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}\.pdf", name)
    path = upload_dir / name
    assert path.read_bytes() == b"bukti satu"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(upload_dir.stat().st_mode) == 0o700
    assert [p.name for p in upload_dir.iterdir()] == [name]  # no temporary file left behind


def test_names_are_random_and_never_reused(upload_dir):
    names = {store(clean_file(b"sama")) for _ in range(20)}
    assert len(names) == 20


def test_open_stored_round_trip(upload_dir):
    name = store(clean_file(b"\x00\x01 biner"))
    assert open_stored(name) == b"\x00\x01 biner"


def test_open_missing_is_not_found(upload_dir):
    upload_dir.mkdir(parents=True)
    with pytest.raises(NotFound):
        open_stored("A" * 32 + ".pdf")


BAD_NAMES = [
    "../rahasia.pdf",
    "../../etc/passwd",
    "/etc/passwd",
    "..",
    "",
    "a/" + "A" * 32 + ".pdf",
    "A" * 32 + ".pdf/..",
    "A" * 32 + ".exe",
    "A" * 32 + ".PDF",
    "A" * 32 + ".pdf\x00.jpg",
    "A" * 32 + ".pdf\n",
    ".." + "A" * 30 + ".pdf",
    "A" * 32,
    "short.pdf",
]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_traversal_and_malformed_names_are_rejected(upload_dir, name):
    with pytest.raises(ValueError):
        open_stored(name)
    assert delete_stored(name) is False


def test_delete_cannot_reach_outside_the_directory(upload_dir, tmp_path):
    upload_dir.mkdir(parents=True)
    victim = tmp_path / "var" / ("V" * 32 + ".pdf")
    victim.write_bytes(b"jangan dihapus")
    assert delete_stored("../" + victim.name) is False
    assert victim.exists()


def test_delete_stored_is_best_effort(upload_dir):
    name = store(clean_file())
    assert delete_stored(name) is True
    assert not (upload_dir / name).exists()
    assert delete_stored(name) is False  # already gone: no error


def test_symlink_in_upload_dir_is_not_followed(upload_dir, tmp_path):
    upload_dir.mkdir(parents=True)
    outside = tmp_path / "luar.txt"
    outside.write_bytes(b"di luar")
    (upload_dir / ("L" * 32 + ".pdf")).symlink_to(outside)
    with pytest.raises(OSError):
        open_stored("L" * 32 + ".pdf")


def test_upload_dir_inside_static_root_is_refused(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.ADUAN_UPLOAD_DIR = tmp_path / "static" / "uploads"
    with pytest.raises(RuntimeError):
        store(clean_file())


def test_default_upload_dir_is_outside_static_root(settings):
    from pathlib import Path

    upload = Path(settings.ADUAN_UPLOAD_DIR).resolve()
    assert not upload.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    assert upload.parts[-2:] == ("var", "uploads")


def test_unknown_extension_is_refused(upload_dir):
    with pytest.raises(ValueError):
        storage.store_bytes(b"x", "exe")
