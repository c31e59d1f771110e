"""What the monthly report shows, once for both files (PDF and XLSX): the province lines, the
agency columns and the definitions, in Bahasa Indonesia. Pure: no database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..selectors.report import AgencyRow, ProvinceFigures

INT, PCT, NUM, TEXT = "int", "pct", "num", "text"


@dataclass(frozen=True)
class Column:
    short: str  # table heading (PDF)
    label: str  # full heading (XLSX)
    value: Callable
    kind: str
    width: float = 14  # mm in the PDF


AGENCY_COLUMNS: tuple[Column, ...] = (
    Column("Kode", "Kode instansi", lambda r: r.code, TEXT, 31),
    Column("Instansi", "Nama instansi", lambda r: r.name, TEXT, 55),
    Column("Disposisi", "Disposisi diterima", lambda r: r.figures.assigned, INT, 15),
    Column("Hasil", "Hasil tindak lanjut dikirim", lambda r: r.figures.answered, INT, 13),
    Column("Kembali", "Dikembalikan (bukan kewenangan)", lambda r: r.figures.returned, INT, 14),
    Column(
        "Tanggapan tepat (%)",
        "Tanggapan pertama tepat waktu (%)",
        lambda r: r.figures.first_response_rate,
        PCT,
        18,
    ),
    Column(
        "Selesai tepat (%)",
        "Penyelesaian tepat waktu (%)",
        lambda r: r.figures.resolution_rate,
        PCT,
        17,
    ),
    Column("Terbuka", "Disposisi terbuka saat ini", lambda r: r.figures.open_now, INT, 14),
    Column("Terlambat", "Terlambat saat ini", lambda r: r.figures.overdue_now, INT, 15),
    Column("Eskalasi", "Eskalasi", lambda r: r.figures.escalations, INT, 14),
    Column(
        "Tidak patuh",
        "Catatan ketidakpatuhan",
        lambda r: r.figures.non_compliance_records,
        INT,
        14,
    ),
    Column("Sanksi", "Sanksi diputuskan", lambda r: r.sanctions, INT, 12),
    Column("Nilai", "Rata-rata penilaian pelapor (1-5)", lambda r: r.figures.mean_rating, NUM, 11),
    Column("Puas (%)", "Pelapor puas (%)", lambda r: r.figures.satisfied_rate, PCT, 13),
    Column("Skor", "Skor kepatuhan (0-100)", lambda r: r.figures.compliance_score, NUM, 12),
)


@dataclass(frozen=True)
class Line:
    label: str
    value: Callable[[ProvinceFigures], object]
    kind: str


PROVINCE_LINES: tuple[Line, ...] = (
    Line("Laporan diterima", lambda p: p.received, INT),
    Line("   di antaranya laporan WBS", lambda p: p.received_wbs, INT),
    Line("Laporan selesai diverifikasi", lambda p: p.verified, INT),
    Line("Laporan didisposisikan", lambda p: p.distributed, INT),
    Line("Disposisi ke instansi", lambda p: p.totals.assigned, INT),
    Line("Hasil tindak lanjut dikirim instansi", lambda p: p.totals.answered, INT),
    Line("Laporan dijawab kepada pelapor", lambda p: p.answered_to_reporter, INT),
    Line("Tanggapan pertama tepat waktu (%)", lambda p: p.totals.first_response_rate, PCT),
    Line("Penyelesaian tepat waktu (%)", lambda p: p.totals.resolution_rate, PCT),
    Line("Disposisi terlambat saat ini", lambda p: p.totals.overdue_now, INT),
    Line("Eskalasi ke Sekda dan Inspektorat", lambda p: p.totals.escalations, INT),
    Line("Catatan ketidakpatuhan", lambda p: p.totals.non_compliance_records, INT),
    Line("Sanksi diputuskan", lambda p: p.sanctions, INT),
    Line("Penilaian pelapor", lambda p: p.feedback_count, INT),
    Line("Rata-rata penilaian (1-5)", lambda p: p.mean_rating, NUM),
    Line("Pelapor puas (%)", lambda p: p.satisfied_rate, PCT),
)

DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "Disposisi diterima",
        "Disposisi yang dikirim ke instansi dalam bulan ini. Angka hasil, dikembalikan, dan "
        "ketepatan waktu dihitung atas disposisi ini, per saat laporan dibuat.",
    ),
    (
        "Tanggapan pertama tepat waktu",
        "Disposisi yang diterima atau dikembalikan paling lambat pada batas tanggapan pertama, "
        "dibagi disposisi yang sudah ditanggapi atau batasnya sudah lewat.",
    ),
    (
        "Penyelesaian tepat waktu",
        "Disposisi yang hasilnya dikirim paling lambat pada batas penyelesaian, dibagi disposisi "
        "yang hasilnya sudah dikirim atau batasnya sudah lewat tanpa dikembalikan tepat waktu.",
    ),
    (
        "Terbuka / terlambat saat ini",
        "Disposisi yang belum selesai per saat laporan dibuat; terlambat bila batas tanggapan "
        "pertama atau batas penyelesaian yang masih menjadi kewajiban sudah lewat.",
    ),
    (
        "Eskalasi, ketidakpatuhan, sanksi",
        "Eskalasi dan catatan ketidakpatuhan yang dicatat dalam bulan ini; sanksi yang tanggal "
        "keputusannya dalam bulan ini.",
    ),
    (
        "Penilaian pelapor",
        "Penilaian (bukan keberatan) yang diberikan dalam bulan ini atas laporan yang ditangani "
        "instansi tersebut.",
    ),
    (
        "Skor kepatuhan",
        "40% tanggapan pertama tepat waktu + 60% penyelesaian tepat waktu; bila hanya satu "
        "yang dapat dihitung, skor sama dengan angka itu.",
    ),
)


def display(value, kind: str) -> str:
    """Indonesian number format: decimal comma; "-" when there is no figure."""
    if value is None:
        return "-"
    if kind == INT:
        return f"{value:d}"
    if kind == PCT:
        return f"{value:.1f}".replace(".", ",")
    if kind == NUM:
        return (
            f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
            if value % 1
            else f"{value:.0f}"
        )
    return str(value)


def agency_cells(row: AgencyRow) -> list:
    return [column.value(row) for column in AGENCY_COLUMNS]
