"""The whistleblower on /lacak and POST /api/v1/track (aduan.whistleblowing.reporter_side): their
report opened with the receipt, officers' sealed messages readable, their own replies and files
stored sealed, downloads opened, and the same 404 for a wrong receipt."""

import json
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from aduan.cases.actors import ReporterActor
from aduan.cases.models import Attachment, Case, Message
from aduan.core.errors import ValidationFailed
from aduan.crypto import keys
from aduan.intake.storage import open_stored
from aduan.intake.tests import files
from aduan.intake.tests.test_views import text_of
from aduan.intake.uploads import clean_upload
from aduan.staff.services import post_staff_message
from aduan.whistleblowing import handling, keyring, portal, reporter_side, sealing, services
from aduan.whistleblowing.models import SealedFile, SealedMessage

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
WHAT = "Kepala seksi meminta uang pelicin Kanari-Jembatan-41 untuk setiap izin yang keluar."
QUESTION = "Kanari-Tanya-93: kapan uang itu diserahkan, dan kepada siapa?"
ANSWER = "Kanari-Jawab-58: diserahkan tunai setiap Jumat kepada ajudan."


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def uploads(settings, tmp_path, reference):
    settings.ADUAN_UPLOAD_DIR = tmp_path / "uploads"
    return settings.ADUAN_UPLOAD_DIR


@pytest.fixture
def officer(make_user):
    """A WBS officer who has signed in once (so has a key pair) before the report arrives."""
    user = make_user("wbs_officer", "INSPEKTORAT")
    keyring.unlock_at_sign_in(user, "x")
    return user


def officer_key(user) -> bytes:
    return keyring.unlock_at_sign_in(user, "x")


def reported(uploads, evidence=()) -> tuple[Case, str]:
    report = services.WbsReport(
        what=WHAT,
        reported_name="Fulan bin Fulan",
        reported_position="Kepala Seksi Perizinan",
        reported_agency_code="DPUPR",
        where="Loket perizinan",
        when="Setiap Jumat",
        how="Tunai, lewat ajudan.",
    )
    return portal.receive(report, evidence)


def credentials(case, receipt) -> dict:
    return {"tracking_number": case.tracking_number, "receipt": receipt}


def staff_message(case, receipt, author, body: str) -> Message:
    """An officer's message to the reporter, sealed the way the officers' side stores it."""
    message = post_staff_message(author, case, body=handling.SEALED_PLACEHOLDER, internal=False)
    key = sealing.content_key_for_reporter(case.pk, receipt)
    reporter_side.seal_message(key, message, body)
    return message


def download_body(case, receipt, attachment) -> dict:
    """The body of an attachment's download form on /lacak (the id never in a URL)."""
    return {**credentials(case, receipt), "step": "attachment", "attachment": str(attachment.pk)}


def token_in(response, step: str) -> str:
    """The form token of the /lacak page's form for that step."""
    content = response.content.decode()
    return TOKEN.search(content[content.index(f'name="step" value="{step}"') :]).group(1)


def raw_rows(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # our own table names
        return repr(cursor.fetchall())


def test_lacak_opens_the_report_and_a_sealed_officer_message(client, uploads, officer):
    case, receipt = reported(uploads)
    staff_message(case, receipt, officer, QUESTION)
    assert Message.objects.get(case=case).body == ""
    assert QUESTION not in raw_rows("cases_message") + raw_rows("whistleblowing_sealedmessage")
    response = client.post("/lacak", credentials(case, receipt))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = text_of(response)
    assert WHAT in page and "Fulan bin Fulan" in page and "Kepala Seksi Perizinan" in page
    assert "Laporan WBS Anda" in page and "Loket perizinan" in page
    assert QUESTION in page
    assert "Status: Diterima" in page


def test_a_lacak_page_derives_the_reporters_key_once(client, uploads, officer, monkeypatch):
    """Argon2id is the page's costly step: the report and the sealed messages share one key."""
    case, receipt = reported(uploads)
    staff_message(case, receipt, officer, QUESTION)
    derivations = []
    derive = keys.derive_key

    def counting(secret, salt):
        derivations.append(salt)
        return derive(secret, salt)

    monkeypatch.setattr(keys, "derive_key", counting)
    response = client.post("/lacak", credentials(case, receipt))
    assert response.status_code == 200
    page = text_of(response)
    assert WHAT in page and QUESTION in page  # the report and the message were both opened
    assert len(derivations) == 1


def test_the_reply_is_stored_sealed_and_the_officer_reads_it(client, uploads, officer):
    case, receipt = reported(uploads)
    staff_message(case, receipt, officer, QUESTION)
    page = client.post("/lacak", credentials(case, receipt))
    data = {
        **credentials(case, receipt),
        "step": "message",
        "form_token": token_in(page, "message"),
        "body": ANSWER,
    }
    response = client.post("/lacak", data)
    assert response.status_code == 200
    assert "Pesan Anda sudah terkirim" in text_of(response)
    assert ANSWER in text_of(response)
    reply = Message.objects.get(case=case, from_reporter=True)
    assert reply.body == ""
    for table in ("cases_message", "whistleblowing_sealedmessage", "cases_caseevent"):
        assert "Kanari-Jawab" not in raw_rows(table), table
    sealed = SealedMessage.objects.get(message=reply)
    key = handling.content_key(officer, officer_key(officer), case)
    assert handling.open_message(key, case, sealed) == ANSWER
    assert client.post("/lacak", data).status_code == 409  # refresh: not sent twice


def test_evidence_added_later_is_sealed_and_downloads_opened(client, uploads, officer):
    case, receipt = reported(uploads)
    page = client.post("/lacak", credentials(case, receipt))
    data = {
        **credentials(case, receipt),
        "step": "message",
        "form_token": token_in(page, "message"),
        "body": "Foto tanda terima terlampir.",
        "attachments": [SimpleUploadedFile("t.png", files.png_with_text(), "image/png")],
    }
    assert client.post("/lacak", data).status_code == 200
    attachment = Attachment.objects.get(case=case, message__from_reporter=True)
    assert SealedFile.objects.filter(attachment=attachment).exists()
    raw = open_stored(attachment.storage_name)
    assert b"PNG" not in raw[:8] and files.SECRET_NAME.encode() not in raw
    download = client.post("/lacak", download_body(case, receipt, attachment))
    assert download.status_code == 200
    assert download.content.startswith(b"\x89PNG") and download["Cache-Control"] == "no-store"
    assert files.SECRET_NAME.encode() not in download.content
    key = handling.content_key(officer, officer_key(officer), case)
    assert services.open_file(case, attachment, key, raw) == download.content


def test_first_evidence_downloads_opened(client, uploads):
    evidence = clean_upload("bukti.pdf", files_pdf())
    case, receipt = reported(uploads, [SimpleUploadedFile("b.pdf", files_pdf())])
    attachment = Attachment.objects.get(case=case)
    response = client.post("/lacak", download_body(case, receipt, attachment))
    assert response.status_code == 200
    assert response.content == evidence.content


def files_pdf() -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("Helvetica", size=12)
    document.cell(text="Bukti")
    return bytes(document.output())


def test_a_refused_reply_stores_nothing(client, uploads):
    case, receipt = reported(uploads)
    page = client.post("/lacak", credentials(case, receipt))
    data = {
        **credentials(case, receipt),
        "step": "message",
        "form_token": token_in(page, "message"),
        "body": "Ini buktinya.",
        "attachments": [SimpleUploadedFile("x.jpg", b"MZ\x90\x00" + b"\x00" * 100, "image/jpeg")],
    }
    response = client.post("/lacak", data)
    assert response.status_code == 400
    assert not Message.objects.filter(case=case).exists()
    assert [p for p in uploads.rglob("*") if p.is_file()] == []


def test_wrong_receipt_is_the_same_404(client, uploads):
    case, receipt = reported(uploads)
    wrong_receipt = client.post(
        "/lacak", {"tracking_number": case.tracking_number, "receipt": "AAAA-BBBB-CCCC-DDDD"}
    )
    wrong_number = client.post("/lacak", {"tracking_number": "WBS-2026-ZZZZZZ", "receipt": receipt})
    assert wrong_receipt.status_code == wrong_number.status_code == 404
    summary = re.compile(r'<div class="error-summary".*?</div>', re.S)
    assert summary.search(wrong_receipt.content.decode()).group(0) == summary.search(
        wrong_number.content.decode()
    ).group(0)
    assert WHAT not in wrong_receipt.content.decode()
    api_wrong = client.post(
        "/api/v1/track",
        data=json.dumps({"tracking_number": case.tracking_number, "receipt": "AAAA-BBBB-CCCC"}),
        content_type="application/json",
    )
    assert api_wrong.status_code == 404 and WHAT not in api_wrong.content.decode()


def test_the_evidence_gate_request_is_answered_through_the_reply_form(client, uploads, officer):
    case, receipt = reported(uploads)
    handling.request_info_sealed(officer, case, message=QUESTION, private_key=officer_key(officer))
    case.refresh_from_db()
    assert case.status == "needs_info"
    page = client.post("/lacak", credentials(case, receipt))
    assert "Perlu Dilengkapi" in text_of(page) and QUESTION in text_of(page)
    assert "Lengkapi laporan" in text_of(page)
    data = {
        **credentials(case, receipt),
        "step": "message",
        "form_token": token_in(page, "message"),
        "body": ANSWER,
    }
    assert client.post("/lacak", data).status_code == 200
    case.refresh_from_db()
    assert case.status == "received"  # verification resumes
    reply = Message.objects.get(case=case, from_reporter=True)
    assert reply.body == "" and "Kanari-Jawab" not in raw_rows("cases_message")


# The API.


def api_post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_api_track_opens_the_report_and_messages(client, uploads, officer):
    case, receipt = reported(uploads)
    staff_message(case, receipt, officer, QUESTION)
    response = api_post(client, "/api/v1/track", credentials(case, receipt))
    assert response.status_code == 200
    answer = response.json()
    assert answer["kind"] == "whistleblowing"
    assert answer["report"]["what"] == WHAT
    assert answer["report"]["reported_name"] == "Fulan bin Fulan"
    assert answer["title"] == WHAT[:120]
    assert [m["body"] for m in answer["messages"]] == [QUESTION]


def test_api_message_is_sealed_and_files_download_opened(client, uploads, officer):
    case, receipt = reported(uploads)
    payload = {**credentials(case, receipt), "body": ANSWER}
    png = SimpleUploadedFile("t.png", files.png_with_text(), content_type="image/png")
    response = client.post(
        "/api/v1/track/messages", data={"payload": json.dumps(payload), "attachments": [png]}
    )
    assert response.status_code == 201, response.content
    message = Message.objects.get(pk=response.json()["id"])
    assert message.body == "" and "Kanari-Jawab" not in raw_rows("cases_message")
    attachment = Attachment.objects.get(message=message)
    assert SealedFile.objects.filter(attachment=attachment).exists()
    tracked = api_post(client, "/api/v1/track", credentials(case, receipt)).json()
    assert tracked["messages"][0]["body"] == ANSWER
    download = api_post(
        client, f"/api/v1/track/attachments/{attachment.pk}", credentials(case, receipt)
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")


# The module itself.


def test_send_message_refuses_an_empty_body_before_writing(uploads):
    case, receipt = reported(uploads)
    actor = ReporterActor(case_id=case.pk)
    with pytest.raises(ValidationFailed) as caught:
        reporter_side.send_message(case, actor, receipt, "   ")
    assert caught.value.fields == {"body": ["Pesan wajib diisi."]}
    assert not Message.objects.filter(case=case).exists()


def test_a_public_track_case_is_untouched(client, reference):
    from aduan.cases.services import NewReport
    from aduan.intake import services as intake_services

    submission = intake_services.submit_report(
        NewReport(
            kind="complaint",
            title="Lampu jalan padam",
            description="Lampu jalan padam sejak sebulan.",
            privacy="anonymous",
        )
    )
    assert not reporter_side.is_sealed(submission.case)
    response = client.post(
        "/lacak",
        {"tracking_number": submission.case.tracking_number, "receipt": submission.receipt},
    )
    assert response.status_code == 200 and "Laporan WBS Anda" not in text_of(response)


def test_a_case_without_a_reporter_copy_opens_nothing_and_never_fails(client, uploads):
    from aduan.whistleblowing.models import CaseKeyGrant

    case, receipt = reported(uploads, [SimpleUploadedFile("b.pdf", files_pdf())])
    CaseKeyGrant.objects.filter(case=case, holder__isnull=True).delete()  # as demo data
    page = client.post("/lacak", credentials(case, receipt))
    assert page.status_code == 200
    assert "Laporan WBS Anda" not in text_of(page) and WHAT not in text_of(page)
    data = {
        **credentials(case, receipt),
        "step": "message",
        "form_token": token_in(page, "message"),
        "body": ANSWER,
    }
    response = client.post("/lacak", data)
    assert response.status_code == 409
    assert "tidak dapat dibuka dengan kode akses" in text_of(response)
    assert not Message.objects.filter(case=case).exists()
    attachment = Attachment.objects.get(case=case)
    download = client.post("/lacak", download_body(case, receipt, attachment))
    assert download.status_code == 404
