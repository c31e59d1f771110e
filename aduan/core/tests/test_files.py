import os
import stat

import pytest

from aduan.core import files
from aduan.core.files import write_private_file


@pytest.fixture
def directory(tmp_path):
    path = tmp_path / "private"
    path.mkdir(mode=0o700)
    return path


def test_writes_private_file_and_leaves_no_temporary(directory):
    old = os.umask(0o277)  # the file is 0600 exactly, whatever the umask
    try:
        write_private_file(directory, "laporan.pdf", b"isi berkas")
    finally:
        os.umask(old)
    path = directory / "laporan.pdf"
    assert path.read_bytes() == b"isi berkas"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in directory.iterdir()] == ["laporan.pdf"]


def test_replaces_an_existing_file(directory):
    write_private_file(directory, "a.bin", b"lama")
    write_private_file(directory, "a.bin", b"baru")
    assert (directory / "a.bin").read_bytes() == b"baru"


def test_failed_write_removes_the_temporary_and_raises(directory, monkeypatch):
    def fail(src, dst):
        raise OSError("disk penuh")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(OSError, match="disk penuh"):
        write_private_file(directory, "a.bin", b"isi")
    assert list(directory.iterdir()) == []


def test_directory_is_fsynced_after_the_rename(directory, monkeypatch):
    synced = []
    monkeypatch.setattr(files, "_fsync_dir", synced.append)
    write_private_file(directory, "a.bin", b"isi")
    assert synced == [directory]


def test_missing_directory_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_private_file(tmp_path / "tidak-ada", "a.bin", b"isi")
