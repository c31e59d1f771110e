"""Following a case on the public site: /lacak and its follow-up forms, status-only lookup.
Every step is a POST to /lacak itself, named by a `step` field.

Cases are created through the intake service (so the receipt is known) and moved on by staff
through the case services."""

import re

import pytest
from django.core.cache import cache

from aduan.cases import services as case_services
from aduan.cases.models import Case, Feedback, Message
from aduan.cases.services import NewReport
from aduan.intake import services

from . import files
from .test_views import Elements, text_of, upload

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def uploads(settings, tmp_path):
    settings.ADUAN_UPLOAD_DIR = tmp_path / "uploads"
    return settings.ADUAN_UPLOAD_DIR


def submitted(evidence=()):
    report = NewReport(
        kind="complaint",
        title="Lampu jalan padam di depan SDN 3",
        description="Lampu jalan di depan sekolah padam sejak sebulan, anak-anak pulang gelap.",
        privacy="anonymous",
        category_code="pekerjaan-umum",
    )
    return services.submit_report(report, evidence)


def answered(case, staff):
    case_services.route(staff["coordinator"], case, agencies=["DPUPR"], instructions="Segera.")
    assignment = case.assignments.get(agency__code="DPUPR")
    case_services.accept(staff["officer_dpupr"], assignment, note="Kami tangani.")
    case_services.submit_result(staff["officer_dpupr"], assignment, summary="Sudah menyala.")
    case_services.publish_result(staff["coordinator"], case, message="Lampu sudah diperbaiki.")


def credentials(submission) -> dict:
    return {"tracking_number": submission.case.tracking_number, "receipt": submission.receipt}


def track(client, submission, **extra):
    return client.post("/lacak", {**credentials(submission), **extra})


def step(client, name: str, data: dict, **extra):
    """One step of following a case: a POST to /lacak with `step`, like the page's forms."""
    return client.post("/lacak", {"step": name, **data}, **extra)


def token_in(response, step_name: str) -> str:
    """The form token of the page's form for that step."""
    content = response.content.decode()
    form = content[content.index(f'name="step" value="{step_name}"') :]
    return TOKEN.search(form).group(1)


def test_track_form_page(client, reference):
    response = client.get("/lacak")
    assert response.status_code == 200
    page = Elements()
    page.feed(response.content.decode())
    names = {c.get("name") for c in page.controls}
    assert {"tracking_number", "receipt"} <= names
    assert {"id_tracking_number", "id_receipt"} <= page.labels


def test_right_receipt_shows_status_and_timeline(client, reference):
    submission = submitted()
    response = track(client, submission)
    assert response.status_code == 200
    page = text_of(response)
    assert "Status: Diterima" in page
    assert "sedang diperiksa kelengkapannya" in page
    assert "Lampu jalan padam di depan SDN 3" in page
    assert "Laporan diterima." in page
    assert "WITA" in page
    assert response["Cache-Control"] == "no-store"


def test_receipt_travels_only_in_post_bodies(client, reference):
    submission = submitted()
    response = track(client, submission)
    page = Elements()
    page.feed(response.content.decode())
    assert all(submission.receipt not in url for url in page.urls)
    hidden = [c for c in page.controls if c.get("name") == "receipt"]
    assert hidden
    assert all(c["type"] == "hidden" for c in hidden)
    assert set(page.urls) >= {"/lacak"}
    assert not [url for url in page.urls if url.startswith("/lacak/")]
    steps = {c.get("value") for c in page.controls if c.get("name") == "step"}
    assert {"message", "protection", "retaliation"} <= steps


def test_receipt_is_accepted_as_typed_loosely(client, reference):
    submission = submitted()
    typed = submission.receipt.lower().replace("-", " ")
    number = " " + submission.case.tracking_number.lower() + " "
    response = client.post("/lacak", {"tracking_number": number, "receipt": typed})
    assert response.status_code == 200


def main_message(response) -> str:
    content = response.content.decode()
    return re.search(r'<div class="error-summary".*?</div>', content, re.S).group(0)


def test_wrong_receipt_and_wrong_number_look_the_same(client, reference):
    submission = submitted()
    wrong_receipt = track(client, submission, receipt="AAAA-BBBB-CCCC-DDDD")
    wrong_number = client.post(
        "/lacak", {"tracking_number": "ADU-2026-ZZZZZZ", "receipt": submission.receipt}
    )
    assert wrong_receipt.status_code == wrong_number.status_code == 404
    assert main_message(wrong_receipt) == main_message(wrong_number)
    assert "Nomor pelacakan atau kode akses tidak cocok." in main_message(wrong_number)
    assert submission.receipt not in wrong_number.content.decode()


def test_empty_track_form_is_400(client, reference):
    response = client.post("/lacak", {"tracking_number": "", "receipt": ""})
    assert response.status_code == 400
    assert 'id="id_receipt_error"' in response.content.decode()


def test_repeated_failures_are_throttled(client, reference, settings):
    settings.ADUAN_TRACK_MAX_FAILURES = 2
    submission = submitted()
    for _ in range(2):
        assert track(client, submission, receipt="AAAA-BBBB-CCCC-DDDD").status_code == 404
    response = track(client, submission)  # even the right receipt waits now
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.ADUAN_TRACK_WINDOW_SECONDS)
    assert "Terlalu banyak percobaan" in text_of(response)


def test_reply_completes_a_report_that_needs_information(client, reference, staff):
    submission = submitted()
    case = submission.case
    case_services.request_info(staff["coordinator"], case, message="Di jalan apa tepatnya?")
    page = track(client, submission)
    assert "Perlu Dilengkapi" in text_of(page)
    assert "Di jalan apa tepatnya?" in text_of(page)
    data = {
        **credentials(submission),
        "form_token": token_in(page, "message"),
        "body": "Jl. Sultan Adam, depan SDN 3.",
    }
    response = step(client, "message", data)
    assert response.status_code == 200
    assert "Pesan Anda sudah terkirim" in text_of(response)
    assert "Jl. Sultan Adam, depan SDN 3." in text_of(response)
    case.refresh_from_db()
    assert case.status == "received"
    assert step(client, "message", data).status_code == 409  # refresh: not sent twice
    assert Message.objects.filter(case=case, from_reporter=True).count() == 1


def test_empty_reply_is_refused_next_to_the_field(client, reference):
    submission = submitted()
    response = step(client, "message", {**credentials(submission), "body": "  "})
    assert response.status_code == 400
    assert re.search(r'id="reply_body_error"><li>', response.content.decode())


def test_reply_with_wrong_receipt_is_404(client, reference):
    submission = submitted()
    data = {**credentials(submission), "receipt": "AAAA-BBBB-CCCC-DDDD", "body": "Halo"}
    assert step(client, "message", data).status_code == 404
    assert not Message.objects.exists()


def test_rating_closes_an_answered_case(client, reference, staff):
    submission = submitted()
    answered(submission.case, staff)
    page = track(client, submission)
    content = text_of(page)
    assert "Lampu sudah diperbaiki." in content
    assert 'name="rating"' in content
    assert 'name="objection"' in content
    data = {
        **credentials(submission),
        "form_token": token_in(page, "feedback"),
        "rating": "4",
        "satisfied": "yes",
        "comment": "Terima kasih.",
    }
    response = step(client, "feedback", data)
    assert response.status_code == 200
    assert "Penilaian Anda sudah tercatat" in text_of(response)
    case = Case.objects.get(pk=submission.case.pk)
    assert case.status == "closed"
    feedback = Feedback.objects.get(case=case)
    assert (feedback.rating, feedback.satisfied, feedback.is_objection) == (4, True, False)


def test_objection_reopens_an_answered_case(client, reference, staff):
    submission = submitted()
    answered(submission.case, staff)
    data = {**credentials(submission), "rating": "1", "satisfied": "no", "objection": "on"}
    response = step(client, "feedback", data)
    assert response.status_code == 200
    assert "Keberatan Anda sudah tercatat" in text_of(response)
    case = Case.objects.get(pk=submission.case.pk)
    assert case.status == "in_progress"
    assert case.objection_count == 1


def test_rating_without_a_choice_is_400(client, reference, staff):
    submission = submitted()
    answered(submission.case, staff)
    response = step(client, "feedback", {**credentials(submission), "satisfied": "yes"})
    assert response.status_code == 400
    assert re.search(r'id="feedback_rating_error"><li>', response.content.decode())
    assert Case.objects.get(pk=submission.case.pk).status == "answered"


def test_rating_a_case_that_is_not_answered_is_409(client, reference):
    submission = submitted()
    data = {**credentials(submission), "rating": "5", "satisfied": "yes"}
    response = step(client, "feedback", data)
    assert response.status_code == 409
    assert 'class="problem"' in response.content.decode()


def test_no_feedback_form_before_the_answer(client, reference):
    page = text_of(track(client, submitted()))
    assert 'name="rating"' not in page
    assert 'name="step" value="message"' in page


def test_evidence_can_be_downloaded_through_a_post_form(client, reference, uploads):
    photo = upload("foto.jpg", files.jpeg_with_gps(), "image/jpeg")
    submission = submitted([photo])
    attachment = submission.case.attachments.get()
    page = track(client, submission)
    content = page.content.decode()
    assert 'name="step" value="attachment"' in content
    assert f'name="attachment" value="{attachment.pk}"' in content
    data = {**credentials(submission), "attachment": str(attachment.pk)}
    response = step(client, "attachment", data)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    assert response.content[:3] == b"\xff\xd8\xff"
    wrong = step(client, "attachment", {**data, "receipt": "AAAA-BBBB-CCCC-DDDD"})
    assert wrong.status_code == 404


def test_attachment_of_another_case_is_not_found(client, reference, uploads):
    other = submitted([upload("foto.jpg", files.jpeg_with_gps(), "image/jpeg")])
    mine = submitted()
    attachment = other.case.attachments.get()
    data = {**credentials(mine), "attachment": str(attachment.pk)}
    response = step(client, "attachment", data)
    assert response.status_code == 404
    assert "Berkas tidak ditemukan." in text_of(response)  # the case opened: only the file not


@pytest.mark.parametrize("posted", ["", "abc", "-1", "1.5", "٣", "9" * 40])
def test_attachment_id_that_is_not_a_number_is_not_found(client, reference, posted):
    submission = submitted()
    response = step(client, "attachment", {**credentials(submission), "attachment": posted})
    assert response.status_code == 404
    assert "Berkas tidak ditemukan." in text_of(response)


def test_status_only_lookup_shows_no_content(client, reference):
    submission = submitted()
    number = submission.case.tracking_number
    response = step(client, "status", {"nomor": number})
    assert response.status_code == 200
    page = text_of(response)
    assert "Diterima" in page
    assert number in page
    assert "Lampu jalan" not in page
    assert step(client, "status", {"nomor": "ADU-2026-ZZZZZZ"}).status_code == 404
    assert step(client, "status", {}).status_code == 200
    assert step(client, "status", {"nomor": ""}).status_code == 400


def test_status_only_form_posts_to_lacak(client, reference):
    response = client.get("/lacak/status")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'method="post" action="/lacak"' in content
    assert 'name="step" value="status"' in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert 'method="get"' not in content


def test_old_status_links_show_the_empty_form_and_read_no_number(client, reference):
    submission = submitted()
    number = submission.case.tracking_number
    response = client.get("/lacak/status", {"nomor": number})
    assert response.status_code == 200
    assert number not in response.content.decode()  # not looked up, not echoed
    assert "Diterima" not in text_of(response)
    assert client.post("/lacak/status", {"nomor": number}).status_code == 405


def test_status_only_lookup_is_throttled(client, reference, settings):
    settings.ADUAN_TRACK_MAX_FAILURES = 1
    assert step(client, "status", {"nomor": "ADU-2026-ZZZZZZ"}).status_code == 404
    response = step(client, "status", {"nomor": "ADU-2026-ZZZZZZ"})
    assert response.status_code == 429
    assert response.has_header("Retry-After")


def test_old_follow_up_addresses_are_gone(client, reference):
    submission = submitted()
    old = ("/lacak/pesan", "/lacak/nilai", "/lacak/perlindungan", "/lacak/pembalasan")
    for path in (*old, "/lacak/lampiran/1"):
        assert client.get(path).status_code == 404
        assert client.post(path, {**credentials(submission), "body": "x"}).status_code == 404
    assert not Message.objects.filter(from_reporter=True).exists()


def test_an_unknown_step_is_400_with_the_empty_track_form(client, reference):
    submission = submitted()
    response = step(client, "nilai", {**credentials(submission), "body": "x"})
    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store"
    content = response.content.decode()
    assert submission.receipt not in content and submission.case.tracking_number not in content
    assert 'name="receipt"' in content


def test_a_get_with_a_step_only_shows_the_track_form(client, reference):
    submission = submitted()
    query = {**credentials(submission), "step": "message", "body": "x"}
    response = client.get("/lacak", query)
    assert response.status_code == 200
    assert submission.case.tracking_number not in response.content.decode()
    assert not Message.objects.filter(from_reporter=True).exists()


def test_invalid_rating_on_a_case_that_cannot_be_rated_shows_no_rating_form(client, reference):
    submission = submitted()
    response = step(client, "feedback", {**credentials(submission), "satisfied": "yes"})
    assert response.status_code == 400
    content = response.content.decode()
    assert 'name="rating"' not in content
    assert 'class="problem"' in content


def test_message_on_a_closed_case_is_refused_with_409(client, reference, staff):
    submission = submitted()
    answered(submission.case, staff)
    step(client, "feedback", {**credentials(submission), "rating": "5", "satisfied": "yes"})
    response = step(client, "message", {**credentials(submission), "body": "Masih ada?"})
    assert response.status_code == 409
    assert "pesan tidak dapat dikirim lagi" in text_of(response)
    assert not Message.objects.filter(case=submission.case, from_reporter=True).exists()
