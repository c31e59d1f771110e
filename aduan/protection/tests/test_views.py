"""/staf/perlindungan: the Inspektorat's register (deadline badges), a record's page with its
decide form; nobody else reaches them."""

import datetime as dt

import pytest
import time_machine

from aduan.core import clock
from aduan.core.models import AuditRecord
from aduan.protection import services
from aduan.protection.models import ProtectionRequest

from .conftest import ACCOUNT

pytestmark = pytest.mark.django_db

OTHERS = [
    "coordinator", "officer_dpupr", "head_dpupr", "custodian", "supervisor", "auditor",
    "sysadmin",
]  # fmt: skip


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=clock.WITA)


@pytest.fixture
def record(reported):
    case, _, reporter = reported
    return services.request_protection(reporter, case, kind="threat", description=ACCOUNT)


@pytest.mark.parametrize("role", OTHERS)
def test_no_other_role_reaches_protection(client, staff, record, role):
    client.force_login(staff[role])
    for url in (
        "/staf/perlindungan",
        f"/staf/perlindungan/{record.pk}",
        "/staf/perlindungan/cek-nip",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/staf/perlindungan/{record.pk}", {"outcome": "granted", "note": "Dikabulkan saja."}
    )
    assert response.status_code == 404
    assert ProtectionRequest.objects.get(pk=record.pk).is_pending


def test_register_lists_pending_first_with_deadline_badges(client, staff, reported):
    case, _, reporter = reported
    with time_machine.travel(at("2026-11-02 09:00"), tick=False):
        late = services.request_protection(reporter, case, kind="threat", description=ACCOUNT)
        done = services.request_protection(reporter, case, kind="legal_aid", description=ACCOUNT)
        services.decide(staff["wbs"], done, outcome="refused", note="Tidak memenuhi syarat.")
    with time_machine.travel(at("2026-11-10 09:00"), tick=False):
        fresh = services.report_retaliation(
            reporter, case, adverse_action="demotion", description=ACCOUNT
        )
        client.force_login(staff["wbs"])
        response = client.get("/staf/perlindungan")
        pending = client.get("/staf/perlindungan?state=pending").content.decode()
        only = client.get("/staf/perlindungan?kind=retaliation").content.decode()
    text = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert text.index(late.reference) < text.index(fresh.reference) < text.index(done.reference)
    assert "Lewat 1 hari" in text and "Sisa 7 hari" in text
    assert "Ditolak" in text and case.tracking_number in text
    assert ACCOUNT not in text  # the list carries no account
    assert done.reference not in pending and late.reference in pending
    assert fresh.reference in only and late.reference not in only


def test_detail_shows_the_account_and_decides(client, staff, record):
    client.force_login(staff["wbs"])
    url = f"/staf/perlindungan/{record.pk}"
    text = client.get(url).content.decode()
    assert ACCOUNT in text and "Pelapor ASN" in text and "Ya" in text
    assert AuditRecord.objects.filter(action="protection_view").count() == 1
    response = client.post(url, {"outcome": "referred", "note": "Dirujuk ke LPSK di Jakarta."})
    assert response.status_code == 302 and response["Location"] == url
    record.refresh_from_db()
    assert record.outcome == "referred" and record.decided_by == staff["wbs"]
    text = client.get(url).content.decode()
    assert "Dirujuk ke LPSK di Jakarta." in text and 'name="outcome"' not in text
    again = client.post(url, {"outcome": "granted", "note": "Berubah pikiran sekarang."})
    assert again.status_code == 409


def test_decide_form_errors_stay_next_to_the_fields(client, staff, record):
    client.force_login(staff["wbs"])
    url = f"/staf/perlindungan/{record.pk}"
    response = client.post(url, {"outcome": "", "note": ""})
    assert response.status_code == 400
    response = client.post(url, {"outcome": "granted", "note": "singkat"})
    assert response.status_code == 400
    assert "paling sedikit 10 karakter" in response.content.decode()
    assert ProtectionRequest.objects.get(pk=record.pk).is_pending


def test_unknown_record_is_404(client, staff):
    client.force_login(staff["wbs"])
    assert client.get("/staf/perlindungan/999999").status_code == 404


def test_menu_and_notification_lead_to_the_register(client, staff, record):
    client.force_login(staff["wbs"])
    assert 'href="/staf/perlindungan"' in client.get("/staf/laporan").content.decode()
    inbox = client.get("/staf/notifikasi").content.decode()
    assert record.reference in inbox and 'href="/staf/perlindungan"' in inbox
