"""The register as files: the sanctions as CSV and XLSX, the non-compliance records as CSV.

Times are WITA. Every text cell goes through the project's one CSV-injection guard
(aduan.cases.selectors.lists._cell: a leading = + - @ tab or CR gets a quote), in the XLSX too,
so no spreadsheet ever runs a value as a formula. Rows come from aduan.compliance.selectors
(visible rows only; the selector audits the export)."""

import csv
import datetime as dt
import io
from collections.abc import Iterable

from aduan.cases.selectors.lists import _cell as safe_cell
from aduan.core import clock

from .selectors import RecordRow, SanctionRow

RECORD_HEADERS = [
    "Nomor pelacakan",
    "Kode instansi",
    "Instansi",
    "Tenggat",
    "Batas waktu (WITA)",
    "Dicatat (WITA)",
    "Hari kerja terlambat saat dicatat",
    "Hari kerja terlambat",
    "Dipenuhi (WITA)",
    "Sanksi",
]
SANCTION_HEADERS = [
    "Tanggal keputusan",
    "Nomor keputusan/surat",
    "Kode instansi",
    "Instansi",
    "Kode jenis sanksi",
    "Jenis sanksi",
    "Pertimbangan",
    "Jumlah catatan ketidakpatuhan",
    "Catatan ketidakpatuhan (nomor laporan)",
    "Dicatat (WITA)",
    "SHA-256 dokumen keputusan",
]
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _local(moment: dt.datetime | None) -> str:
    return clock.local(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def record_values(row: RecordRow) -> list[str]:
    sanctions = "; ".join(f"{s.measure} ({s.decision_number})" for s in row.sanctions)
    return [
        safe_cell(row.tracking_number),
        safe_cell(row.agency_code),
        safe_cell(row.agency_name),
        safe_cell(row.stage_label),
        _local(row.due_at),
        _local(row.recorded_at),
        str(row.days_late_when_recorded),
        str(row.days_late),
        _local(row.fulfilled_at),
        safe_cell(sanctions),
    ]


def write_records_csv(rows: Iterable[RecordRow], file) -> int:
    writer = csv.writer(file)
    writer.writerow(RECORD_HEADERS)
    count = 0
    for row in rows:
        writer.writerow(record_values(row))
        count += 1
    return count


def _sanction_values(row: SanctionRow) -> list:
    """Typed values: the decision date stays a date, the count a number."""
    return [
        row.decided_on,
        safe_cell(row.decision_number),
        safe_cell(row.agency_code),
        safe_cell(row.agency_name),
        safe_cell(row.measure_code),
        safe_cell(row.measure_name),
        safe_cell(row.note),
        row.record_count,
        safe_cell(" ".join(row.cited)),
        _local(row.recorded_at),
        row.document_sha256,
    ]


def write_sanctions_csv(rows: Iterable[SanctionRow], file) -> int:
    writer = csv.writer(file)
    writer.writerow(SANCTION_HEADERS)
    count = 0
    for row in rows:
        values = _sanction_values(row)
        values[0] = row.decided_on.isoformat()
        writer.writerow(values)
        count += 1
    return count


def sanctions_xlsx(rows: Iterable[SanctionRow]) -> bytes:
    """One sheet, "Register sanksi", with the same columns as the CSV."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Register sanksi")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in SANCTION_HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        values = []
        for value in _sanction_values(row):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            values.append(cell)
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
