"""The citizen's journey in a real browser (Debian Chromium via Playwright): with JavaScript
off and on, from the home page to a receipt, to a result they rate or object to; and an
automated accessibility check (vendored axe-core) of the pages they use."""

import pytest

from aduan.cases import services as case_services
from aduan.cases.models import Case
from aduan.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def fill_report(page, *, privacy: str = "anonymous") -> None:
    page.check("input[name=kind][value=complaint]")
    page.fill("#id_title", "Lampu jalan padam di Jl. A. Yani Km 8")
    page.fill("#id_description", "Sudah sebulan lampu penerangan jalan padam; rawan kecelakaan.")
    page.select_option("#id_regency", "KAB-BANJAR")
    page.check(f"input[name=privacy][value={privacy}]")
    if privacy != "anonymous":
        page.fill("#id_name", "Rahmah Binti Said")
        page.fill("#id_email", "rahmah@example.id")


def receipt_of(page) -> tuple[str, str]:
    number = page.locator("#tracking-number").inner_text().strip()
    receipt = page.locator("#receipt").inner_text().strip()
    assert number.startswith("ADU-") and len(receipt.replace("-", "")) == 16
    assert receipt not in page.url
    return number, receipt


def open_tracking(page, base: str, number: str, receipt: str) -> None:
    page.goto(f"{base}/lacak")
    page.fill("input[name=tracking_number]", number)
    page.fill("input[name=receipt]", receipt)
    page.get_by_role("button", name="Lihat laporan").click()
    assert receipt not in page.url


def answer_through_services(number: str, staff) -> None:
    """Staff work, driven through the services until the back office exists."""
    case = Case.objects.get(tracking_number=number)
    case_services.route(staff["coordinator"], case, agencies=["DPUPR"], instructions="Cek.")
    assignment = case.assignments.get()
    case_services.accept(staff["officer_dpupr"], assignment, note="Kami periksa.")
    case_services.submit_result(staff["officer_dpupr"], assignment, summary="Lampu diganti.")
    case_services.publish_result(staff["coordinator"], case, message="Lampu sudah menyala.")


@pytest.mark.javascript(False)
def test_report_and_track_with_javascript_off(browser_context, live_server, reference):
    page = browser_context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Lapor", exact=True).first.click()
    assert page.url.endswith("/lapor")
    fill_report(page, privacy="confidential")
    page.get_by_role("button", name="Kirim laporan").click()
    number, receipt = receipt_of(page)
    case = Case.objects.get(tracking_number=number)
    assert case.privacy == "confidential" and case.channel == "web"
    open_tracking(page, live_server.url, number, receipt)
    assert "Diterima" in page.locator("#status-title").inner_text()


@pytest.mark.javascript(False)
def test_errors_are_shown_next_to_fields_and_input_is_kept(browser_context, live_server, reference):
    page = browser_context.new_page()
    page.goto(live_server.url + "/lapor")
    page.fill("#id_title", "Judul saya")
    page.check("input[name=privacy][value=anonymous]")
    page.fill("#id_name", "Nama Yang Tidak Boleh")
    page.get_by_role("button", name="Kirim laporan").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_description_error").is_visible()
    assert page.input_value("#id_title") == "Judul saya"
    assert not Case.objects.exists()


def test_report_with_javascript_then_rate_or_object(
    browser_context, live_server, reference, staff, tmp_path, settings
):
    settings.ADUAN_UPLOAD_DIR = tmp_path
    from aduan.intake.tests.files import png_with_text

    evidence = tmp_path / "foto.png"
    evidence.write_bytes(png_with_text())
    page = browser_context.new_page()
    page.goto(live_server.url + "/lapor")
    fill_report(page)
    assert page.locator("#group-reporter").is_hidden()  # anonymous: identity fields go away
    page.set_input_files("#id_attachments", str(evidence))
    assert "foto.png" in page.locator(".file-list").inner_text()
    page.fill("#id_description", "Sudah sebulan lampu penerangan jalan padam di tikungan.")
    assert page.locator(".counter").first.is_visible()
    page.get_by_role("button", name="Kirim laporan").click()
    number, receipt = receipt_of(page)
    assert Case.objects.get(tracking_number=number).attachments.count() == 1

    answer_through_services(number, staff)
    open_tracking(page, live_server.url, number, receipt)
    assert "Lampu sudah menyala." in page.locator("body").inner_text()
    page.check("input[name=rating][value='2']")
    page.check("input[name=satisfied][value=no]")
    page.fill("textarea[name=comment]", "Masih padam di ujung jalan.")
    page.check("input[name=objection]")
    page.get_by_role("button", name="Kirim penilaian").click()
    assert "Ditindaklanjuti" in page.locator("#status-title").inner_text()
    assert Case.objects.get(tracking_number=number).status == "in_progress"


def test_rating_closes_the_case(browser_context, live_server, reference, staff):
    page = browser_context.new_page()
    page.goto(live_server.url + "/lapor")
    fill_report(page)
    page.get_by_role("button", name="Kirim laporan").click()
    number, receipt = receipt_of(page)
    answer_through_services(number, staff)
    open_tracking(page, live_server.url, number, receipt)
    page.check("input[name=rating][value='5']")
    page.check("input[name=satisfied][value=yes]")
    page.get_by_role("button", name="Kirim penilaian").click()
    assert "Selesai" in page.locator("#status-title").inner_text()


def test_no_serious_accessibility_violations(browser_context, live_server, reference):
    page = browser_context.new_page()
    found = {}
    for path in ("/", "/lapor", "/lacak", "/verifikasi"):
        page.goto(live_server.url + path)
        found[path] = axe_violations(page)
    page.goto(live_server.url + "/lapor")
    page.get_by_role("button", name="Kirim laporan").click()  # the form with its errors
    found["/lapor (errors)"] = axe_violations(page)
    fill_report(page)
    page.get_by_role("button", name="Kirim laporan").click()
    found["receipt"] = axe_violations(page)
    number, receipt = receipt_of(page)
    open_tracking(page, live_server.url, number, receipt)
    found["/lacak (case)"] = axe_violations(page)
    assert found == {path: [] for path in found}
