"""The whistleblower's journey in a real browser (Debian Chromium via Playwright) with JavaScript
off: /wbs, the form, the receipt, the report opened on /lacak; and axe-core on the pages."""

import pytest

from aduan.cases.models import Case
from aduan.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

WHAT = "Panitia lelang meminta fee sepuluh persen kepada calon pemenang paket jalan."


def fill_report(page) -> None:
    page.fill("#id_what", WHAT)
    page.fill("#id_reported_name", "Fulan bin Fulan")
    page.fill("#id_reported_position", "Ketua Pokja Pemilihan")
    page.select_option("#id_reported_agency", "DPUPR")
    page.fill("#id_where", "Kantor UKPBJ")
    page.fill("#id_when", "Februari 2026")
    page.fill("#id_how", "Diminta lewat perantara sebelum pengumuman pemenang.")


def receipt_of(page) -> tuple[str, str]:
    number = page.locator("#tracking-number").inner_text().strip()
    receipt = page.locator("#receipt").inner_text().strip()
    assert number.startswith("WBS-") and len(receipt.replace("-", "")) == 16
    assert receipt not in page.url
    return number, receipt


@pytest.mark.javascript(False)
def test_report_through_the_portal_and_read_it_back(browser_context, live_server, reference):
    page = browser_context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Lapor pelanggaran (WBS)").first.click()
    assert page.url.endswith("/wbs")
    assert not page.locator("#id_name").is_visible()  # identity section closed: anonymous
    fill_report(page)
    page.get_by_role("button", name="Kirim laporan WBS").click()
    assert page.url.endswith("/wbs")  # every step has the same address
    assert "Simpan kode ini" in page.locator("body").inner_text()
    number, receipt = receipt_of(page)
    case = Case.objects.get(tracking_number=number)
    assert case.kind == "whistleblowing" and case.privacy == "anonymous"
    assert WHAT not in case.title + case.description

    page.goto(live_server.url + "/lacak")
    page.fill("input[name=tracking_number]", number)
    page.fill("input[name=receipt]", receipt)
    page.get_by_role("button", name="Lihat laporan").click()
    assert receipt not in page.url
    assert WHAT in page.locator("body").inner_text()
    assert "Diterima" in page.locator("#status-title").inner_text()


@pytest.mark.javascript(False)
def test_identity_opens_on_request_and_errors_show(browser_context, live_server, reference):
    page = browser_context.new_page()
    page.goto(live_server.url + "/wbs")
    page.get_by_role("button", name="Kirim laporan WBS").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_what_error").is_visible()
    assert not Case.objects.exists()
    fill_report(page)
    page.locator("details.identity summary").click()
    page.fill("#id_name", "Rahmah")
    page.fill("#id_nip", "198701012010012001")
    page.get_by_role("button", name="Kirim laporan WBS").click()
    number, _ = receipt_of(page)
    assert Case.objects.get(tracking_number=number).privacy == "confidential"


def test_no_serious_accessibility_violations(browser_context, live_server, reference):
    page = browser_context.new_page()
    found = {}
    page.goto(live_server.url + "/wbs")
    found["/wbs"] = axe_violations(page)
    page.get_by_role("button", name="Kirim laporan WBS").click()
    found["/wbs (errors)"] = axe_violations(page)
    fill_report(page)
    page.get_by_role("button", name="Kirim laporan WBS").click()
    found["receipt"] = axe_violations(page)
    number, receipt = receipt_of(page)
    page.goto(live_server.url + "/lacak")
    page.fill("input[name=tracking_number]", number)
    page.fill("input[name=receipt]", receipt)
    page.get_by_role("button", name="Lihat laporan").click()
    found["/lacak (WBS case)"] = axe_violations(page)
    assert found == {path: [] for path in found}
