"""Issue 5 end to end in a real browser (Debian Chromium, JavaScript off): a routed case nobody
answers climbs the ladder in the sweep; the agency head is told; the Sekda sees it on the ranking
and the agency's scorecard, records a sanction citing the non-compliance record with a decision
document, and the monthly report counts it; the agency head then sees the sanction. Also an
axe-core check of the new pages."""

import datetime as dt
import io

import pytest
import time_machine
from pypdf import PdfReader, PdfWriter

from aduan.cases.tests.builders import build
from aduan.compliance.models import NonComplianceRecord, Sanction
from aduan.conftest import axe_violations
from aduan.core import clock
from aduan.dashboards.models import MonthlyReport
from aduan.staff.tests.test_browser import signed_in, signed_in_through_the_form
from aduan.sweeps.runner import run_sweep

pytestmark = pytest.mark.django_db(transaction=True)


def decision_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def ignored_case(reference, staff, settings, tmp_path):
    """Routed to DPUPR and DINKES twelve working days ago; DINKES accepted, DPUPR never did."""
    settings.ADUAN_UPLOAD_DIR = tmp_path / "uploads"
    settings.ADUAN_REPORT_DIR = tmp_path / "reports"
    long_ago = clock.now() - dt.timedelta(days=20)
    with time_machine.travel(long_ago, tick=False):
        case = build("routed", staff)
        from aduan.cases import services

        services.accept(staff["officer_dinkes"], case.assignments.get(agency__code="DINKES"))
    run = run_sweep(duties=["ladder"])
    assert run.counts["ladder"]["alerts_escalated"] >= 1
    return case


def test_an_ignored_case_ends_in_the_sanctions_register(chromium, live_server, ignored_case):
    record = NonComplianceRecord.objects.get(agency__code="DPUPR")
    number = ignored_case.tracking_number
    pages = []
    try:
        head = signed_in_through_the_form(chromium, live_server, "kepala.dpupr")
        pages.append(head)
        head.goto(live_server.url + "/staf/notifikasi")
        notice = f"Tenggat terlewati (tanggapan pertama OPD, DPUPR): {number}"
        assert notice in head.locator("main").inner_text()
        assert "belum dibaca" in head.locator("header").inner_text()

        sekda = signed_in_through_the_form(chromium, live_server, "sekda")
        pages.append(sekda)
        sekda.goto(live_server.url + "/staf/notifikasi")
        notice = f"Eskalasi tenggat (tanggapan pertama OPD, DPUPR): {number}"
        assert notice in sekda.locator("main").inner_text()
        sekda.goto(live_server.url + "/staf/rapor/DPUPR")
        assert "Dinas Pekerjaan Umum" in sekda.locator("main").inner_text()

        sekda.goto(live_server.url + "/staf/ketidakpatuhan")
        assert number in sekda.locator("main").inner_text()

        sekda.goto(live_server.url + "/staf/sanksi/baru")
        sekda.select_option("select[name=agency]", "DPUPR")
        sekda.locator("main form button[type=submit]").first.click()
        sekda.check(f"input[name=records][value='{record.pk}']")
        sekda.select_option("select[name=measure]", label="Teguran tertulis")
        sekda.fill("input[name=decision_number]", "800/123/SETDA/2026")
        sekda.fill("input[name=decided_on]", clock.today().isoformat())
        sekda.fill("textarea[name=note]", "Disposisi tidak ditanggapi melewati batas waktu.")
        sekda.set_input_files(
            "input[name=document]",
            files=[
                {"name": "teguran.pdf", "mimeType": "application/pdf", "buffer": decision_pdf()}
            ],
        )
        sekda.locator("main form button[type=submit]").last.click()
        sanction = Sanction.objects.get()
        assert sanction.agency.code == "DPUPR" and list(sanction.records.all()) == [record]
        assert "800/123/SETDA/2026" in sekda.locator("main").inner_text()

        today = clock.today()
        sekda.goto(live_server.url + "/staf/laporan-bulanan")
        sekda.select_option("select[name=bulan]", f"{today.year:04d}-{today.month:02d}")
        sekda.locator("main form[method=post] button[type=submit]").first.click()
        report = MonthlyReport.objects.get(year=today.year, month=today.month)
        with sekda.expect_download() as download:
            sekda.locator(f"a[href$='/laporan-bulanan/{report.pk}/pdf']").first.click()
        text = "".join(
            p.extract_text()
            for p in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
        )
        assert "DPUPR" in text

        head.goto(live_server.url + "/staf/sanksi")
        assert "800/123/SETDA/2026" in head.locator("main").inner_text()
    finally:
        for page in pages:
            page.context.close()


def test_new_pages_have_no_serious_accessibility_violations(
    chromium, live_server, ignored_case, staff
):
    found = {}
    for role, paths in {
        "supervisor": [
            "/staf/rapor",
            "/staf/rapor/DPUPR",
            "/staf/laporan-bulanan",
            "/staf/ketidakpatuhan",
            "/staf/sanksi",
            "/staf/sanksi/baru?agency=DPUPR",
            "/staf/notifikasi",
        ],
        "head_dpupr": ["/staf/notifikasi", "/staf/rapor/DPUPR"],
        "sysadmin": ["/staf/pesan-keluar"],
    }.items():
        context = signed_in(chromium, live_server, staff[role], javascript=True)
        try:
            page = context.new_page()
            for path in paths:
                page.goto(live_server.url + path)
                found[f"{role} {path}"] = axe_violations(page)
        finally:
            context.close()
    assert found == {path: [] for path in found}
