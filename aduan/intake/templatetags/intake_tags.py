"""Filters of the public site: WITA times in the reader's language, file descriptions, and the
translation of words that reach the page at run time (status labels, explanations, service
messages, deadline rows) — written in Bahasa Indonesia elsewhere, listed here so that
`makemessages` finds them and locale/en translates them."""

import re

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import get_language, gettext, gettext_noop

from aduan.core import clock

register = template.Library()

# Words produced outside this app and shown on the public pages. Keep in step with
# aduan.cases.workflow / models, aduan.intake.selectors and the services' messages; a test
# checks that the status words and deadline phrases all have an English translation.
RUNTIME_WORDS = [
    # Case statuses and kinds.
    gettext_noop("Diterima"),
    gettext_noop("Perlu Dilengkapi"),
    gettext_noop("Didisposisikan"),
    gettext_noop("Ditindaklanjuti"),
    gettext_noop("Dijawab"),
    gettext_noop("Selesai"),
    gettext_noop("Diarsipkan"),
    gettext_noop("Dialihkan"),
    gettext_noop("Dicabut"),
    gettext_noop("Pengaduan"),
    gettext_noop("Aspirasi"),
    gettext_noop("Permintaan informasi"),
    gettext_noop("Whistleblowing (WBS)"),
    # What each status means (aduan.intake.selectors.EXPLANATIONS).
    gettext_noop("Laporan Anda sudah diterima dan sedang diperiksa kelengkapannya oleh petugas."),
    gettext_noop(
        "Petugas memerlukan keterangan tambahan dari Anda. Balas melalui formulir pesan "
        "sebelum batas waktu, agar laporan dapat diproses."
    ),
    gettext_noop("Laporan Anda sudah diteruskan kepada instansi yang berwenang."),
    gettext_noop("Instansi yang berwenang sedang menindaklanjuti laporan Anda."),
    gettext_noop(
        "Hasil tindak lanjut sudah tersedia. Beri penilaian, atau ajukan keberatan bila Anda "
        "belum puas."
    ),
    gettext_noop("Laporan sudah selesai. Terima kasih telah melapor."),
    gettext_noop("Laporan diarsipkan; alasannya tercantum pada riwayat."),
    gettext_noop("Laporan dialihkan kepada instansi lain yang berwenang; lihat riwayat."),
    gettext_noop("Laporan dicabut."),
    # Timeline notes written by the services.
    gettext_noop("Laporan diterima."),
    gettext_noop("Laporan perlu dilengkapi oleh pelapor."),
    gettext_noop("Pelapor melengkapi laporan; verifikasi dilanjutkan."),
    gettext_noop("Pelapor mengirim pesan."),
    gettext_noop("Pelapor mengajukan keberatan; laporan dibuka kembali."),
    gettext_noop("Pelapor memberi penilaian; laporan selesai."),
    gettext_noop("Laporan selesai."),
    gettext_noop("Laporan dicabut oleh pelapor."),
    gettext_noop("Laporan dicabut karena tidak dilengkapi dalam batas waktu."),
    # Service messages.
    gettext_noop("Nomor pelacakan atau kode akses tidak cocok."),
    gettext_noop("Nomor pelacakan tidak ditemukan."),
    gettext_noop("Terlalu banyak percobaan yang salah. Silakan coba lagi dalam 15 menit."),
    gettext_noop("Terlalu banyak percobaan. Silakan coba lagi nanti."),
    gettext_noop("Data yang dikirim belum benar. Periksa isian yang ditandai."),
    gettext_noop("Berkas atau data terlalu besar."),
    gettext_noop("Judul wajib diisi."),
    gettext_noop("Judul paling banyak 200 karakter."),
    gettext_noop("Uraian paling sedikit 10 karakter."),
    gettext_noop("Uraian paling banyak 20.000 karakter."),
    gettext_noop("Tanggal kejadian tidak boleh di masa depan."),
    gettext_noop("Kategori tidak dikenal."),
    gettext_noop("Kabupaten/kota tidak dikenal."),
    gettext_noop("Jenis laporan tidak dikenal."),
    gettext_noop("Pilihan kerahasiaan tidak dikenal."),
    gettext_noop("Data pelapor wajib diisi, kecuali untuk laporan anonim."),
    gettext_noop("Nama wajib diisi bila laporan tidak anonim."),
    gettext_noop("Nama paling banyak 200 karakter."),
    gettext_noop("NIK harus 16 angka."),
    gettext_noop("NIP harus 18 angka."),
    gettext_noop("NIP hanya diisi oleh pelapor ASN."),
    gettext_noop("Nomor telepon tidak valid."),
    gettext_noop("Alamat e-mail tidak valid."),
    gettext_noop("Alamat paling banyak 500 karakter."),
    gettext_noop("Pesan wajib diisi."),
    gettext_noop("Pesan paling banyak 20.000 karakter."),
    gettext_noop("Nilai harus 1 sampai 5."),
    gettext_noop("Batas waktu keberatan sudah lewat."),
    gettext_noop("Batas jumlah keberatan tercapai."),
    gettext_noop("Laporan sudah selesai; pesan tidak dapat dikirim lagi."),
    gettext_noop("Berkas tidak ditemukan."),
    gettext_noop("Data tidak ditemukan."),
]

# Evidence messages of aduan.intake.uploads: fixed texts, and patterns with a number in them.
UPLOAD_WORDS = [
    gettext_noop("Berkas kosong."),
    gettext_noop(
        "Jenis berkas tidak diterima. Jenis yang diterima: JPEG, PNG, WebP, PDF, MP4, MP3, "
        "M4A, OGG."
    ),
    gettext_noop("Gambar rusak atau tidak dapat dibaca."),
    gettext_noop("PDF terkunci sandi tidak dapat diterima."),
    gettext_noop("PDF rusak atau tidak dapat dibaca."),
    gettext_noop("Berkas audio/video rusak atau tidak dapat dibaca."),
]
UPLOAD_PATTERNS = [
    (
        re.compile(r"\ABerkas ke-(?P<n>\d+): (?P<message>.+)\Z"),
        gettext_noop("Berkas ke-%(n)s: %(message)s"),
    ),
    (
        re.compile(r"\ABerkas terlalu besar \(maksimal (?P<limit>[^)]+) per berkas\)\.\Z"),
        gettext_noop("Berkas terlalu besar (maksimal %(limit)s per berkas)."),
    ),
    (
        re.compile(r"\AUkuran gambar terlalu besar \(maksimal (?P<mp>[^)]+) megapiksel\)\.\Z"),
        gettext_noop("Ukuran gambar terlalu besar (maksimal %(mp)s megapiksel)."),
    ),
    (
        re.compile(r"\APaling banyak (?P<n>\d+) berkas per laporan\.\Z"),
        gettext_noop("Paling banyak %(n)s berkas per laporan."),
    ),
]

# Pieces of the deadline rows (aduan.intake.selectors.deadline_summary), longest first.
DEADLINE_PHRASES = [
    gettext_noop("Waktu bagi Anda untuk menilai atau mengajukan keberatan"),
    gettext_noop("Waktu bagi Anda untuk melengkapi laporan bila diminta"),
    gettext_noop("Pemeriksaan kelengkapan (verifikasi)"),
    gettext_noop("Keputusan atas permohonan perlindungan"),
    gettext_noop("Penyelesaian tindak lanjut"),
    gettext_noop("Tanggapan pertama instansi"),
    gettext_noop("laporan berkadar pengawasan"),
    gettext_noop("permintaan informasi"),
    gettext_noop("laporan WBS"),
    gettext_noop("dapat diperpanjang"),
    gettext_noop("hari kalender"),
    gettext_noop("hari kerja"),
]

CONTENT_TYPES = {
    "image/jpeg": gettext_noop("Foto JPEG"),
    "image/png": gettext_noop("Gambar PNG"),
    "image/webp": gettext_noop("Gambar WebP"),
    "application/pdf": gettext_noop("Dokumen PDF"),
    "video/mp4": gettext_noop("Video MP4"),
    "audio/mp4": gettext_noop("Rekaman suara M4A"),
    "audio/mpeg": gettext_noop("Rekaman suara MP3"),
    "audio/ogg": gettext_noop("Rekaman suara OGG"),
}


def _source_language() -> bool:
    return (get_language() or "id").split("-")[0] == "id"


def translate_runtime(text) -> str:
    """A run-time Indonesian text in the reader's language, when a translation exists."""
    text = "" if text is None else str(text)
    if not text or _source_language():
        return text
    for pattern, template_text in UPLOAD_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = {key: translate_runtime(value) for key, value in match.groupdict().items()}
            return gettext(template_text) % parts
    return gettext(text)


register.filter("tr", translate_runtime)


@register.filter
def tr_phrases(text) -> str:
    """Like `tr`, but for texts composed of known pieces (the deadline rows)."""
    text = str(text or "")
    if _source_language() or not text:
        return text
    whole = gettext(text)
    if whole != text:
        return whole
    for phrase in DEADLINE_PHRASES:
        text = text.replace(phrase, gettext(phrase))
    return text


@register.filter
def wita(value, style: str = "datetime") -> str:
    """A moment as read in Kalimantan Selatan: 'Selasa, 31 Maret 2026, 23.59 WITA'."""
    if not value:
        return ""
    local = clock.local(value)
    if style == "date":
        return formats.date_format(local, "l, j F Y")
    time_format = "H.i" if _source_language() else "H:i"
    return formats.date_format(local, f"l, j F Y, {time_format}") + " WITA"


@register.filter
def describe_file(attachment) -> str:
    """'Dokumen PDF, 120,5 KB' for an attachment (type and size, never a name)."""
    label = CONTENT_TYPES.get(attachment.content_type)
    kind = gettext(label) if label else attachment.content_type
    return f"{kind}, {filesizeformat(attachment.size)}"


@register.filter
def spaced(code: str) -> str:
    """A long code broken into groups of four for reading (the receipt is already grouped)."""
    code = str(code or "")
    return code if "-" in code else " ".join(re.findall(r".{1,4}", code))
