"""Issue 6 "done when", in a real browser (Debian Chromium, JavaScript off): an anonymous
whistleblower reports with evidence on /wbs; the Inspektorat's officer signs in with their
password (which unlocks their key), reads the sealed report and asks for more evidence; the
whistleblower answers through /lacak; the officer concludes; the whistleblower sees the outcome.
Every opening of the sealed report is in the audit chain, and the chain verifies."""

import pytest

from aduan.cases import services as case_services
from aduan.cases.models import Case
from aduan.core.audit import verify_chain
from aduan.core.models import AuditRecord
from aduan.staff.tests.test_browser import signed_in_through_the_form
from aduan.whistleblowing import handling, keyring
from aduan.whistleblowing.tests.test_browser import fill_report, receipt_of

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "Mohon lampirkan foto kuitansi atau bukti transfer fee tersebut."
ANSWER = "Bukti transfer akan saya kirim; pembayaran lewat rekening perantara bernama Z."
RESULT = "Hasil audit: pungutan terbukti dan sudah dilaporkan kepada Gubernur."


def open_on_lacak(page, live_server, number, receipt):
    page.goto(live_server.url + "/lacak")
    page.fill("input[name=tracking_number]", number)
    page.fill("input[name=receipt]", receipt)
    page.get_by_role("button", name="Lihat laporan").click()


def test_anonymous_whistleblower_reports_answers_and_sees_the_outcome(
    chromium, live_server, reference, staff
):
    contexts = []
    try:
        # The officer signs in through the form: the password makes (first time) and unlocks
        # their key for the session; reports sent from now on are wrapped for it.
        desk = signed_in_through_the_form(chromium, live_server, "inspektorat")
        contexts.append(desk.context)
        officer = staff["wbs"]

        reporter = chromium.new_context(java_script_enabled=False, locale="id-ID")
        contexts.append(reporter)
        page = reporter.new_page()
        page.goto(live_server.url + "/wbs")
        fill_report(page)
        page.get_by_role("button", name="Kirim laporan WBS").click()
        number, receipt = receipt_of(page)
        case = Case.objects.get(tracking_number=number)

        desk.goto(f"{live_server.url}/staf/laporan/{number}")
        assert "Fulan bin Fulan" in desk.locator("main").inner_text()
        form = desk.locator("#tindakan-judge_evidence")
        form.locator("input[name=sufficient][value=no]").check()
        form.locator("textarea[name=reason]").fill("Belum ada bukti pembayaran.")
        form.locator("textarea[name=message]").fill(QUESTION)
        form.get_by_role("button").click()
        assert Case.objects.get(pk=case.pk).status == "needs_info"

        open_on_lacak(page, live_server, number, receipt)
        assert QUESTION in page.locator("main").inner_text()
        page.fill("textarea[name=body]", ANSWER)
        page.get_by_role("button", name="Kirim pesan").click()
        assert Case.objects.get(pk=case.pk).status == "received"

        desk.reload()
        assert ANSWER in desk.locator("main").inner_text()
        # Routing, acceptance and the conclusion through the same services the page uses,
        # with the key the officer's password unlocks.
        private = keyring.unlock_at_sign_in(officer, "x")
        case.refresh_from_db()
        handling.judge_evidence(
            officer, case, sufficient=True, reason="Cukup.", private_key=private
        )
        case_services.route(officer, case, agencies=["INSPEKTORAT"], instructions="Audit.")
        case_services.accept(officer, case.assignments.get(), note="Tim audit dibentuk.")
        case.refresh_from_db()
        handling.conclude(
            officer,
            case,
            outcome="substantiated",
            note="Audit dengan tujuan tertentu selesai.",
            message=RESULT,
            private_key=private,
        )

        open_on_lacak(page, live_server, number, receipt)
        text = page.locator("main").inner_text()
        assert RESULT in text and "Dijawab" in text
    finally:
        for context in contexts:
            context.close()
    assert AuditRecord.objects.filter(action="view_protected").exists()
    checked, broken = verify_chain()
    assert broken is None and checked > 0
