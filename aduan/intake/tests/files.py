"""Real evidence files built in memory for the upload tests (no binary fixtures in the tree)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

SECRET_NAME = "Siti Rahmah"
GPS_LATITUDE = (3.0, 19.0, 12.5)  # 3°19'12.5" S, Banjarmasin
GPS_ISO6709 = b"-03.3201+114.5903/"


def jpeg_with_gps(size=(20, 10), orientation=6) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "KameraMerek"
    exif[0x013B] = SECRET_NAME  # Artist
    exif[0x8825] = {1: "S", 2: GPS_LATITUDE, 3: "E", 4: (114.0, 35.0, 25.0)}
    img = Image.new("RGB", size, (200, 30, 30))
    img.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))  # left half blue
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes(), comment=SECRET_NAME.encode())
    return out.getvalue()


def png_with_text(mode="RGBA", size=(16, 12)) -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", SECRET_NAME)
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: GPS_LATITUDE}
    out = io.BytesIO()
    Image.new(mode, size, 128).save(out, "PNG", pnginfo=info, exif=exif.tobytes())
    return out.getvalue()


def webp_with_exif(size=(16, 12)) -> bytes:
    exif = Image.Exif()
    exif[0x013B] = SECRET_NAME
    exif[0x8825] = {1: "S", 2: GPS_LATITUDE}
    out = io.BytesIO()
    xmp = f"<x:xmpmeta><dc:creator>{SECRET_NAME}</dc:creator></x:xmpmeta>".encode()
    Image.new("RGB", size, (10, 200, 10)).save(out, "WEBP", exif=exif.tobytes(), xmp=xmp)
    return out.getvalue()


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose IHDR claims ``width`` x ``height`` 1-bit pixels (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def sparse_png(side: int) -> bytes:
    """A genuine, highly compressible 1-bit PNG (small on disk, many pixels)."""
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG", optimize=True)
    return out.getvalue()


XMP_PACKET = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    'syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
    f"{SECRET_NAME}</dc:creator><xmpMarker>XMP-PENANDA</xmpMarker></rdf:Description></rdf:RDF>"
    '</x:xmpmeta><?xpacket end="w"?>'
).encode()


def pdf_with_metadata(pages: int = 2, password: str | None = None) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(200, 200)
    writer.add_metadata(
        {"/Author": SECRET_NAME, "/Creator": "KantorPribadi", "/Title": "Bukti pungli"}
    )
    for owner in (writer.root_object, writer.pages[0]):
        xmp = DecodedStreamObject()
        xmp.set_data(XMP_PACKET)
        xmp[NameObject("/Type")] = NameObject("/Metadata")
        xmp[NameObject("/Subtype")] = NameObject("/XML")
        owner[NameObject("/Metadata")] = writer._add_object(xmp)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding, no CRC: 417-byte frames.
_MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 413


def mp3_with_title(frames: int = 40, title: str = f"Rekaman {SECRET_NAME}") -> bytes:
    from mutagen.id3 import ID3, TIT2, TPE1

    bio = io.BytesIO(_MP3_FRAME * frames)
    tags = ID3()
    tags.add(TIT2(encoding=3, text=title))
    tags.add(TPE1(encoding=3, text=SECRET_NAME))
    tags.save(bio)
    return bio.getvalue()


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4_with_tags(brand: bytes = b"isom") -> bytes:
    """A minimal ISO BMFF file: ftyp, moov (mvhd, udta with iTunes ilst and ©xyz GPS), mdat."""
    mvhd = _box(b"mvhd", b"\x00" * 4 + struct.pack(">IIII", 0, 0, 1000, 5000) + b"\x00" * 80)
    name = _box(b"\xa9nam", _box(b"data", struct.pack(">II", 1, 0) + SECRET_NAME.encode()))
    ilst = _box(b"ilst", name)
    hdlr = _box(b"hdlr", b"\x00" * 8 + b"mdirappl" + b"\x00" * 9)
    meta = _box(b"meta", b"\x00\x00\x00\x00" + hdlr + ilst)
    xyz = _box(b"\xa9xyz", struct.pack(">HH", len(GPS_ISO6709), 0x15C7) + GPS_ISO6709)
    moov = _box(b"moov", mvhd + _box(b"udta", meta + xyz))
    ftyp = _box(b"ftyp", brand + b"\x00\x00\x02\x00" + brand + b"mp41")
    return ftyp + moov + _box(b"mdat", b"\x00" * 64)


def ogg_opus_with_comment() -> bytes:
    from mutagen.ogg import OggPage

    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 48000, 0, 0)
    vendor = b"aduan-test"
    comment = f"TITLE=Rekaman {SECRET_NAME}".encode()
    tags = b"OpusTags" + struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", 1)
    tags += struct.pack("<I", len(comment)) + comment
    pages = []
    for seq, (packet, position) in enumerate(
        [(head, 0), (tags, 0), (b"\xf8\xff\xfe", 960), (b"\xf8\xff\xfe", 1920)]
    ):
        page = OggPage()
        page.serial, page.sequence, page.position = 7, seq, position
        page.first = seq == 0
        page.last = seq == 3
        page.packets = [packet]
        pages.append(page.write())
    return b"".join(pages)
