"""Staff API, read side: GET /api/v1/cases, /cases/{n}, /cases/{n}/attachments/{id}."""

import hashlib

import pytest

from aduan.cases import services
from aduan.cases.actors import ReporterActor
from aduan.core.models import AuditRecord
from aduan.intake.storage import store_bytes

from .builders import REPORTER_DATA, build, new_report

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% bukti\n"

SUMMARY_KEYS = {
    "tracking_number",
    "kind",
    "kind_label",
    "status",
    "status_label",
    "title",
    "category",
    "category_name",
    "channel",
    "received_at",
    "due_at",
    "working_days_left",
    "overdue",
    "returned",
    "agencies",
    "restricted",
}
# API.md: the public track's fields + assignments, events, messages, identity.
DETAIL_KEYS = {
    "tracking_number",
    "kind",
    "status",
    "status_label",
    "title",
    "received_at",
    "due_at",
    "timeline",
    "messages",
    "result",
    "assignments",
    "events",
    "identity",
    "similar_cases",
    "available_actions",
}
ASSIGNMENT_KEYS = {"agency", "status", "first_response_due_at", "due_at", "returned_reason"}


@pytest.fixture
def api(client):
    def call(user, path, method="get", **kwargs):
        client.logout()
        if user is not None:
            client.force_login(user)
        return getattr(client, method)(f"/api/v1/cases{path}", **kwargs)

    return call


def test_unauthenticated_is_401_json(api, staff):
    case = build("received", staff)
    for path, method in [
        ("", "get"),
        (f"/{case.tracking_number}", "get"),
        (f"/{case.tracking_number}/attachments/1", "get"),
        (f"/{case.tracking_number}/actions/route", "post"),
    ]:
        response = api(None, path, method)
        assert response.status_code == 401, path
        assert response.json()["error"]["code"] == "unauthenticated"


def test_list_shape_and_filters(api, staff):
    routed = build("routed", staff)
    received = build("received", staff, title="Lampu jalan mati", channel="letter")
    response = api(staff["coordinator"], "")
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"items", "page", "pages", "total"}
    assert (body["page"], body["pages"], body["total"]) == (1, 1, 2)
    item = next(i for i in body["items"] if i["tracking_number"] == routed.tracking_number)
    assert set(item) >= SUMMARY_KEYS
    assert item["received_at"].endswith("+08:00") and item["due_at"].endswith("+08:00")
    assert sorted(item["agencies"]) == ["DINKES", "DPUPR"]
    assert item["category"] == "pekerjaan-umum" and item["overdue"] is False

    def listed(query):
        return [i["tracking_number"] for i in api(staff["coordinator"], query).json()["items"]]

    assert listed("?status=received") == [received.tracking_number]
    assert listed("?agency=DINKES") == [routed.tracking_number]
    assert listed("?channel=letter&q=lampu") == [received.tracking_number]
    assert listed("?kind=complaint&category=pekerjaan-umum&overdue=false") != []
    assert listed("?overdue=true") == []
    assert listed("?from=2000-01-01&to=2000-01-02") == []
    assert listed("?due_within=365") != []
    # Nonsense is ignored, never an error.
    response = api(
        staff["coordinator"], "?status=zzz&due_within=abc&from=kemarin&page=x&per_page=-1&q=%22"
    )
    assert response.status_code == 200 and response.json()["page"] == 1
    for q in ("%00", "%ED%A0%80", "%22%22%22", "NOT%20AND", "a%2A%2A%2A", "x" * 3000):
        assert api(staff["coordinator"], f"?q={q}").status_code == 200, q
    paged = api(staff["coordinator"], "?per_page=1&page=2").json()
    assert (paged["page"], paged["pages"], len(paged["items"])) == (2, 2, 1)


def test_list_is_what_the_caller_may_see(api, staff):
    public = build("routed", staff)
    wbs, _ = services.create_case(
        ReporterActor(), new_report(kind="whistleblowing", privacy="anonymous", reporter=None)
    )

    def numbers(user):
        return {i["tracking_number"] for i in api(user, "").json()["items"]}

    assert numbers(staff["coordinator"]) == {public.tracking_number}
    assert numbers(staff["officer_dinkes"]) == {public.tracking_number}
    assert numbers(staff["wbs"]) == {wbs.tracking_number}
    for role in ("custodian", "auditor", "sysadmin"):
        assert numbers(staff[role]) == set(), role


def test_detail_shape(api, staff):
    case = build("in_progress", staff, privacy="open")
    response = api(staff["coordinator"], f"/{case.tracking_number}")
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= DETAIL_KEYS
    assert body["tracking_number"] == case.tracking_number and body["status"] == "in_progress"
    assert body["identity"]["name"] == REPORTER_DATA.name  # coordinator, privacy=open
    assert body["received_at"].endswith("+08:00")
    for assignment in body["assignments"]:
        assert set(assignment) >= ASSIGNMENT_KEYS
    assert {a["agency"] for a in body["assignments"]} == {"DPUPR", "DINKES"}
    assert [t["status"] for t in body["timeline"]][:2] == ["received", "routed"]
    assert {"at", "status", "note"} <= set(body["timeline"][0])
    assert {"action", "actor", "actor_role", "status", "note"} <= set(body["events"][0])
    assert body["available_actions"] == []
    assert body["result"] is None
    assert AuditRecord.objects.filter(action="case_view").count() == 1
    assert AuditRecord.objects.filter(action="identity_display").count() == 1


def test_identity_canary_for_agency_and_supervisor(api, staff):
    case = build("in_progress", staff, privacy="open")
    for role in ("officer_dpupr", "head_dpupr", "officer_dinkes", "supervisor"):
        for path in ("", f"/{case.tracking_number}"):
            response = api(staff[role], path)
            assert response.status_code == 200, (role, path)
            text = response.content.decode()
            for secret in (REPORTER_DATA.name, REPORTER_DATA.nik, "6281250001234", "siti.rahmah"):
                assert secret not in text, (role, path)
        assert api(staff[role], f"/{case.tracking_number}").json()["identity"] is None


def test_forbidden_and_missing_are_the_same_404(api, staff):
    case = build("routed", staff)  # DPUPR and DINKES
    other_agency = staff["coordinator"].__class__.objects.create_user(
        username="opd.dishub", password="x", role="agency_officer", agency=_agency("DISHUB")
    )
    forbidden = api(other_agency, f"/{case.tracking_number}")
    missing = api(other_agency, "/ADU-2026-ZZZZZZ")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()
    assert api(staff["sysadmin"], f"/{case.tracking_number}").status_code == 404
    assert api(staff["auditor"], f"/{case.tracking_number}").status_code == 404
    assert api(staff["custodian"], f"/{case.tracking_number}").status_code == 404
    for odd in ("/ADU%00", "/%F0%9F%99%82", "/" + "A" * 300):
        assert api(staff["coordinator"], odd).status_code == 404, odd


def _agency(code):
    from aduan.agencies.models import Agency

    return Agency.objects.get(code=code)


def test_attachment_download(api, staff, settings, tmp_path):
    settings.ADUAN_UPLOAD_DIR = tmp_path
    stored = services.StoredEvidence(
        storage_name=store_bytes(PDF, "pdf"),
        content_type="application/pdf",
        size=len(PDF),
        sha256=hashlib.sha256(PDF).hexdigest(),
    )
    case = build("routed", staff, evidence=(stored,))
    body = api(staff["officer_dpupr"], f"/{case.tracking_number}").json()
    (item,) = body["evidence"]
    assert (item["content_type"], item["size"], item["source"]) == (
        "application/pdf",
        len(PDF),
        "evidence",
    )
    response = api(staff["officer_dpupr"], f"/{case.tracking_number}/attachments/{item['id']}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert "attachment;" in response["Content-Disposition"]
    assert (
        api(staff["officer_dpupr"], f"/{case.tracking_number}/attachments/999999").status_code
        == 404
    )
    other = build("received", staff)
    assert (
        api(
            staff["officer_dpupr"], f"/{other.tracking_number}/attachments/{item['id']}"
        ).status_code
        == 404
    )
    assert (
        api(staff["coordinator"], f"/{other.tracking_number}/attachments/{item['id']}").status_code
        == 404
    )
    assert (
        api(staff["sysadmin"], f"/{case.tracking_number}/attachments/{item['id']}").status_code
        == 404
    )
    for odd in ("99999999999999999999999", "0", "-1"):
        path = f"/{case.tracking_number}/attachments/{odd}"
        assert api(staff["coordinator"], path).status_code == 404, odd
    not_a_number = api(staff["coordinator"], f"/{case.tracking_number}/attachments/abc")
    assert not_a_number.status_code == 400  # the id's type, validated before any lookup


def test_openapi_lists_the_staff_routes(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/cases",
        "/api/v1/cases/{tracking_number}",
        "/api/v1/cases/{tracking_number}/attachments/{attachment_id}",
        "/api/v1/cases/{tracking_number}/actions/{action}",
    } <= set(paths)
