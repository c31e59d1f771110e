"""POST /api/v1/wbs/reports (docs/api-wbs.md): JSON or multipart, 201 with the receipt once,
errors in the standard shape and in Bahasa Indonesia, nothing stored on bad input."""

import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from aduan.cases.models import Attachment, Case
from aduan.crypto import verify_secret
from aduan.intake.storage import open_stored
from aduan.intake.tests import files
from aduan.whistleblowing import sealing, services
from aduan.whistleblowing.models import SealedFile, SealedIdentity, SealedReport

pytestmark = pytest.mark.django_db

URL = "/api/v1/wbs/reports"
WHAT = "Bendahara memotong honor kegiatan sepuluh persen tanpa dasar sejak awal tahun."


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def uploads(settings, tmp_path):
    settings.ADUAN_UPLOAD_DIR = tmp_path / "uploads"
    return settings.ADUAN_UPLOAD_DIR


def stored_files(directory) -> list:
    return [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []


def body(**overrides) -> dict:
    data = {
        "what": WHAT,
        "reported_name": "Fulanah",
        "reported_position": "Bendahara Pengeluaran",
        "reported_agency": "DINKES",
        "where": "Kantor Dinas Kesehatan",
        "when": "Januari sampai Maret 2026",
        "how": "Potongan diminta tunai saat honor dibayarkan.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post(client, data):
    return client.post(URL, data=json.dumps(data), content_type="application/json")


def multipart(client, data, attachments):
    return client.post(URL, data={"payload": json.dumps(data), "attachments": attachments})


def test_json_report_is_201_with_the_receipt(client, reference):
    response = post(client, body())
    assert response.status_code == 201, response.content
    answer = response.json()
    assert set(answer) >= {"tracking_number", "receipt", "status", "status_label", "privacy"}
    assert answer["tracking_number"].startswith("WBS-") and answer["status"] == "received"
    assert answer["privacy"] == "anonymous" and answer["received_at"].endswith("+08:00")
    case = Case.objects.get(tracking_number=answer["tracking_number"])
    assert case.kind == "whistleblowing" and case.channel == "api"
    assert verify_secret(case.receipt_hash, answer["receipt"])
    opened = services.open_for_reporter(case, answer["receipt"])
    assert opened.what == WHAT and opened.reported_name == "Fulanah"
    assert SealedReport.objects.get(case=case).reported_agency.code == "DINKES"


def test_reporter_object_makes_it_confidential(client, reference):
    reporter = {"name": "Rahmah", "nip": "198701012010012001"}
    response = post(client, body(reporter=reporter))
    assert response.status_code == 201, response.content
    assert response.json()["privacy"] == "confidential"
    case = Case.objects.get(tracking_number=response.json()["tracking_number"])
    assert SealedIdentity.objects.get(case=case).is_asn


def test_rank_decides_the_path(client, reference):
    response = post(client, body(reported_rank="sekda"))
    case = Case.objects.get(tracking_number=response.json()["tracking_number"])
    assert services.open_for_reporter(case, response.json()["receipt"]).external_path


def test_multipart_report_stores_cleaned_evidence_sealed(client, reference, uploads):
    jpeg = SimpleUploadedFile("bukti.jpg", files.jpeg_with_gps(), content_type="image/jpeg")
    response = multipart(client, body(), [jpeg])
    assert response.status_code == 201, response.content
    answer = response.json()
    case = Case.objects.get(tracking_number=answer["tracking_number"])
    attachment = Attachment.objects.get(case=case)
    assert SealedFile.objects.filter(attachment=attachment).exists()
    key = sealing.content_key_for_reporter(case.pk, answer["receipt"])
    opened = services.open_file(case, attachment, key, open_stored(attachment.storage_name))
    assert opened.startswith(b"\xff\xd8") and files.SECRET_NAME.encode() not in opened


def test_validation_errors_are_400_in_the_standard_shape(client, reference, uploads):
    response = post(client, body(what="singkat", reported_name="  ", reported_agency="XXX"))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"]["what"] == ["Ceritakan apa yang terjadi, paling sedikit 20 karakter."]
    assert "Nama terlapor wajib diisi" in error["fields"]["reported_name"][0]
    assert error["fields"]["reported_agency"] == ["Instansi terlapor tidak dikenal."]
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "raw",
    ["{", "[]", json.dumps({"what": WHAT}), json.dumps({**body(), "reported_rank": "gubernur"})],
)
def test_malformed_bodies_are_400_not_500(client, reference, raw):
    response = client.post(URL, data=raw, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["fields"]
    assert not Case.objects.exists()


def test_bad_identity_is_refused(client, reference):
    response = post(client, body(reporter={"name": "", "nip": "12"}))
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert "reporter.name" in fields and "reporter.nip" in fields
    assert not Case.objects.exists()


def test_a_refused_file_stores_nothing(client, reference, uploads, settings):
    good = SimpleUploadedFile("a.png", files.png_with_text(), content_type="image/png")
    exe = SimpleUploadedFile("b.jpg", b"MZ\x90\x00" + b"\x00" * 200, content_type="image/jpeg")
    response = multipart(client, body(), [good, exe])
    assert response.status_code == 400
    assert "attachments" in response.json()["error"]["fields"]
    settings.ADUAN_UPLOAD_MAX_BYTES = 1000
    big = SimpleUploadedFile("c.pdf", b"%PDF-1.4\n" + b"0" * 5000, content_type="application/pdf")
    response = multipart(client, body(), [big])
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert not Case.objects.exists()
    assert stored_files(uploads) == []


def test_a_refused_report_deletes_the_files_it_cleaned(client, reference, uploads):
    jpeg = SimpleUploadedFile("bukti.jpg", files.jpeg_with_gps(), content_type="image/jpeg")
    response = multipart(client, body(reported_agency="XXX"), [jpeg])
    assert response.status_code == 400
    assert not Case.objects.exists()
    assert stored_files(uploads) == []


def test_documented_in_openapi(client, reference):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"][URL]["post"]
    assert "multipart/form-data" in operation["requestBody"]["content"]
