"""The monthly report as PDF (fpdf2, built-in Helvetica: latin-1 text only)."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.fonts import FontFace

from aduan.core import clock

from ..selectors.report import MonthlyFigures
from .columns import AGENCY_COLUMNS, DEFINITIONS, PROVINCE_LINES, TEXT, display

REPLACEMENTS = {
    "\u2014": "-",  # em dash
    "\u2013": "-",  # en dash
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
}


def latin1(text: str) -> str:
    """What Helvetica can draw: typographic marks made plain, anything else a '?'."""
    for char, plain in REPLACEMENTS.items():
        text = text.replace(char, plain)
    return text.encode("latin-1", errors="replace").decode("latin-1")


class ReportPDF(FPDF):
    def __init__(self, title: str, stamp: str):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.report_title = title
        self.stamp = stamp
        self.set_margins(10, 12, 10)
        self.set_auto_page_break(auto=True, margin=14)

    def footer(self):
        self.set_y(-10)
        self.set_font("Helvetica", size=7)
        self.cell(0, 5, latin1(f"{self.report_title} - {self.stamp}"), align="L")
        self.cell(0, 5, f"Halaman {self.page_no()}/{{nb}}", align="R")


def render_pdf(figures: MonthlyFigures) -> bytes:
    as_of = clock.local(figures.as_of)
    title = f"Laporan Bulanan Pengelolaan Pengaduan - {figures.label}"
    stamp = f"dibuat {as_of:%d-%m-%Y %H:%M} WITA"
    pdf = ReportPDF(title, stamp)
    pdf.set_title(latin1(title))
    pdf.set_author("aduan - Pemerintah Provinsi Kalimantan Selatan")
    pdf.set_creation_date(figures.as_of)
    pdf.alias_nb_pages()
    pdf.add_page()

    pdf.set_font("Helvetica", style="B", size=14)
    pdf.cell(0, 8, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    intro = (
        "Kepada Yth. Gubernur Kalimantan Selatan. Rekapitulasi pengelolaan pengaduan masyarakat "
        "dan WBS menurut Pergub Kalsel No. 55 Tahun 2024, periode "
        f"{figures.period.date_from:%d-%m-%Y} s.d. {figures.period.date_to:%d-%m-%Y}; angka "
        f"per {as_of:%d-%m-%Y %H:%M} WITA. Tidak memuat identitas pelapor."
    )
    pdf.multi_cell(0, 5, latin1(intro), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    _heading(pdf, "Provinsi")
    pdf.set_font("Helvetica", size=9)
    with pdf.table(
        col_widths=(90, 30),
        width=120,
        align="LEFT",
        text_align=("LEFT", "RIGHT"),
        first_row_as_headings=True,
        line_height=5,
    ) as table:
        table.row(["Uraian", "Jumlah"])
        for line in PROVINCE_LINES:
            table.row(
                [latin1(line.label.strip()), display(line.value(figures.province), line.kind)]
            )
    pdf.ln(3)

    _heading(pdf, "Per instansi")
    pdf.set_font("Helvetica", size=7)
    with pdf.table(
        col_widths=[c.width for c in AGENCY_COLUMNS],
        width=sum(c.width for c in AGENCY_COLUMNS),
        align="LEFT",
        text_align=["LEFT" if c.kind == TEXT else "RIGHT" for c in AGENCY_COLUMNS],
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        line_height=3.6,
        repeat_headings=1,
    ) as table:
        table.row([latin1(c.short) for c in AGENCY_COLUMNS])
        for row in figures.rows:
            table.row([latin1(display(c.value(row), c.kind)) for c in AGENCY_COLUMNS])
    pdf.ln(3)

    _heading(pdf, "Sanksi yang diputuskan bulan ini")
    pdf.set_font("Helvetica", size=8)
    if figures.sanctions:
        with pdf.table(
            col_widths=(30, 90, 90, 30),
            width=240,
            align="LEFT",
            text_align="LEFT",
            line_height=4.5,
        ) as table:
            table.row(["Instansi", "Jenis sanksi", "Nomor keputusan", "Tanggal"])
            for s in figures.sanctions:
                table.row(
                    [
                        latin1(s.agency_code),
                        latin1(s.measure),
                        latin1(s.decision_number),
                        f"{s.decided_on:%d-%m-%Y}",
                    ]
                )
    else:
        pdf.cell(0, 5, "Tidak ada.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    _heading(pdf, "Definisi")
    pdf.set_font("Helvetica", size=8)
    for term, meaning in DEFINITIONS:
        pdf.multi_cell(0, 4, latin1(f"{term}: {meaning}"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str) -> None:
    pdf.set_font("Helvetica", style="B", size=11)
    pdf.cell(0, 7, latin1(text), new_x="LMARGIN", new_y="NEXT")
