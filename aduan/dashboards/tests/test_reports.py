"""The monthly report for the Gubernur: figures, the two files, the command, regeneration."""

import datetime as dt
import hashlib
import io
import re

import pytest
import time_machine
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from aduan.agencies.models import Agency
from aduan.compliance.models import Sanction, SanctionMeasure
from aduan.core.errors import ValidationFailed
from aduan.core.models import AuditRecord
from aduan.dashboards.models import MonthlyReport
from aduan.dashboards.selectors import monthly_figures
from aduan.dashboards.services import ensure_previous_month_report, generate_monthly_report

from .scenario import NOW, at, build_march

pytestmark = pytest.mark.django_db


@pytest.fixture
def march(staff):
    scenario = build_march(staff)
    measure = SanctionMeasure.objects.order_by("order").first()
    for day, code in ((dt.date(2026, 3, 30), "DPUPR"), (dt.date(2026, 4, 1), "DPUPR")):
        Sanction.objects.create(
            agency=Agency.objects.get(code=code),
            measure=measure,
            decision_number=f"800/{day:%d%m}/SETDA",
            decided_on=day,
            recorded_by=staff["supervisor"],
            recorded_at=at("2026-04-01 09:00"),
        )
    return scenario


def pdf_text(path) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", text)


def test_province_and_agency_figures(march):
    with time_machine.travel(at(NOW), tick=False):
        figures = monthly_figures(2026, 3)
    province = figures.province
    # Received in March (WITA): A B C D E G; F arrived at 00:30 on 1 April.
    assert (province.received, province.received_wbs) == (6, 0)
    # Verification ended in March by routing: A B C D E G.
    assert province.verified == province.distributed == 6
    assert province.answered_to_reporter == 0  # A's answer went out on 2 April
    assert province.totals.assigned == 6  # five DPUPR, one DINKES
    assert province.totals.first_response_rate == 66.7  # 4 of 6
    assert province.totals.resolution_rate == 50.0  # 2 of 4 (A E on time; B G late)
    assert province.totals.escalations == 2 and province.totals.non_compliance_records == 3
    assert province.sanctions == 1
    # Ratings in March: H 4, J 2, K 5 (I was an objection), each case once.
    assert (province.feedback_count, province.mean_rating) == (3, 3.67)
    assert province.satisfied_rate == 66.7
    rows = {row.code: row for row in figures.rows}
    assert rows["DPUPR"].figures.assigned == 5 and rows["DPUPR"].sanctions == 1
    assert rows["DPUPR"].figures.compliance_score == 64.0
    assert rows["DINKES"].figures.assigned == 1 and rows["DINKES"].sanctions == 0
    assert rows["DISHUT"].figures.assigned == 0  # every OPD has a row
    assert "KAB-BANJAR" not in rows  # a kab/kota only when it had something to show
    assert [s.decision_number for s in figures.sanctions] == ["800/3003/SETDA"]


def test_command_writes_readable_pdf_and_xlsx(march, report_dir):
    out = io.StringIO()
    with time_machine.travel(at(NOW), tick=False):
        call_command("monthly_report", "--month", "2026-03", stdout=out)
    log = out.getvalue()
    assert "Maret 2026" in log and "PDF" in log and "XLSX" in log and "Selesai" in log
    report = MonthlyReport.objects.get()
    assert (report.year, report.month, report.generated_by) == (2026, 3, None)
    assert report.generated_at == at(NOW)
    pdf_path, xlsx_path = report_dir / report.pdf_name, report_dir / report.xlsx_name
    assert hashlib.sha256(pdf_path.read_bytes()).hexdigest() == report.pdf_sha256
    assert hashlib.sha256(xlsx_path.read_bytes()).hexdigest() == report.xlsx_sha256
    assert pdf_path.stat().st_mode & 0o777 == 0o600

    text = pdf_text(pdf_path)
    assert "Laporan Bulanan Pengelolaan Pengaduan - Maret 2026" in text
    assert "Dinas Pekerjaan Umum dan Penataan Ruang" in text
    assert "Laporan diterima 6" in text
    assert "Penyelesaian tepat waktu (%) 50,0" in text
    assert re.search(r"DPUPR Dinas Pekerjaan Umum .*? 5 2 1 60,0 66,7 5 4 1 2 1 3 50,0 64", text)
    assert "800/3003/SETDA" in text

    book = load_workbook(xlsx_path)
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(values_only=True) if row}
    assert summary["Laporan diterima"] == 6
    assert summary["Penyelesaian tepat waktu (%)"] == 50.0
    assert summary["Rata-rata penilaian (1-5)"] == 3.67
    sheet = book["Per instansi"]
    header = [cell.value for cell in sheet[1]]
    rows = {
        row[0]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    dpupr = rows["DPUPR"]
    assert dpupr["Nama instansi"].startswith("Dinas Pekerjaan Umum")
    assert dpupr["Disposisi diterima"] == 5
    assert dpupr["Tanggapan pertama tepat waktu (%)"] == 60.0
    assert dpupr["Terlambat saat ini"] == 4
    assert dpupr["Sanksi diputuskan"] == 1
    assert dpupr["Skor kepatuhan (0-100)"] == 64.0
    assert rows["DISHUT"]["Tanggapan pertama tepat waktu (%)"] is None
    sanctions = list(book["Sanksi"].iter_rows(min_row=2, values_only=True))
    assert sanctions == [("DPUPR", "Teguran lisan", "800/3003/SETDA", dt.datetime(2026, 3, 30))]


def test_command_defaults_to_last_month(staff):
    out = io.StringIO()
    with time_machine.travel(at("2026-12-01 00:05"), tick=False):
        call_command("monthly_report", stdout=out)
    assert MonthlyReport.objects.get().period_code == "2026-11"


@pytest.mark.parametrize("month", ["2026-13", "november", "2027-01"])
def test_command_refuses_bad_months(staff, month):
    with time_machine.travel(at(NOW), tick=False), pytest.raises(CommandError):
        call_command("monthly_report", "--month", month, stdout=io.StringIO())
    assert not MonthlyReport.objects.exists()


def test_regenerating_replaces_the_files_and_is_audited(
    staff, report_dir, django_capture_on_commit_callbacks
):
    with time_machine.travel(at(NOW), tick=False):
        first = generate_monthly_report(2026, 3)
        old = {first.pdf_name, first.xlsx_name}
    travel = time_machine.travel(at("2026-04-21 09:00"), tick=False)
    with travel, django_capture_on_commit_callbacks(execute=True):
        second = generate_monthly_report(2026, 3, actor=staff["supervisor"])
    assert first.pk == second.pk and MonthlyReport.objects.count() == 1
    second.refresh_from_db()
    assert second.generated_at == at("2026-04-21 09:00")
    assert second.generated_by == staff["supervisor"]
    assert {p.name for p in report_dir.iterdir()} == {second.pdf_name, second.xlsx_name}
    assert old.isdisjoint({second.pdf_name, second.xlsx_name})
    records = list(AuditRecord.objects.filter(action="monthly_report_generated").order_by("id"))
    assert [(r.actor, r.target) for r in records] == [
        ("system", "monthly_report:2026-03"),
        ("sekda", "monthly_report:2026-03"),
    ]
    assert records[1].details["replaced"] is True
    assert records[1].details["pdf_sha256"] == second.pdf_sha256


def test_ensure_previous_month_report(staff):
    with time_machine.travel(at("2026-12-01 00:10"), tick=False):
        made = ensure_previous_month_report(at("2026-12-01 00:10"))
        again = ensure_previous_month_report(at("2026-12-01 00:20"))
    assert made is not None and made.period_code == "2026-11"
    assert again is None
    assert MonthlyReport.objects.count() == 1


def test_ensure_previous_month_uses_the_wita_month(staff):
    # 1 Dec 2026 00:10 WITA is still 30 Nov in UTC: last month is November, not October.
    with time_machine.travel(at("2026-12-01 00:10"), tick=False):
        made = ensure_previous_month_report(at("2026-12-01 00:10").astimezone(dt.UTC))
    assert made.period_code == "2026-11"


def test_no_report_for_a_month_to_come(staff):
    with time_machine.travel(at(NOW), tick=False):
        with pytest.raises(ValidationFailed):
            generate_monthly_report(2026, 5)
        assert ensure_previous_month_report(at("2026-06-15 09:00")) is None
    assert not MonthlyReport.objects.exists()


def test_pdf_text_is_latin1_safe():
    from aduan.dashboards.reports.pdf import latin1

    text = "Rapor \u2014 \u201cDPUPR\u201d \u2013 ok\u2026"  # em dash, quotes, en dash, ...
    assert latin1(text) == 'Rapor - "DPUPR" - ok...'
    assert latin1("Sekda 東") == "Sekda ?"
