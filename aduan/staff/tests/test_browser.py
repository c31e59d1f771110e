"""The back office in a real browser (Debian Chromium via Playwright), JavaScript off: one
case walked from the public form → coordinator routes → agency officer accepts and answers →
coordinator publishes → reporter rates, in four browser contexts; and an automated
accessibility check (vendored axe-core) of the staff pages."""

import re

import pytest
from django.conf import settings
from django.test import Client

from aduan.cases.models import Case
from aduan.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(chromium, live_server, user, *, javascript=False):
    """A browser context carrying a session of `user` (for the accessibility sweep)."""
    client = Client()
    client.force_login(user)
    context = chromium.new_context(java_script_enabled=javascript, bypass_csp=True, locale="id-ID")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


def signed_in_through_the_form(chromium, live_server, username):
    """A browser page that signs in the way staff do: /staf/masuk, name and password.
    (The page is kept and used on: closing pages mid-test has hung headless Chromium.)"""
    context = chromium.new_context(java_script_enabled=False, locale="id-ID")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(live_server.url + "/staf/")
    assert "/staf/masuk" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "x")
    page.get_by_role("button", name="Masuk").click()
    assert "/staf/masuk" not in page.url
    return page


def test_one_case_through_the_whole_mechanism(chromium, live_server, reference, staff):
    contexts = []
    try:
        reporter = chromium.new_context(java_script_enabled=False, locale="id-ID")
        contexts.append(reporter)
        page = reporter.new_page()
        page.goto(live_server.url + "/lapor")
        page.check("input[name=kind][value=complaint]")
        page.fill("#id_title", "Jembatan kayu rusak di Desa Sungai Tabuk")
        page.fill("#id_description", "Papan jembatan lapuk dan berlubang; anak sekolah melintas.")
        page.check("input[name=privacy][value=anonymous]")
        page.get_by_role("button", name="Kirim laporan").click()
        number = page.locator("#tracking-number").inner_text().strip()
        receipt = page.locator("#receipt").inner_text().strip()

        desk = signed_in_through_the_form(chromium, live_server, "koordinator")
        contexts.append(desk.context)
        desk.goto(live_server.url + "/staf/")
        assert desk.url.endswith("/staf/antrean")
        desk.get_by_role("link", name=number).click()
        desk.check("#tindakan-route input[value=DPUPR]")
        desk.fill("#route_instructions", "Mohon survei lokasi.")
        desk.get_by_role("button", name="Disposisikan").click()
        assert "Laporan sudah didisposisikan." in desk.locator(".flash").inner_text()

        inbox = signed_in_through_the_form(chromium, live_server, "opd.dpupr")
        contexts.append(inbox.context)
        inbox.goto(live_server.url + "/staf/kotak-masuk")
        inbox.get_by_role("link", name=number).click()
        inbox.fill("#accept_note", "Tim kami ke lokasi minggu ini.")
        inbox.get_by_role("button", name="Terima disposisi").click()
        inbox.fill("#submit_result_summary", "Papan jembatan sudah diganti pada 10 Maret.")
        inbox.get_by_role("button", name="Kirim hasil tindak lanjut").click()
        assert "Hasil tindak lanjut sudah dikirim." in inbox.locator(".flash").inner_text()

        desk.reload()
        answer = desk.locator("#publish_result_message")
        assert "Papan jembatan sudah diganti" in answer.input_value()
        answer.fill("Terima kasih. Papan jembatan sudah diganti pada 10 Maret.")
        desk.get_by_role("button", name="Kirim jawaban kepada pelapor").click()
        assert Case.objects.get(tracking_number=number).status == "answered"

        page.goto(live_server.url + "/lacak")
        page.fill("input[name=tracking_number]", number)
        page.fill("input[name=receipt]", receipt)
        page.get_by_role("button", name="Lihat laporan").click()
        assert "Papan jembatan sudah diganti" in page.locator("body").inner_text()
        page.check("input[name=rating][value='5']")
        page.check("input[name=satisfied][value=yes]")
        page.get_by_role("button", name="Kirim penilaian").click()
        assert Case.objects.get(tracking_number=number).status == "closed"
    finally:
        for context in contexts:
            context.close()


def test_no_serious_accessibility_violations(chromium, live_server, reference, staff):
    from aduan.cases.tests.builders import build

    case = build("in_progress", staff)
    found = {}
    for role, paths in {
        "coordinator": [
            "/staf/antrean",
            "/staf/laporan",
            f"/staf/laporan/{case.tracking_number}",
            "/staf/laporan/baru",
        ],
        "officer_dpupr": ["/staf/kotak-masuk", f"/staf/laporan/{case.tracking_number}"],
        "sysadmin": ["/staf/"],
    }.items():
        context = signed_in(chromium, live_server, staff[role], javascript=True)
        try:
            page = context.new_page()
            for path in paths:
                page.goto(live_server.url + path)
                found[f"{role} {path}"] = axe_violations(page)
            if role == "coordinator":
                page.goto(live_server.url + "/staf/laporan/baru")
                page.get_by_role("button", name="Lanjut: bacakan kembali").click()
                found["intake (errors)"] = axe_violations(page)
                page.check("input[name=channel][value=phone]")
                page.check("input[name=kind][value=complaint]")
                page.fill("#id_title", "Air PDAM keruh")
                page.fill("#id_description", "Air keruh sejak seminggu di Kelurahan Kertak Baru.")
                page.check("input[name=privacy][value=anonymous]")
                page.get_by_role("button", name="Lanjut: bacakan kembali").click()
                found["intake (read-back)"] = axe_violations(page)
                page.get_by_role("button", name=re.compile("simpan laporan")).click()
                found["intake (receipt)"] = axe_violations(page)
        finally:
            context.close()
    assert found == {path: [] for path in found}
