"""The identity custodian (issue 6, item 5): services.custodian and
POST /api/v1/cases/{n}/actions/reveal_identity. Only the custodian, with a reason; every reveal
audited (never the identity) and shown to the reporter; the identity only in the answer."""

import json

import pytest

from aduan.cases import services
from aduan.cases.actors import ReporterActor
from aduan.cases.identity import ReporterData
from aduan.cases.models import CaseEvent
from aduan.cases.services import custodian
from aduan.core.errors import InvalidTransition, NotFound, NotPermitted, ValidationFailed
from aduan.core.models import AuditRecord
from aduan.notifications.models import OutboundMessage

from .builders import build, new_report

pytestmark = pytest.mark.django_db

SECRET = ReporterData(
    name="Rahasia Kustodia Wibowo",
    nik="6371012233445566",
    phone="0812 3333 9090",
    email="kustodia.wibowo@example.id",
    address="Jl. Tersegel No. 9, Martapura",
    is_asn=True,
    nip="198001012005011001",
)
SECRETS = (SECRET.name, SECRET.nik, "kustodia.wibowo@example.id", "Jl. Tersegel", SECRET.nip)
REASON = "Permintaan resmi Polda Kalsel No. B/123/XII/2026 untuk pemeriksaan saksi."
OTHER_ROLES = [
    "coordinator", "officer_dpupr", "head_dpupr", "officer_dinkes", "head_dinkes", "wbs",
    "supervisor", "auditor", "sysadmin",
]  # fmt: skip


@pytest.fixture
def act(client):
    def post(user, number, body=None, raw=None):
        client.logout()
        client.force_login(user)
        return client.post(
            f"/api/v1/cases/{number}/actions/reveal_identity",
            data=raw if raw is not None else json.dumps(body or {}),
            content_type="application/json",
        )

    return post


def confidential(staff, status="routed"):
    return build(status, staff, privacy="confidential", reporter=SECRET)


def no_secrets(text: str) -> bool:
    return not any(secret in text for secret in SECRETS)


# The service ------------------------------------------------------------------------------


def test_reveal_opens_the_identity_and_keeps_the_status(staff):
    case = confidential(staff)
    revealed = services.reveal_identity(staff["custodian"], case, REASON)
    assert revealed.identity.name == SECRET.name and revealed.identity.nip == SECRET.nip
    case.refresh_from_db()
    assert case.status == "routed"
    event = CaseEvent.objects.get(case=case, action="reveal_identity")
    assert event.from_status == event.to_status == "routed"
    assert event.visible_to_reporter and event.actor == staff["custodian"]
    assert REASON in event.note and no_secrets(event.note + json.dumps(event.data))


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_every_other_role_is_refused(staff, role):
    case = confidential(staff)
    with pytest.raises(NotPermitted):
        services.reveal_identity(staff[role], case, REASON)
    assert not CaseEvent.objects.filter(action="reveal_identity").exists()


@pytest.mark.parametrize("reason", ["", "   ", "karena perlu", "x" * 19])
def test_a_reason_of_at_least_a_sentence_is_required(staff, reason):
    case = confidential(staff)
    with pytest.raises(ValidationFailed) as caught:
        services.reveal_identity(staff["custodian"], case, reason)
    assert "reason" in caught.value.fields
    assert "paling sedikit 20 karakter" in caught.value.fields["reason"][0]
    assert not AuditRecord.objects.filter(action="identity_reveal").exists()


def test_an_anonymous_case_has_nothing_to_reveal(staff):
    case, _ = services.create_case(ReporterActor(), new_report(privacy="anonymous", reporter=None))
    with pytest.raises(InvalidTransition) as caught:
        services.reveal_identity(staff["custodian"], case, REASON)
    assert "anonim" in caught.value.message
    assert not CaseEvent.objects.filter(action="reveal_identity").exists()


def test_reveal_works_in_a_final_status(staff):
    case = confidential(staff, "closed")
    services.reveal_identity(staff["custodian"], case, REASON)
    case.refresh_from_db()
    assert case.status == "closed"


def test_every_reveal_is_audited_without_the_identity(staff):
    case = confidential(staff)
    services.reveal_identity(staff["custodian"], case, REASON)
    services.reveal_identity(staff["custodian"], case, REASON + " Pemeriksaan kedua.")
    records = AuditRecord.objects.filter(action="identity_reveal").order_by("id")
    assert records.count() == 2
    first = records.first()
    assert first.actor == "kustodian" and first.actor_role == "custodian"
    assert first.target == f"case:{case.tracking_number}"
    assert first.details["reason"] == REASON
    for record in AuditRecord.objects.all():
        assert no_secrets(str(record) + json.dumps(record.details))


def test_the_reporter_is_told_through_the_outbox(staff, django_capture_on_commit_callbacks):
    case = confidential(staff)
    before = OutboundMessage.objects.filter(case=case).count()
    with django_capture_on_commit_callbacks(execute=True):
        services.reveal_identity(staff["custodian"], case, REASON)
    event = CaseEvent.objects.get(case=case, action="reveal_identity")
    message = OutboundMessage.objects.get(event=event)
    assert message.template == "reporter_case_updated"
    assert OutboundMessage.objects.filter(case=case).count() == before + 1


def test_the_custodian_lookup_shows_no_content(staff):
    case = confidential(staff)
    found = custodian.custodian_case(staff["custodian"], case.tracking_number.lower())
    assert found.tracking_number == case.tracking_number and found.has_identity
    assert not hasattr(found, "title") and not hasattr(found, "description")
    with pytest.raises(NotFound):
        custodian.custodian_case(staff["coordinator"], case.tracking_number)
    with pytest.raises(NotFound):
        custodian.custodian_case(staff["custodian"], "ADU-0000-XXXXXX")


# The API ----------------------------------------------------------------------------------


def test_api_reveal_answers_with_the_identity_once(act, staff):
    case = confidential(staff)
    response = act(staff["custodian"], case.tracking_number, {"reason": REASON})
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["tracking_number"] == case.tracking_number and body["status"] == "routed"
    assert body["identity"]["name"] == SECRET.name
    assert body["identity"]["nik"] == SECRET.nik and body["identity"]["is_asn"] is True
    assert body["revealed_at"].endswith("+08:00")


def test_api_refuses_other_roles_404_or_403(act, staff):
    case = confidential(staff)
    sees_case = {"coordinator", "officer_dpupr", "head_dpupr", "officer_dinkes", "head_dinkes"}
    sees_case |= {"supervisor"}
    for role in OTHER_ROLES:
        response = act(staff[role], case.tracking_number, {"reason": REASON})
        expected = 403 if role in sees_case else 404
        assert response.status_code == expected, (role, response.content)
        assert no_secrets(response.content.decode())
    assert not CaseEvent.objects.filter(action="reveal_identity").exists()


def test_api_without_a_reason_is_400(act, staff):
    case = confidential(staff)
    for body in ({}, {"reason": ""}, {"reason": "terlalu singkat"}):
        response = act(staff["custodian"], case.tracking_number, body)
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "validation_error" and "reason" in error["fields"]
    assert act(staff["custodian"], case.tracking_number, raw="[").status_code == 400
    assert not CaseEvent.objects.filter(action="reveal_identity").exists()


def test_api_unknown_case_and_anonymous_case(act, staff):
    assert act(staff["custodian"], "ADU-0000-XXXXXX", {"reason": REASON}).status_code == 404
    assert act(staff["custodian"], "bad number!", {"reason": REASON}).status_code == 404
    case, _ = services.create_case(ReporterActor(), new_report(privacy="anonymous", reporter=None))
    response = act(staff["custodian"], case.tracking_number, {"reason": REASON})
    assert response.status_code == 409
    assert "anonim" in response.json()["error"]["message"]


def test_reveal_is_visible_to_the_reporter_in_the_track_api(act, client, staff, make_user):
    case, receipt = services.create_case(
        ReporterActor(), new_report(privacy="confidential", reporter=SECRET)
    )
    keeper = make_user("custodian", None, "penjaga.identitas")
    act(keeper, case.tracking_number, {"reason": REASON})
    client.logout()
    response = client.post(
        "/api/v1/track",
        json.dumps({"tracking_number": case.tracking_number, "receipt": receipt}),
        content_type="application/json",
    )
    timeline = response.json()["timeline"]
    reveal = [e for e in timeline if e["action"] == "reveal_identity"]
    assert len(reveal) == 1 and REASON in reveal[0]["note"]
    assert "penjaga.identitas" not in response.content.decode()  # the custodian's name: not shown
    assert no_secrets(response.content.decode())


def test_staff_case_pages_never_show_a_revealed_identity(act, client, staff):
    case = confidential(staff)
    act(staff["custodian"], case.tracking_number, {"reason": REASON})
    for role in ("coordinator", "officer_dpupr", "supervisor"):
        client.force_login(staff[role])
        for url in (
            f"/api/v1/cases/{case.tracking_number}",
            f"/staf/laporan/{case.tracking_number}",
        ):
            response = client.get(url)
            assert response.status_code == 200
            assert no_secrets(response.content.decode()), (role, url)
