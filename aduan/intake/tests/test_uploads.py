"""Evidence uploads (issue 3, item 3) with real files built in the tests (see files.py)."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from aduan.core.errors import PayloadTooLarge, ValidationFailed
from aduan.intake import uploads
from aduan.intake.tests import files
from aduan.intake.uploads import CleanFile, clean_upload, clean_uploads, sniff

SECRET = files.SECRET_NAME.encode()
TYPES = "JPEG, PNG, WebP, PDF, MP4, MP3, M4A, OGG"


def refused(exc_type, data, name="bukti.jpg", position=1):
    with pytest.raises(exc_type) as info:
        clean_upload(name, data, position=position)
    assert list(info.value.fields) == ["attachments"]
    assert info.value.fields["attachments"] == [info.value.message]
    assert info.value.message.startswith(f"Berkas ke-{position}: ")
    assert name not in info.value.message
    return info.value


# --- sniffing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", None),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00", "video/mp4"),
        (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00", "video/mp4"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00", "video/mp4"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", "audio/mp4"),
        (b"\x00\x00\x00\x20ftypM4B \x00\x00\x00\x00", "audio/mp4"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", None),  # HEIF image
        (b"\x00\x00\x00\x18ftypM4P \x00\x00\x00\x00", None),  # DRM
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", "audio/mpeg"),
        (b"\xff\xfb\x90\x64\x00\x00", "audio/mpeg"),
        (b"\xff\xf3\x48\xc4", "audio/mpeg"),  # MPEG-2 layer III
        (b"\xff\xf1\x50\x80", None),  # ADTS AAC: layer bits 00
        (b"OggS\x00\x02", "audio/ogg"),
        (b"\x7fELF\x02\x01\x01\x00", None),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),
        (b"<html><script>", None),
        (b"PK\x03\x04", None),
        (b"", None),
    ],
)
def test_sniff_judges_by_magic_bytes(head, expected):
    assert sniff(head) == expected


# --- images --------------------------------------------------------------------------------------


def test_jpeg_with_gps_comes_out_without_exif_and_upright():
    raw = files.jpeg_with_gps(size=(20, 10), orientation=6)
    assert b"Exif" in raw and SECRET in raw
    clean = clean_upload("IMG_20250101_rumah_siti.jpg", raw)

    assert b"Exif" not in clean.content
    assert SECRET not in clean.content
    img = Image.open(io.BytesIO(clean.content))
    assert img.format == "JPEG"
    assert img.size == (10, 20)  # orientation 6 applied before the EXIF went
    assert not img.getexif()
    assert not img.getexif().get_ifd(0x8825)  # no GPS IFD
    assert "exif" not in img.info and "comment" not in img.info
    # The left (blue) half of the stored image is the top after a 90° clockwise turn.
    top, bottom = img.convert("RGB").getpixel((5, 2)), img.getpixel((5, 17))
    assert top[2] > 150 > top[0]
    assert bottom[0] > 150 > bottom[2]


def test_clean_file_fields_and_no_name_kept():
    raw = files.jpeg_with_gps()
    clean = clean_upload("nama-pelapor.jpg", raw)
    assert isinstance(clean, CleanFile)
    assert clean.content_type == "image/jpeg" and clean.extension == "jpg"
    assert clean.original_size == len(raw)
    assert clean.sha256 == hashlib.sha256(clean.content).hexdigest()  # of the cleaned bytes
    assert clean.sha256 != hashlib.sha256(raw).hexdigest()
    assert "nama-pelapor" not in repr(clean)
    with pytest.raises(AttributeError):
        clean.content = b""  # frozen


def test_type_comes_from_content_not_name():
    clean = clean_upload("dokumen.pdf", files.png_with_text())
    assert clean.content_type == "image/png" and clean.extension == "png"


@pytest.mark.parametrize("mode", ["RGBA", "RGB", "L", "1", "LA"])
def test_png_round_trip_without_text_or_exif(mode):
    raw = files.png_with_text(mode=mode)
    assert SECRET in raw
    clean = clean_upload("a.png", raw)
    assert clean.content_type == "image/png"
    assert SECRET not in clean.content
    assert b"eXIf" not in clean.content and b"tEXt" not in clean.content
    img = Image.open(io.BytesIO(clean.content))
    assert (img.format, img.size, img.mode) == ("PNG", (16, 12), mode)
    assert not img.getexif()
    img.load()


def test_palette_png_with_transparency_keeps_alpha():
    src = Image.new("P", (8, 8), 0)
    src.putpalette([255, 0, 0, 0, 255, 0])
    out = io.BytesIO()
    src.save(out, "PNG", transparency=0)
    img = Image.open(io.BytesIO(clean_upload("p.png", out.getvalue()).content))
    assert img.mode == "RGBA" and img.getpixel((0, 0))[3] == 0


def test_webp_round_trip_without_exif_or_xmp():
    raw = files.webp_with_exif()
    assert SECRET in raw and b"EXIF" in raw
    clean = clean_upload("a.webp", raw)
    assert clean.content_type == "image/webp" and clean.extension == "webp"
    assert SECRET not in clean.content
    assert b"EXIF" not in clean.content and b"XMP " not in clean.content
    img = Image.open(io.BytesIO(clean.content))
    assert (img.format, img.size) == ("WEBP", (16, 12))
    assert not img.getexif() and "xmp" not in img.info


def test_cmyk_jpeg_becomes_rgb():
    out = io.BytesIO()
    Image.new("CMYK", (12, 12), (0, 255, 255, 0)).save(out, "JPEG")
    img = Image.open(io.BytesIO(clean_upload("c.jpg", out.getvalue()).content))
    assert img.mode == "RGB" and img.size == (12, 12)


def test_truncated_jpeg_is_refused():
    raw = files.jpeg_with_gps(size=(200, 100))
    error = refused(ValidationFailed, raw[: len(raw) // 2])
    assert "Gambar rusak" in error.message


def test_decompression_bomb_png_is_refused():
    bomb = files.png_claiming(30000, 30000)  # 900 megapixels in a few dozen bytes
    assert len(bomb) < 200
    error = refused(ValidationFailed, bomb, name="bom.png")
    assert "terlalu besar" in error.message and "40 megapiksel" in error.message


def test_tiny_file_claiming_many_pixels_under_the_limit_is_refused():
    sparse = files.sparse_png(6000)  # 36 MP (under 40 MP) in a few KB
    assert len(sparse) < 20_000
    refused(ValidationFailed, sparse, name="bom.png")


def test_pixel_limit_is_configurable(settings):
    settings.ADUAN_UPLOAD_MAX_PIXELS = 100
    error = refused(ValidationFailed, files.jpeg_with_gps(size=(20, 10)))
    assert "0.0001 megapiksel" in error.message


def test_pixel_limit_rejects_before_pillow_decodes(monkeypatch):
    def fail_load(self):
        raise AssertionError("decoded a bomb")

    monkeypatch.setattr("PIL.PngImagePlugin.PngImageFile.load", fail_load, raising=False)
    refused(ValidationFailed, files.png_claiming(30000, 30000))


# --- PDF -----------------------------------------------------------------------------------------


def test_pdf_author_and_xmp_are_removed():
    from pypdf import PdfReader

    raw = files.pdf_with_metadata(pages=2)
    assert SECRET in raw and b"XMP-PENANDA" in raw and b"KantorPribadi" in raw
    clean = clean_upload("laporan.pdf", raw)

    assert clean.content_type == "application/pdf" and clean.extension == "pdf"
    for marker in (SECRET, b"XMP-PENANDA", b"KantorPribadi", b"Bukti pungli", b"/Author"):
        assert marker not in clean.content
    assert b"/Producer" not in clean.content and b"pypdf" not in clean.content
    assert b"/Metadata" not in clean.content and b"/Info" not in clean.content
    reader = PdfReader(io.BytesIO(clean.content))
    assert len(reader.pages) == 2
    assert reader.metadata is None
    assert reader.xmp_metadata is None


def test_encrypted_pdf_is_refused():
    error = refused(ValidationFailed, files.pdf_with_metadata(password="rahasia"), "a.pdf")
    assert error.message == "Berkas ke-1: PDF terkunci sandi tidak dapat diterima."


@pytest.mark.parametrize(
    "raw", [b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", b"%PDF-1.7\n" + b"\x00" * 300]
)
def test_corrupt_pdf_is_refused(raw):
    error = refused(ValidationFailed, raw, "a.pdf")
    assert "PDF rusak" in error.message


# --- wrong types, sizes, counts ------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200,
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200,
        b"<html><script>alert('Siti Rahmah')</script></html>",
    ],
)
def test_executable_named_jpg_is_refused(raw):
    error = refused(
        ValidationFailed, SimpleUploadedFile("photo.jpg", raw, "image/jpeg"), "photo.jpg"
    )
    assert TYPES in error.message
    assert "Siti" not in error.message  # never echoes content


def test_empty_file_is_refused():
    error = refused(ValidationFailed, SimpleUploadedFile("kosong.jpg", b""), "kosong.jpg")
    assert error.message == "Berkas ke-1: Berkas kosong."


def test_oversized_file_is_413_with_default_limit():
    raw = b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024 - 2)
    error = refused(PayloadTooLarge, SimpleUploadedFile("besar.jpg", raw), "besar.jpg")
    assert error.status == 413
    assert error.message == "Berkas ke-1: Berkas terlalu besar (maksimal 10 MB per berkas)."


def test_size_limit_is_configurable_and_inclusive(settings):
    raw = files.mp3_with_title(frames=3)
    settings.ADUAN_UPLOAD_MAX_BYTES = len(raw)
    assert clean_upload("a.mp3", raw).content_type == "audio/mpeg"
    assert clean_upload("a.mp3", SimpleUploadedFile("a.mp3", raw)).original_size == len(raw)
    settings.ADUAN_UPLOAD_MAX_BYTES = len(raw) - 1
    for data in (raw, SimpleUploadedFile("a.mp3", raw), io.BytesIO(raw)):
        assert refused(PayloadTooLarge, data).status == 413


class EndlessUpload:
    """An upload that never ends: reading must stop once the limit is passed."""

    name = "tanpa-akhir.mp4"
    size = None

    def __init__(self):
        self.served = 0

    def chunks(self, chunk_size=64 * 1024):
        while True:
            self.served += 1
            yield b"\x00" * chunk_size


def test_reading_stops_as_soon_as_the_limit_is_passed(settings):
    settings.ADUAN_UPLOAD_MAX_BYTES = 100 * 1024
    upload = EndlessUpload()
    refused(PayloadTooLarge, upload, upload.name)
    assert upload.served == 2


def test_declared_size_over_limit_is_refused_without_reading(settings):
    settings.ADUAN_UPLOAD_MAX_BYTES = 1000
    upload = EndlessUpload()
    upload.size = 5000
    refused(PayloadTooLarge, upload, upload.name)
    assert upload.served == 0


def test_six_files_are_refused_before_any_is_read():
    uploads_ = [EndlessUpload() for _ in range(6)]
    with pytest.raises(ValidationFailed) as info:
        clean_uploads(uploads_)
    assert info.value.fields == {"attachments": ["Paling banyak 5 berkas per laporan."]}
    assert all(u.served == 0 for u in uploads_)


def test_five_files_are_accepted_in_order():
    made = [
        files.jpeg_with_gps(),
        files.png_with_text(),
        files.webp_with_exif(),
        files.pdf_with_metadata(),
        files.mp3_with_title(),
    ]
    cleaned = clean_uploads([SimpleUploadedFile(f"f{i}", m) for i, m in enumerate(made)])
    assert [c.extension for c in cleaned] == ["jpg", "png", "webp", "pdf", "mp3"]
    assert clean_uploads([]) == [] and clean_uploads(None) == []


def test_max_files_is_configurable(settings):
    settings.ADUAN_UPLOAD_MAX_FILES = 1
    with pytest.raises(ValidationFailed, match="Paling banyak 1 berkas"):
        clean_uploads([files.jpeg_with_gps(), files.jpeg_with_gps()])


def test_error_names_the_file_by_position():
    batch = [
        SimpleUploadedFile("ok.jpg", files.jpeg_with_gps()),
        SimpleUploadedFile("Siti Rahmah KTP.jpg", b"MZ" + b"\x00" * 64),
    ]
    with pytest.raises(ValidationFailed) as info:
        clean_uploads(batch)
    assert info.value.message.startswith("Berkas ke-2: Jenis berkas tidak diterima.")
    assert "Siti" not in str(info.value.as_body())


# --- audio / video -------------------------------------------------------------------------------


def test_mp3_id3_title_is_removed():
    from mutagen.mp3 import MP3

    raw = files.mp3_with_title()
    assert MP3(io.BytesIO(raw)).tags["TIT2"].text == [f"Rekaman {files.SECRET_NAME}"]
    clean = clean_upload("rekaman.mp3", raw)
    assert (clean.content_type, clean.extension) == ("audio/mpeg", "mp3")
    assert SECRET not in clean.content and b"TIT2" not in clean.content
    assert not clean.content.startswith(b"ID3")
    audio = MP3(io.BytesIO(clean.content))
    assert audio.tags is None
    assert audio.info.bitrate == 128000


def test_mp3_id3v1_tag_is_removed():
    raw = files.mp3_with_title()
    v1 = b"TAG" + SECRET.ljust(30, b"\x00") + b"\x00" * 94
    clean = clean_upload("a.mp3", raw + v1)
    assert SECRET not in clean.content and not clean.content.endswith(v1)


def test_id3_header_over_junk_is_refused():
    from mutagen.id3 import ID3, TIT2

    bio = io.BytesIO(b"\x00" * 2000)
    tags = ID3()
    tags.add(TIT2(encoding=3, text="x"))
    tags.save(bio)
    error = refused(ValidationFailed, bio.getvalue(), "a.mp3")
    assert "audio/video rusak" in error.message


@pytest.mark.parametrize(
    ("brand", "content_type", "ext"),
    [(b"M4A ", "audio/mp4", "m4a"), (b"isom", "video/mp4", "mp4"), (b"qt  ", "video/mp4", "mp4")],
)
def test_mp4_tags_and_gps_are_removed(brand, content_type, ext):
    from mutagen.mp4 import MP4

    raw = files.mp4_with_tags(brand)
    assert MP4(io.BytesIO(raw)).tags["\xa9nam"] == [files.SECRET_NAME]
    clean = clean_upload("video.mov", raw)
    assert (clean.content_type, clean.extension) == (content_type, ext)
    assert SECRET not in clean.content
    assert files.GPS_ISO6709 not in clean.content and b"\xa9xyz" not in clean.content
    assert b"udta" not in clean.content and b"ilst" not in clean.content
    media = MP4(io.BytesIO(clean.content))
    assert not media.tags
    assert media.info.length == 5.0  # mvhd untouched


def test_mp4_gps_is_blanked_even_if_mutagen_cannot_rewrite(monkeypatch):
    def broken(data, content_type):
        raise RuntimeError("rewrite failed")

    monkeypatch.setattr(uploads, "_strip_media_tags", broken)
    raw = files.mp4_with_tags()
    clean = clean_upload("v.mp4", raw)
    assert len(clean.content) == len(raw)  # same layout, boxes renamed "free" and zeroed
    assert SECRET not in clean.content and files.GPS_ISO6709 not in clean.content


def test_mp3_kept_as_is_when_tags_cannot_be_removed(monkeypatch):
    def broken(data, content_type):
        raise RuntimeError("rewrite failed")

    monkeypatch.setattr(uploads, "_strip_media_tags", broken)
    raw = files.mp3_with_title()
    assert clean_upload("a.mp3", raw).content == raw


def test_mp4_without_movie_is_refused():
    raw = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isommp41" + b"\x00" * 100
    refused(ValidationFailed, raw, "a.mp4")


def test_ogg_opus_comments_are_removed():
    from mutagen.oggopus import OggOpus

    raw = files.ogg_opus_with_comment()
    assert OggOpus(io.BytesIO(raw)).tags["TITLE"] == [f"Rekaman {files.SECRET_NAME}"]
    clean = clean_upload("suara.ogg", raw)
    assert (clean.content_type, clean.extension) == ("audio/ogg", "ogg")
    assert SECRET not in clean.content
    assert not OggOpus(io.BytesIO(clean.content)).tags.keys()


def test_ogg_that_is_not_audio_is_refused():
    refused(ValidationFailed, b"OggS\x00\x02" + b"\x00" * 200, "a.ogg")
