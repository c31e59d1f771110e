"""The public JSON API (shared/API.md, "Public")."""

import itertools
import json

import pytest
from django.core.cache import cache

from aduan.cases import services as case_services
from aduan.cases.models import Case, ReporterIdentity

pytestmark = pytest.mark.django_db

REPORTER = {
    "name": "Siti Rahmah",
    "nik": "6371010101900001",
    "phone": "081250001234",
    "email": "siti@example.id",
    "address": "Jl. A. Yani Km 5",
}


def report(**overrides) -> dict:
    body = {
        "kind": "complaint",
        "title": "Jalan berlubang di Jl. A. Yani Km 17",
        "description": "Lubang besar di tengah jalan, sudah tiga bulan tidak diperbaiki.",
        "category": "pekerjaan-umum",
        "occurred_on": "2026-11-30",
        "location": "Jl. A. Yani Km 17",
        "regency": "KAB-BANJAR",
        "privacy": "confidential",
        "is_public": False,
        "reporter": REPORTER,
    }
    body.update(overrides)
    return body


def post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.mark.parametrize(
    ("kind", "privacy"),
    list(itertools.product(["complaint", "aspiration", "information_request"],
                           ["open", "confidential", "anonymous"])),
)  # fmt: skip
def test_valid_report_of_each_kind_and_privacy(client, reference, kind, privacy):
    body = report(kind=kind, privacy=privacy)
    if privacy == "anonymous":
        del body["reporter"]
    response = post(client, "/api/v1/reports", body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) >= {
        "tracking_number", "receipt", "status", "status_label", "received_at",
        "verification_due_at",
    }  # fmt: skip
    assert data["status"] == "received" and data["status_label"] == "Diterima"
    assert data["received_at"].endswith("+08:00")
    case = Case.objects.get(tracking_number=data["tracking_number"])
    assert (case.kind, case.privacy, case.channel) == (kind, privacy, "api")
    assert ReporterIdentity.objects.filter(case=case).exists() == (privacy != "anonymous")
    assert len(data["receipt"].replace("-", "")) == 16


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"description": "pendek"}, "description"),
        ({"description": "x" * 20001}, "description"),
        ({"kind": "gosip"}, "kind"),
        ({"kind": "whistleblowing"}, "kind"),
        ({"privacy": "publik"}, "privacy"),
        ({"category": "tidak-ada"}, "category"),
        ({"regency": "DPUPR"}, "regency"),
        ({"occurred_on": "2999-01-01"}, "occurred_on"),
        ({"occurred_on": "kemarin"}, "occurred_on"),
        ({"reporter": {**REPORTER, "nik": "123"}}, "reporter.nik"),
        ({"reporter": {**REPORTER, "email": "bukan-email"}}, "reporter.email"),
        ({"reporter": {**REPORTER, "nip": "1234", "is_asn": True}}, "reporter.nip"),
        ({"reporter": {**REPORTER, "name": ""}}, "reporter.name"),
        ({"reporter": None}, "reporter"),
        ({"is_public": "mungkin"}, "is_public"),
    ],
)
def test_each_invalid_field_is_named_in_indonesian_and_nothing_stored(
    client, reference, overrides, field
):
    response = post(client, "/api/v1/reports", report(**overrides))
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["fields"], error
    assert error["message"]
    assert not Case.objects.exists()


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", ""])
def test_malformed_json_is_400_not_500(client, reference, raw):
    response = client.post("/api/v1/reports", data=raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


def test_anonymous_report_with_identity_is_refused(client, reference):
    response = post(client, "/api/v1/reports", report(privacy="anonymous"))
    assert response.status_code == 400
    assert "reporter" in response.json()["error"]["fields"]
    assert not Case.objects.exists()


def submit(client, **overrides) -> dict:
    response = post(client, "/api/v1/reports", report(**overrides))
    assert response.status_code == 201, response.content
    return response.json()


def test_track_shows_the_reporters_view(client, reference):
    created = submit(client)
    response = post(client, "/api/v1/track", {
        "tracking_number": created["tracking_number"].lower(), "receipt": created["receipt"],
    })  # fmt: skip
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "received" and data["title"].startswith("Jalan berlubang")
    assert [e["status"] for e in data["timeline"]] == ["received"]
    assert data["can_reply"] is True and data["can_give_feedback"] is False
    assert data["result"] is None
    assert "Siti" not in response.content.decode()


def test_wrong_number_and_wrong_receipt_answer_identically(client, reference):
    created = submit(client)
    wrong_receipt = post(client, "/api/v1/track", {
        "tracking_number": created["tracking_number"], "receipt": "AAAA-BBBB-CCCC-DDDD",
    })  # fmt: skip
    wrong_number = post(client, "/api/v1/track", {
        "tracking_number": "ADU-2026-ZZZZZZ", "receipt": created["receipt"],
    })  # fmt: skip
    assert wrong_receipt.status_code == wrong_number.status_code == 404
    assert wrong_receipt.content == wrong_number.content


def test_repeated_failures_are_throttled_with_retry_after(client, reference, settings):
    settings.ADUAN_TRACK_MAX_FAILURES = 3
    created = submit(client)
    bad = {"tracking_number": created["tracking_number"], "receipt": "AAAA-BBBB-CCCC-DDDD"}
    assert [post(client, "/api/v1/track", bad).status_code for _ in range(3)] == [404] * 3
    throttled = post(client, "/api/v1/track", bad)
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert throttled.json()["error"]["code"] == "throttled"
    # Even the right receipt waits now: the number is under attack.
    good = {"tracking_number": created["tracking_number"], "receipt": created["receipt"]}
    assert post(client, "/api/v1/track", good).status_code == 429


def test_status_only_lookup_shows_no_content(client, reference):
    created = submit(client)
    response = client.get(f"/api/v1/track/{created['tracking_number']}/status")
    assert response.json() == {
        "tracking_number": created["tracking_number"],
        "status": "received",
        "status_label": "Diterima",
    }
    assert client.get("/api/v1/track/ADU-2026-ZZZZZZ/status").status_code == 404


def test_proof_of_report_verifies_and_tampering_fails(client, reference):
    created = submit(client)
    code = created["proof"]["code"]
    ok = post(client, "/api/v1/proofs/verify", {"code": code}).json()
    assert ok["valid"] is True and ok["tracking_number"] == created["tracking_number"]
    number, stamp, fingerprint, signature = code.split(".")
    forged = f"{number}.{int(stamp) - 3600}.{fingerprint}.{signature}"
    assert post(client, "/api/v1/proofs/verify", {"code": forged}).json() == {"valid": False}
    assert post(client, "/api/v1/proofs/verify", {"code": "x"}).json() == {"valid": False}


def test_reporter_answers_a_request_for_information(client, reference, staff):
    created = submit(client)
    case = Case.objects.get(tracking_number=created["tracking_number"])
    case_services.request_info(staff["coordinator"], case, message="Mohon foto lokasi.")
    creds = {"tracking_number": created["tracking_number"], "receipt": created["receipt"]}
    seen = post(client, "/api/v1/track", creds).json()
    assert seen["status"] == "needs_info"
    assert seen["messages"][0]["from"] == "staff"
    reply = post(client, "/api/v1/track/messages", {**creds, "body": "Foto saya kirim."})
    assert reply.status_code == 201 and set(reply.json()) >= {"id", "at"}
    case.refresh_from_db()
    assert case.status == "received"


def _answered(client, staff) -> dict:
    created = submit(client)
    case = Case.objects.get(tracking_number=created["tracking_number"])
    case_services.route(staff["coordinator"], case, agencies=["DPUPR"])
    assignment = case.assignments.get()
    case_services.accept(staff["officer_dpupr"], assignment)
    case_services.submit_result(staff["officer_dpupr"], assignment, summary="Sudah ditambal.")
    case_services.publish_result(staff["coordinator"], case, message="Jalan sudah ditambal.")
    return {"tracking_number": created["tracking_number"], "receipt": created["receipt"]}


def test_rating_closes_and_objection_reopens(client, reference, staff):
    creds = _answered(client, staff)
    seen = post(client, "/api/v1/track", creds).json()
    assert seen["result"]["summary"] == "Jalan sudah ditambal."
    assert seen["can_give_feedback"] and seen["can_object"]
    objected = post(client, "/api/v1/track/feedback", {
        **creds, "rating": 1, "satisfied": False, "comment": "Masih berlubang.", "objection": True,
    })  # fmt: skip
    assert objected.status_code == 200 and objected.json()["status"] == "in_progress"
    creds2 = _answered(client, staff)
    rated = post(client, "/api/v1/track/feedback", {**creds2, "rating": 5, "satisfied": True})
    assert rated.json()["status"] == "closed"
    bad = post(client, "/api/v1/track/feedback", {**creds2, "rating": 9, "satisfied": True})
    assert bad.status_code in (400, 409)


def test_feedback_before_an_answer_is_409(client, reference):
    created = submit(client)
    response = post(client, "/api/v1/track/feedback", {
        "tracking_number": created["tracking_number"], "receipt": created["receipt"],
        "rating": 4, "satisfied": True,
    })  # fmt: skip
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "invalid_transition"


def test_public_stats(client, reference, staff):
    _answered(client, staff)
    data = client.get("/api/v1/stats").json()
    assert data["total"] == 1
    assert data["by_status"] == {"answered": 1}
    assert data["by_agency"] == {"DPUPR": 1}
    assert data["first_response_on_time_percent"] == 100.0


def multipart(client, path, body, files):
    return client.post(path, data={"payload": json.dumps(body), "attachments": files})


def test_multipart_report_stores_cleaned_evidence(client, reference, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from aduan.intake.storage import open_stored
    from aduan.intake.tests.files import jpeg_with_gps

    settings.ADUAN_UPLOAD_DIR = tmp_path
    photo = SimpleUploadedFile("lokasi.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = multipart(client, "/api/v1/reports", report(privacy="anonymous", reporter=None),
                         [photo])  # fmt: skip
    assert response.status_code == 201, response.content
    case = Case.objects.get(tracking_number=response.json()["tracking_number"])
    stored = case.attachments.get()
    assert stored.content_type == "image/jpeg" and stored.from_reporter
    data = open_stored(stored.storage_name)
    assert b"Exif" not in data
    import io

    assert not Image.open(io.BytesIO(data)).getexif()
    assert "lokasi" not in stored.storage_name


def test_oversized_file_is_413_and_nothing_is_stored(client, reference, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from aduan.intake.tests.files import png_with_text

    settings.ADUAN_UPLOAD_DIR = tmp_path
    settings.ADUAN_UPLOAD_MAX_BYTES = 1000
    good = SimpleUploadedFile("a.png", png_with_text(), content_type="image/png")
    big = SimpleUploadedFile("b.pdf", b"%PDF-1.4\n" + b"0" * 5000, content_type="application/pdf")
    response = multipart(client, "/api/v1/reports", report(), [good, big])
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert not Case.objects.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_executable_named_jpg_is_refused(client, reference, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ADUAN_UPLOAD_DIR = tmp_path
    exe = SimpleUploadedFile("foto.jpg", b"MZ\x90\x00" + b"\x00" * 200, content_type="image/jpeg")
    response = multipart(client, "/api/v1/reports", report(), [exe])
    assert response.status_code == 400
    assert "attachments" in response.json()["error"]["fields"]
    assert not Case.objects.exists()


def test_reply_with_evidence_through_multipart(client, reference, staff, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from aduan.intake.tests.files import pdf_with_metadata

    settings.ADUAN_UPLOAD_DIR = tmp_path
    created = submit(client)
    case = Case.objects.get(tracking_number=created["tracking_number"])
    case_services.request_info(staff["coordinator"], case, message="Mohon dokumen pendukung.")
    creds = {"tracking_number": created["tracking_number"], "receipt": created["receipt"]}
    document = SimpleUploadedFile("surat.pdf", pdf_with_metadata(), content_type="application/pdf")
    response = multipart(client, "/api/v1/track/messages", {**creds, "body": "Terlampir."},
                         [document])  # fmt: skip
    assert response.status_code == 201, response.content
    seen = post(client, "/api/v1/track", creds).json()
    mine = [m for m in seen["messages"] if m["from"] == "reporter"]
    assert mine[0]["attachments"][0]["content_type"] == "application/pdf"
    attachment_id = mine[0]["attachments"][0]["id"]
    download = post(client, f"/api/v1/track/attachments/{attachment_id}", creds)
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF") and b"Siti Rahmah" not in content
    other = submit(client)  # another reporter cannot fetch it
    foreign = {"tracking_number": other["tracking_number"], "receipt": other["receipt"]}
    assert post(client, f"/api/v1/track/attachments/{attachment_id}", foreign).status_code == 404
