"""The reporter's side of protection: the forms on /lacak, the public API, and the decision
showing up on both."""

import json
import re

import pytest

from aduan.core.models import AuditRecord
from aduan.protection import services
from aduan.protection.models import ProtectionRequest

from .conftest import ACCOUNT

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def credentials(reported) -> dict:
    case, receipt, _ = reported
    return {"tracking_number": case.tracking_number, "receipt": receipt}


def token_in(response, step: str) -> str:
    """The form token of the /lacak page's form for that step."""
    content = response.content.decode()
    form = content[content.index(f'name="step" value="{step}"') :]
    return TOKEN.search(form).group(1)


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_lacak_shows_the_protection_forms(client, reported):
    response = client.post("/lacak", credentials(reported))
    text = response.content.decode()
    assert "Perlindungan pelapor" in text
    assert 'name="step" value="protection"' in text and 'name="step" value="retaliation"' in text
    assert 'action="/lacak/' not in text  # every step posts to /lacak itself
    assert "Rujukan ke LPSK" in text and "Bantuan psikologis" in text
    receipt = reported[1]
    assert f"?{receipt}" not in text and f"receipt={receipt}" not in text  # POST bodies only


def test_request_through_lacak_then_decision_visible(client, reported, staff):
    page = client.post("/lacak", credentials(reported))
    token = token_in(page, "protection")
    data = {**credentials(reported), "step": "protection", "form_token": token, "kind": "threat",
            "description": ACCOUNT}  # fmt: skip
    response = client.post("/lacak", data)
    text = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert "Permohonan perlindungan Anda sudah tercatat" in text
    assert "Menunggu keputusan" in text and "diputuskan paling lambat" in text
    record = ProtectionRequest.objects.get()
    assert record.kind == "threat"
    # Sent twice (a refresh): recorded once.
    again = client.post("/lacak", data)
    assert again.status_code == 409 and ProtectionRequest.objects.count() == 1
    services.decide(staff["wbs"], record, outcome="granted", note="Koordinasi dengan Polda.")
    text = client.post("/lacak", credentials(reported)).content.decode()
    assert "Dikabulkan" in text and "Koordinasi dengan Polda." in text


def test_lacak_form_errors_are_shown_and_nothing_stored(client, reported):
    page = client.post("/lacak", credentials(reported))
    token = token_in(page, "protection")
    data = {**credentials(reported), "step": "protection", "form_token": token, "kind": "",
            "description": ""}  # fmt: skip
    response = client.post("/lacak", data)
    assert response.status_code == 400
    assert "Ada isian yang perlu diperbaiki" in response.content.decode()
    assert "<details open>" in response.content.decode()
    assert not ProtectionRequest.objects.exists()


def test_wrong_receipt_is_the_tracking_404(client, reported):
    case, _, _ = reported
    data = {"step": "protection", "tracking_number": case.tracking_number,
            "receipt": "AAAA-BBBB-CCCC-DDDD", "kind": "threat", "description": ACCOUNT}  # fmt: skip
    assert client.post("/lacak", data).status_code == 404
    assert not ProtectionRequest.objects.exists()


def test_retaliation_through_lacak(client, reported, staff):
    page = client.post("/lacak", credentials(reported))
    token = token_in(page, "retaliation")
    data = {**credentials(reported), "step": "retaliation", "form_token": token,
            "adverse_action": "dismissal", "description": ACCOUNT}  # fmt: skip
    response = client.post("/lacak", data)
    assert response.status_code == 200
    assert "Laporan pembalasan Anda sudah diteruskan" in response.content.decode()
    record = ProtectionRequest.objects.get()
    assert record.kind == "retaliation" and record.case_id == reported[0].pk
    assert staff["wbs"].notifications.filter(kind="protection").count() == 1


def test_public_api_request_and_track_shows_it(client, reported, staff):
    response = post_json(
        client,
        "/api/v1/track/protection",
        {**credentials(reported), "kind": "lpsk_referral", "description": ACCOUNT},
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["kind"] == "lpsk_referral" and created["status"] == "pending"
    assert created["due_at"].endswith("23:59:59+08:00")
    record = ProtectionRequest.objects.get(reference=created["reference"])
    services.decide(staff["wbs"], record, outcome="referred", note="Dirujuk ke LPSK hari ini.")
    tracked = post_json(client, "/api/v1/track", credentials(reported)).json()
    assert tracked["protection"][0]["status"] == "referred"
    assert tracked["protection"][0]["decision_note"] == "Dirujuk ke LPSK hari ini."


def test_public_api_retaliation_and_errors(client, reported):
    bad = post_json(
        client,
        "/api/v1/track/retaliation",
        {**credentials(reported), "adverse_action": "x", "description": ACCOUNT},
    )
    assert bad.status_code == 400 and "adverse_action" in bad.json()["error"]["fields"]
    wrong = post_json(
        client,
        "/api/v1/track/retaliation",
        {**credentials(reported), "receipt": "salah", "adverse_action": "threat",
         "description": ACCOUNT},
    )  # fmt: skip
    assert wrong.status_code == 404
    ok = post_json(
        client,
        "/api/v1/track/retaliation",
        {**credentials(reported), "adverse_action": "threat", "description": ACCOUNT},
    )
    assert ok.status_code == 201 and ok.json()["kind"] == "retaliation"
    assert AuditRecord.objects.filter(action="protection_request").count() == 1


def test_an_agency_officer_never_sees_the_request(client, reported, staff):
    case, _, reporter = reported
    services.report_retaliation(reporter, case, adverse_action="transfer", description=ACCOUNT)
    client.force_login(staff["officer_dpupr"])
    for url in (f"/staf/laporan/{case.tracking_number}", f"/api/v1/cases/{case.tracking_number}"):
        text = client.get(url).content.decode()
        assert ACCOUNT not in text and "pembalasan" not in text.lower()


def test_openapi_documents_the_endpoints(client, reference):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/track/protection" in paths and "/api/v1/track/retaliation" in paths
    assert "/api/v1/cases/{tracking_number}/actions/reveal_identity" in paths
