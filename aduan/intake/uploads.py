"""Evidence uploads: judge the type by content, enforce limits, strip what can identify people.

Nothing here trusts the file name or the content type the client sent: the type comes from the
magic bytes, and every accepted file is rebuilt (images re-encoded, PDFs rewritten page by page) or
has its tags removed (audio/video) before anything is stored. The original name is not kept.

Errors name the file by its position ("Berkas ke-2"), never by name or content, under the field
``attachments``. Too large → ``PayloadTooLarge`` (413); anything else → ``ValidationFailed`` (400).
"""

from __future__ import annotations

import hashlib
import io
import logging
import struct
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from aduan.core.errors import PayloadTooLarge, ValidationFailed

logger = logging.getLogger(__name__)

FIELD = "attachments"
ALLOWED_LABEL = "JPEG, PNG, WebP, PDF, MP4, MP3, M4A, OGG"
EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
    "video/mp4": "mp4",
    "audio/mp4": "m4a",
    "audio/mpeg": "mp3",
    "audio/ogg": "ogg",
}
CHUNK_SIZE = 64 * 1024

# ISO BMFF major brands (ftyp). QuickTime ("qt  ") is accepted as video: phones record it, and
# the same parser and the same metadata stripping apply. M4P (DRM) and HEIF/AVIF are not accepted.
_AUDIO_BRANDS = {b"M4A ", b"M4B "}
_VIDEO_BRANDS = {
    *(b"iso" + bytes([c]) for c in b"m23456789"),
    *(b"mp4" + bytes([c]) for c in b"12v"),
    *(b"avc" + bytes([c]) for c in b"1234"),
    b"dash", b"MSNV", b"M4V ", b"M4VH", b"M4VP", b"mp71", b"f4v ", b"qt  ",
}  # fmt: skip

# A file this many times smaller than its pixel count is almost surely a decompression bomb
# (a 12 MP blank PNG is ~240 pixels/byte; bombs are thousands). Only checked above the floor.
_MAX_PIXELS_PER_BYTE = 2000
_RATIO_FLOOR_PIXELS = 4_000_000

MSG_TOO_MANY = "Paling banyak {n} berkas per laporan."
MSG_EMPTY = "Berkas kosong."
MSG_TYPE = f"Jenis berkas tidak diterima. Jenis yang diterima: {ALLOWED_LABEL}."
MSG_IMAGE_BAD = "Gambar rusak atau tidak dapat dibaca."
MSG_IMAGE_BOMB = "Ukuran gambar terlalu besar (maksimal {mp} megapiksel)."
MSG_PDF_LOCKED = "PDF terkunci sandi tidak dapat diterima."
MSG_PDF_BAD = "PDF rusak atau tidak dapat dibaca."
MSG_MEDIA_BAD = "Berkas audio/video rusak atau tidak dapat dibaca."


def max_files() -> int:
    return int(getattr(settings, "ADUAN_UPLOAD_MAX_FILES", 5))


def max_bytes() -> int:
    return int(getattr(settings, "ADUAN_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def max_pixels() -> int:
    return int(getattr(settings, "ADUAN_UPLOAD_MAX_PIXELS", 40_000_000))


@dataclass(frozen=True)
class CleanFile:
    """A cleaned upload. Deliberately no original file name: names can identify people."""

    content: bytes
    content_type: str
    extension: str
    sha256: str  # of ``content``, i.e. of the cleaned bytes
    original_size: int


class _Invalid(Exception):
    """Internal: a reason to refuse one file, turned into ValidationFailed with its position."""


def sniff(head: bytes) -> str | None:
    """The content type from the first bytes (≥ 16 are enough), or None if not accepted."""
    if head[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:5] == b"%PDF-":
        return "application/pdf"
    if head[4:8] == b"ftyp" and len(head) >= 12:
        brand = head[8:12]
        if brand in _AUDIO_BRANDS:
            return "audio/mp4"
        return "video/mp4" if brand in _VIDEO_BRANDS else None
    if head[:4] == b"OggS":
        return "audio/ogg"
    if head[:3] == b"ID3":
        return "audio/mpeg"
    # MPEG audio frame sync: 11 set bits, then a layer that is not "reserved" (ADTS AAC has 00).
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06:
        return "audio/mpeg"
    return None


def clean_uploads(files: Iterable[Any] | None) -> list[CleanFile]:
    """Clean every file of one submission; refuse the whole set on the first bad file."""
    files = list(files or [])
    if len(files) > max_files():
        msg = MSG_TOO_MANY.format(n=max_files())
        raise ValidationFailed(msg, fields={FIELD: [msg]})
    return [clean_upload(getattr(f, "name", ""), f, position=i) for i, f in enumerate(files, 1)]


def clean_upload(name: str, data: bytes | Any, *, position: int = 1) -> CleanFile:
    """Read, check and clean one file (bytes, a Django UploadedFile or any binary file object).

    ``name`` is accepted for the caller's convenience and deliberately ignored: it never decides
    the type and is not kept. ``position`` (1-based) is what error messages use to name the file.
    """
    limit = max_bytes()
    raw = _read_limited(data, limit)
    if raw is None:
        msg = f"Berkas ke-{position}: Berkas terlalu besar (maksimal {_human(limit)} per berkas)."
        raise PayloadTooLarge(msg, fields={FIELD: [msg]})
    try:
        if not raw:
            raise _Invalid(MSG_EMPTY)
        content_type = sniff(raw[:32])
        if content_type is None:
            raise _Invalid(MSG_TYPE)
        if content_type.startswith("image/"):
            content = _clean_image(raw, content_type)
        elif content_type == "application/pdf":
            content = _clean_pdf(raw)
        else:
            content = _clean_media(raw, content_type)
    except _Invalid as exc:
        msg = f"Berkas ke-{position}: {exc}"
        raise ValidationFailed(msg, fields={FIELD: [msg]}) from None
    return CleanFile(
        content=content,
        content_type=content_type,
        extension=EXTENSIONS[content_type],
        sha256=hashlib.sha256(content).hexdigest(),
        original_size=len(raw),
    )


def _human(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):g} MB"
    if n >= 1024:
        return f"{n / 1024:g} KB"
    return f"{n} byte"


def _read_limited(data: Any, limit: int) -> bytes | None:
    """All bytes of ``data``, or None as soon as more than ``limit`` bytes have been seen."""
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data) if len(data) <= limit else None
    size = getattr(data, "size", None)
    if isinstance(size, int) and size > limit:
        return None
    chunks: Iterator[bytes]
    if hasattr(data, "chunks"):  # Django UploadedFile (rewinds itself)
        chunks = iter(data.chunks(CHUNK_SIZE))
    else:
        chunks = iter(lambda: data.read(CHUNK_SIZE), b"")
    buf = bytearray()
    for chunk in chunks:
        buf += chunk
        if len(buf) > limit:
            return None
    return bytes(buf)


# --- images --------------------------------------------------------------------------------------

_PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
_PNG_MODES = {"1", "L", "LA", "RGB", "RGBA", "I;16"}


def _clean_image(data: bytes, content_type: str) -> bytes:
    from PIL import Image, ImageOps

    fmt = _PIL_FORMATS[content_type]
    limit = max_pixels()
    bomb = MSG_IMAGE_BOMB.format(mp=f"{limit / 1_000_000:g}")
    Image.MAX_IMAGE_PIXELS = limit  # Pillow's own guard, same limit (process-wide setting)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[fmt]) as img:
                # Header only so far: refuse before decoding a single pixel.
                pixels = img.size[0] * img.size[1]
                too_sparse = pixels > max(_RATIO_FLOOR_PIXELS, len(data) * _MAX_PIXELS_PER_BYTE)
                if pixels > limit or too_sparse:
                    raise _Invalid(bomb)
                img.load()  # first frame only; truncated data raises here
                icc = img.info.get("icc_profile")
                try:
                    upright = ImageOps.exif_transpose(img)  # still carries img.info (EXIF, GPS)
                except Exception:  # unreadable EXIF: keep the pixels as stored
                    upright = img
                fresh = _fresh_pixels(upright, fmt, icc)  # a new image with empty .info
            out = io.BytesIO()
            if fmt == "JPEG":
                fresh.save(out, "JPEG", quality=85, optimize=True)
            elif fmt == "PNG":
                fresh.save(out, "PNG", optimize=True)
            else:
                fresh.save(out, "WEBP", quality=85)
    except _Invalid:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _Invalid(bomb) from None
    except Exception:  # Pillow raises many kinds (OSError, SyntaxError, ValueError...)
        raise _Invalid(MSG_IMAGE_BAD) from None
    return out.getvalue()


def _fresh_pixels(img: Any, fmt: str, icc: bytes | None) -> Any:
    """Pixels only, in a mode the format can hold; colours moved to sRGB so the profile can go."""
    from PIL import Image, ImageCms

    alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
    if fmt == "JPEG":
        mode = img.mode if img.mode in ("L", "RGB") else "RGB"
    elif fmt == "PNG":
        mode = img.mode if img.mode in _PNG_MODES else ("RGBA" if alpha else "RGB")
    else:
        mode = "RGBA" if alpha else "RGB"
    if icc and img.mode in ("RGB", "RGBA", "CMYK") and mode in ("RGB", "RGBA"):
        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            img = ImageCms.profileToProfile(
                img, src, ImageCms.createProfile("sRGB"), outputMode=mode
            )
        except Exception:  # an unusable profile: keep the pixels as they are, drop the profile
            logger.info("upload: ICC profile not applied")
    if img.mode != mode:
        img = img.convert(mode)
    fresh = Image.new(mode, img.size)
    fresh.paste(img)
    return fresh


# --- PDF -----------------------------------------------------------------------------------------


def _clean_pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _Invalid(MSG_PDF_LOCKED)
        writer = PdfWriter()  # starts with /Info {/Producer (pypdf)}: removed below
        for page in reader.pages:
            writer.add_page(page)
        if not len(writer.pages):
            raise _Invalid(MSG_PDF_BAD)
        writer.metadata = None  # no /Info dictionary at all, so no /Author, /Producer...
        _scrub_pdf(writer.root_object)
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        out = io.BytesIO()
        writer.write(out)
    except _Invalid:
        raise
    except Exception:  # pypdf raises PdfReadError, but also ValueError/KeyError/RecursionError...
        raise _Invalid(MSG_PDF_BAD) from None
    return out.getvalue()


def _scrub_pdf(root: Any) -> None:
    """Drop XMP streams (/Metadata), application data (/PieceInfo) and annotation authors (/T)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    stack, seen = [root], set()
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):  # streams too
            obj.pop("/Metadata", None)
            obj.pop("/PieceInfo", None)
            if "/Rect" in obj and "/Subtype" in obj and obj.get("/Subtype") != "/Widget":
                obj.pop("/T", None)  # a markup annotation's /T is its author
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


# --- audio / video -------------------------------------------------------------------------------


def _parse_media(data: bytes, content_type: str) -> Any:
    """The mutagen object for ``data``; raises if it is not a readable file of that type."""
    from mutagen.mp3 import MP3
    from mutagen.mp4 import MP4
    from mutagen.oggflac import OggFLAC
    from mutagen.oggopus import OggOpus
    from mutagen.oggspeex import OggSpeex
    from mutagen.oggvorbis import OggVorbis

    bio = io.BytesIO(data)
    if content_type == "audio/mpeg":
        return MP3(bio)
    if content_type in ("audio/mp4", "video/mp4"):
        return MP4(bio)
    for kind in (OggVorbis, OggOpus, OggFLAC, OggSpeex):
        bio.seek(0)
        try:
            return kind(bio)
        except Exception:  # noqa: S112 - try the next Ogg codec
            continue
    raise ValueError("no supported Ogg stream")


def _clean_media(data: bytes, content_type: str) -> bytes:
    try:
        _parse_media(data, content_type)
    except Exception:
        raise _Invalid(MSG_MEDIA_BAD) from None
    try:
        out = _strip_media_tags(data, content_type)
        _parse_media(out, content_type)  # still readable after the rewrite
    except Exception:
        # The file itself was readable; only the tag rewrite failed (odd layouts mutagen will not
        # rewrite). Evidence is worth more than its tags, so keep the original bytes. Stored files
        # are only served to staff who may see the case.
        logger.warning("upload: tags could not be removed from a %s file; kept as is", content_type)
        out = data
    if content_type in ("audio/mp4", "video/mp4"):
        out = _blank_mp4_user_data(out)
    return out


def _strip_media_tags(data: bytes, content_type: str) -> bytes:
    import mutagen.apev2
    import mutagen.id3

    bio = io.BytesIO(data)
    if content_type == "audio/mpeg":
        mutagen.id3.delete(bio)  # ID3v2 at the start and ID3v1 at the end
        mutagen.apev2.delete(bio)
    else:
        media = _parse_media(data, content_type)
        if media.tags is not None:
            media.delete(bio)  # MP4: empties moov/udta/meta/ilst; Ogg: clears the comments
    return bio.getvalue()


_XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")


def _blank_mp4_user_data(data: bytes) -> bytes:
    """Turn user-data boxes into zero-filled ``free`` boxes of the same size, in place.

    mutagen only handles iTunes-style tags (ilst). Phones also write GPS as ``udta/©xyz`` and
    QuickTime ``meta`` (keys/mdta: location, device, software), and editors write XMP ``uuid``
    boxes. Keeping every size unchanged means no sample offset moves, so nothing else needs fixing.
    """
    buf = bytearray(data)

    def walk(start: int, end: int, depth: int) -> None:
        pos = start
        while pos + 8 <= end:
            size, kind = struct.unpack_from(">I4s", buf, pos)
            header = 8
            if size == 1:
                if pos + 16 > end:
                    return
                size, header = struct.unpack_from(">Q", buf, pos + 8)[0], 16
            elif size == 0:
                size = end - pos
            if size < header or pos + size > end:
                return
            xmp = kind == b"uuid" and buf[pos + header : pos + header + 16] == _XMP_UUID
            if xmp or (depth > 0 and kind in (b"udta", b"meta")):
                buf[pos + 4 : pos + 8] = b"free"
                buf[pos + header : pos + size] = bytes(size - header)
            elif kind in (b"moov", b"trak") and depth < 2:
                walk(pos + header, pos + size, depth + 1)
            pos += size

    walk(0, len(buf), 0)
    return bytes(buf)
