"""The WBS officer on the back-office case page and the staff API (issue 6 item 1): the sealed
report, messages and evidence open only with the key unlocked at sign-in; nobody else sees the
case; over the API sealed actions answer 409."""

import json

import pytest

from aduan.cases.identity import ReporterData
from aduan.cases.models import Message
from aduan.cases.workflow import CaseStatus
from aduan.core.audit import AuditRecord
from aduan.whistleblowing import handling
from aduan.whistleblowing.models import SealedMessage, SealedReport

from .officer import (
    CANARY_MESSAGE,
    CANARY_NAME,
    CANARY_NOTE,
    CANARY_REASON,
    CANARY_WHAT,
    evidence,
    sealed_case,
    sign_in,
    take_on,
    with_key,
)

pytestmark = pytest.mark.django_db

CANARY_REPORTER = "Pelapor Kenari Rahasia"
CANARY_FILE = "Kanari-Bukti-Transfer-3310"


@pytest.fixture
def uploads(settings, tmp_path):
    settings.ADUAN_UPLOAD_DIR = tmp_path


@pytest.fixture
def officer(make_user):
    return make_user("wbs_officer", "INSPEKTORAT", "wbs.halaman")


def page(case) -> str:
    return f"/staf/laporan/{case.tracking_number}"


def action(case, name: str) -> str:
    return f"{page(case)}/tindakan/{name}"


def api_act(client, case, name: str, body: dict):
    return client.post(
        f"/api/v1/cases/{case.tracking_number}/actions/{name}",
        json.dumps(body),
        content_type="application/json",
    )


def test_officer_with_an_unlocked_key_reads_the_sealed_report(client, officer, uploads):
    sign_in(client, officer)  # the first sign-in makes the key pair: later cases are sealed for it
    reporter = ReporterData(name=CANARY_REPORTER, phone="081234567890")
    case, _ = sealed_case(evidence=(evidence(CANARY_FILE),), reporter=reporter)
    handling.post_sealed_message(
        officer, case, body=CANARY_MESSAGE, internal=False, private_key=with_key(officer)
    )
    response = client.get(page(case))
    assert response.status_code == 200
    text = response.content.decode()
    assert CANARY_WHAT in text and CANARY_NAME in text and CANARY_MESSAGE in text
    assert CANARY_REPORTER not in text and "081234567890" not in text  # the custodian's
    assert AuditRecord.objects.filter(action="view_protected", actor="wbs.halaman").exists()
    attachment = case.attachments.get()
    download = client.get(f"{page(case)}/lampiran/{attachment.pk}")
    assert download.status_code == 200
    assert CANARY_FILE.encode() in download.content  # opened: the stored bytes are sealed


def test_without_a_session_key_the_page_explains_instead(client, officer, uploads):
    with_key(officer)
    case, _ = sealed_case(evidence=(evidence(CANARY_FILE),))
    client.force_login(officer)  # signed in, but not through the password: no key
    response = client.get(page(case))
    assert response.status_code == 200
    text = response.content.decode()
    assert CANARY_WHAT not in text and CANARY_NAME not in text
    assert "/staf/masuk" in text and "masuk kembali" in text
    download = client.get(f"{page(case)}/lampiran/{case.attachments.get().pk}")
    assert download.status_code == 409 and CANARY_FILE.encode() not in download.content


@pytest.mark.parametrize("role", ["coordinator", "officer_dpupr", "supervisor", "sysadmin"])
def test_nobody_else_sees_the_case(client, staff, role):
    with_key(staff["wbs"])
    case, _ = sealed_case()
    client.force_login(staff[role])
    assert client.get(page(case)).status_code == 404
    assert client.get(f"/api/v1/cases/{case.tracking_number}").status_code == 404
    assert api_act(client, case, "judge_evidence", {}).status_code in (403, 404)


def test_a_conflicted_officer_gets_404(client, make_user):
    seconded = make_user("wbs_officer", "DPUPR", "wbs.dpupr")  # works in the reported agency
    sign_in(client, seconded)
    case, _ = sealed_case()
    assert client.get(page(case)).status_code == 404
    assert client.get(f"/api/v1/cases/{case.tracking_number}").status_code == 404


def test_sealed_actions_over_the_api_answer_409(client, officer, make_user, uploads):
    with_key(officer)
    colleague = make_user("wbs_officer", "INSPEKTORAT", "wbs.rekan")
    case, _ = sealed_case(evidence=(evidence(),))
    client.force_login(officer)
    for name, body in (
        ("judge_evidence", {"sufficient": False, "reason": "Kurang.", "message": "Kirim."}),
        ("request_info", {"message": "Kirim bukti."}),
        ("conclude", {"outcome": "refer_kpk", "note": "Pidana."}),
    ):
        response = api_act(client, case, name, body)
        assert response.status_code == 409, (name, response.content)
        error = response.json()["error"]
        assert error["code"] == "sealed_content_locked"
        assert "buka melalui situs petugas" in error["message"].lower()
    assert not Message.objects.filter(case=case).exists()
    download = client.get(
        f"/api/v1/cases/{case.tracking_number}/attachments/{case.attachments.get().pk}"
    )
    assert download.status_code == 409
    response = api_act(client, case, "assign_handler", {"handler": colleague.username})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == CaseStatus.RECEIVED
    assert {"judge_evidence", "assign_handler", "conclude"} <= set(body["available_actions"])
    assert SealedReport.objects.get(case=case).handler == colleague


def test_the_evidence_gate_and_messages_through_the_page(client, officer, make_user):
    seconded = make_user("wbs_officer", "DPUPR", "wbs.dpupr")
    sign_in(client, officer)
    case, _ = sealed_case()
    response = client.post(
        action(case, "judge_evidence"),
        {"sufficient": "no", "reason": CANARY_REASON, "message": CANARY_MESSAGE},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.status == CaseStatus.NEEDS_INFO
    sent = Message.objects.get(case=case)
    assert sent.body == "" and SealedMessage.objects.filter(message=sent).exists()
    client.post(action(case, "message"), {"audience": "internal", "body": CANARY_NOTE})
    assert not Message.objects.filter(body__contains=CANARY_NOTE).exists()
    assert Message.objects.filter(case=case, internal=True, body="").exists()
    text = client.get(page(case)).content.decode()
    assert CANARY_REASON in text and CANARY_MESSAGE in text and CANARY_NOTE in text
    refused = client.post(action(case, "assign_handler"), {"handler": seconded.username})
    assert refused.status_code == 400 and "benturan kepentingan" in refused.content.decode()


def test_the_conclusion_reaches_the_reporter_on_lacak(client, officer):
    sign_in(client, officer)
    case, receipt = sealed_case()
    take_on(officer, case)
    response = client.post(
        action(case, "conclude"),
        {"outcome": "unsubstantiated", "note": CANARY_NOTE, "message": CANARY_MESSAGE},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED
    assert SealedReport.objects.get(case=case).outcome == "unsubstantiated"
    client.logout()
    tracked = client.post(
        "/api/v1/track",
        json.dumps({"tracking_number": case.tracking_number, "receipt": receipt}),
        content_type="application/json",
    )
    assert tracked.status_code == 200
    assert "tidak terbukti" in tracked.json()["result"]["summary"]
