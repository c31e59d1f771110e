"""The monthly report as XLSX (openpyxl): numbers stay numbers, so the Biro can sum and sort."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from aduan.core import clock

from ..selectors.report import MonthlyFigures
from .columns import AGENCY_COLUMNS, DEFINITIONS, INT, NUM, PCT, PROVINCE_LINES

FORMATS = {INT: "0", PCT: "0.0", NUM: "0.00"}
BOLD = Font(bold=True)


def _naive_wita(moment):
    """Excel has no time zones: the WITA wall-clock time."""
    return clock.local(moment).replace(tzinfo=None)


def render_xlsx(figures: MonthlyFigures) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "Ringkasan"
    summary.append([f"Laporan Bulanan Pengelolaan Pengaduan - {figures.label}"])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append(["Periode", figures.period.date_from, figures.period.date_to])
    summary.append(["Angka per (WITA)", _naive_wita(figures.as_of)])
    summary.append([])
    summary.append(["Uraian", "Jumlah"])
    for cell in summary[5]:
        cell.font = BOLD
    for line in PROVINCE_LINES:
        summary.append([line.label.strip(), line.value(figures.province)])
        summary.cell(row=summary.max_row, column=2).number_format = FORMATS[line.kind]
    for cell in (summary["B2"], summary["C2"]):
        cell.number_format = "yyyy-mm-dd"
    summary["B3"].number_format = "yyyy-mm-dd hh:mm"
    summary.column_dimensions["A"].width = 42
    summary.column_dimensions["B"].width = 18
    summary.column_dimensions["C"].width = 14

    agencies = book.create_sheet("Per instansi")
    agencies.append([c.label for c in AGENCY_COLUMNS])
    for cell in agencies[1]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in figures.rows:
        agencies.append([c.value(row) for c in AGENCY_COLUMNS])
        for index, column in enumerate(AGENCY_COLUMNS, start=1):
            if column.kind in FORMATS:
                agencies.cell(row=agencies.max_row, column=index).number_format = FORMATS[
                    column.kind
                ]
    agencies.freeze_panes = "C2"
    for index, column in enumerate(AGENCY_COLUMNS, start=1):
        agencies.column_dimensions[get_column_letter(index)].width = (
            60 if index == 2 else max(12, len(column.short) + 2)
        )

    sanctions = book.create_sheet("Sanksi")
    sanctions.append(["Kode instansi", "Jenis sanksi", "Nomor keputusan", "Tanggal keputusan"])
    for cell in sanctions[1]:
        cell.font = BOLD
    for s in figures.sanctions:
        sanctions.append([s.agency_code, s.measure, s.decision_number, s.decided_on])
        sanctions.cell(row=sanctions.max_row, column=4).number_format = "yyyy-mm-dd"
    for letter, width in zip("ABCD", (20, 40, 40, 18), strict=True):
        sanctions.column_dimensions[letter].width = width

    notes = book.create_sheet("Definisi")
    notes.append(["Istilah", "Definisi"])
    for cell in notes[1]:
        cell.font = BOLD
    for term, meaning in DEFINITIONS:
        notes.append([term, meaning])
        notes.cell(row=notes.max_row, column=2).alignment = Alignment(wrap_text=True)
    notes.column_dimensions["A"].width = 32
    notes.column_dimensions["B"].width = 110

    book.properties.creator = "aduan"
    book.properties.title = f"Laporan Bulanan Pengelolaan Pengaduan - {figures.label}"
    book.properties.created = book.properties.modified = _naive_wita(figures.as_of)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
