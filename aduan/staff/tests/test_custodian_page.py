"""/staf/kustodian (issue 6, item 5): find a case by number, give the reason, see the identity
once on the result page (POST only, no-store); the reporter sees the reveal on /lacak."""

import re

import pytest

from aduan.cases import services
from aduan.cases.actors import ReporterActor
from aduan.cases.models import CaseEvent
from aduan.cases.tests.builders import build, new_report
from aduan.core.models import AuditRecord

from .conftest import CANARY, CANARY_STRINGS

pytestmark = pytest.mark.django_db

URL = "/staf/kustodian"
REASON = "Permintaan tertulis Kejaksaan Tinggi Kalsel untuk pemeriksaan saksi pelapor."
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def find(client, number):
    return client.post(URL, {"step": "find", "tracking_number": number})


def reveal(client, number, reason=REASON, token=None):
    if token is None:
        token = TOKEN.search(find(client, number).content.decode()).group(1)
    data = {"step": "reveal", "tracking_number": number, "reason": reason, "form_token": token}
    return client.post(URL, data)


@pytest.fixture
def case(staff):
    return build("in_progress", staff, privacy="confidential", reporter=CANARY)


@pytest.mark.parametrize(
    "role",
    ["coordinator", "officer_dpupr", "head_dpupr", "wbs", "supervisor", "auditor", "sysadmin"],
)
def test_only_the_custodian_has_the_page(client, staff, case, role):
    client.force_login(staff[role])
    assert client.get(URL).status_code == 404
    assert find(client, case.tracking_number).status_code == 404
    response = client.post(URL, {"step": "reveal", "tracking_number": case.tracking_number,
                                 "reason": REASON})  # fmt: skip
    assert response.status_code == 404
    assert not CaseEvent.objects.filter(action="reveal_identity").exists()


def test_signed_out_goes_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_find_shows_status_and_privacy_but_no_content(client, staff, case):
    client.force_login(staff["custodian"])
    response = find(client, case.tracking_number.lower())
    text = response.content.decode()
    assert response.status_code == 200
    assert case.tracking_number in text and "Ditindaklanjuti" in text and "Rahasia" in text
    assert case.title not in text and case.description not in text
    assert all(secret not in text for secret in CANARY_STRINGS)
    assert 'name="reason"' in text
    assert AuditRecord.objects.filter(action="custodian_lookup").count() == 1


def test_unknown_number_is_said_plainly(client, staff):
    client.force_login(staff["custodian"])
    response = find(client, "ADU-0000-XXXXXX")
    assert response.status_code == 404
    assert "tidak ditemukan" in response.content.decode()


def test_reveal_shows_the_identity_once_and_never_in_a_url(client, staff, case):
    client.force_login(staff["custodian"])
    response = reveal(client, case.tracking_number)
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert CANARY.name in text and CANARY.nik in text
    assert "dicatat dalam log audit" in text
    assert response.request["PATH_INFO"] == URL and not response.request["QUERY_STRING"]
    assert not any(secret in str(v) for v in client.session.values() for secret in CANARY_STRINGS)
    assert CaseEvent.objects.filter(case=case, action="reveal_identity").count() == 1
    record = AuditRecord.objects.get(action="identity_reveal")
    assert record.details["reason"] == REASON


def test_sending_the_same_form_again_reveals_nothing(client, staff, case):
    client.force_login(staff["custodian"])
    token = TOKEN.search(find(client, case.tracking_number).content.decode()).group(1)
    assert reveal(client, case.tracking_number, token=token).status_code == 200
    again = reveal(client, case.tracking_number, token=token)
    assert again.status_code == 409
    text = again.content.decode()
    assert all(secret not in text for secret in CANARY_STRINGS)
    assert "sudah dipakai" in text
    assert CaseEvent.objects.filter(case=case, action="reveal_identity").count() == 1


def test_a_short_reason_is_refused_next_to_the_field(client, staff, case):
    client.force_login(staff["custodian"])
    response = reveal(client, case.tracking_number, reason="perlu")
    assert response.status_code == 400
    text = response.content.decode()
    assert "paling sedikit 20 karakter" in text
    assert all(secret not in text for secret in CANARY_STRINGS)
    assert not CaseEvent.objects.filter(action="reveal_identity").exists()
    # The form can be sent again with a proper reason (its token was released).
    token = TOKEN.search(text).group(1)
    assert reveal(client, case.tracking_number, token=token).status_code == 200


def test_anonymous_case_says_there_is_nothing_to_reveal(client, staff):
    case, _ = services.create_case(ReporterActor(), new_report(privacy="anonymous", reporter=None))
    client.force_login(staff["custodian"])
    text = find(client, case.tracking_number).content.decode()
    assert "Laporan ini anonim" in text and 'name="reason"' not in text
    response = client.post(URL, {"step": "reveal", "tracking_number": case.tracking_number,
                                 "reason": REASON, "form_token": ""})  # fmt: skip
    assert response.status_code == 409
    assert "anonim" in response.content.decode()


def test_the_reporter_sees_the_reveal_on_lacak(client, staff):
    case, receipt = services.create_case(
        ReporterActor(), new_report(privacy="confidential", reporter=CANARY)
    )
    client.force_login(staff["custodian"])
    reveal(client, case.tracking_number)
    client.logout()
    response = client.post("/lacak", {"tracking_number": case.tracking_number, "receipt": receipt})
    text = response.content.decode()
    assert "Identitas Anda dibuka" in text
    assert REASON in text
    assert "kustodian identitas" in text  # the role, not the custodian's name
    assert ">kustodian<" not in text


def test_the_menu_leads_the_custodian_here(client, staff):
    client.force_login(staff["custodian"])
    text = client.get("/staf/").content.decode()
    assert f'href="{URL}"' in text
