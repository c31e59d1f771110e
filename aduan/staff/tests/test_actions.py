"""The workflow from the case page: each action posts to /tindakan/<action>, redirects back
with a flash message, and maps service errors to 400/403/404/409/422."""

import pytest

from aduan.agencies.models import SlaPolicy
from aduan.cases.models import Assignment, Case
from aduan.cases.tests.builders import assignment, build, refresh
from aduan.cases.workflow import AssignmentStatus, CaseStatus

pytestmark = pytest.mark.django_db


def act(client, case, action, **data):
    return client.post(f"/staf/laporan/{case.tracking_number}/tindakan/{action}", data)


def page(client, case) -> str:
    return client.get(f"/staf/laporan/{case.tracking_number}").content.decode()


def test_coordinator_routes_with_the_category_default_suggested(client, staff):
    case = build("received", staff)  # category pekerjaan-umum → DPUPR
    client.force_login(staff["coordinator"])
    text = page(client, case)
    assert 'id="tindakan-route"' in text
    assert 'value="DPUPR" id="route_agencies_' in text
    checked = text.split('value="DPUPR"')[1].split(">")[0]
    assert "checked" in checked
    response = act(client, case, "route", agencies=["DPUPR", "DINKES"], instructions="Cek lokasi.")
    assert response.status_code == 302
    assert response["Location"] == f"/staf/laporan/{case.tracking_number}"
    assert refresh(case).status == CaseStatus.ROUTED
    assert set(case.assignments.values_list("agency__code", flat=True)) == {"DPUPR", "DINKES"}
    followed = client.get(response["Location"]).content.decode()
    assert "Laporan sudah didisposisikan." in followed


def test_route_needs_an_agency_and_supervisory_goes_only_to_the_inspectorate(client, staff):
    client.force_login(staff["coordinator"])
    case = build("received", staff)
    response = act(client, case, "route", instructions="x")
    assert response.status_code == 400
    assert 'id="tindakan-route"' in response.content.decode()
    supervisory = build("received", staff, category_code="pungli")
    text = page(client, supervisory)
    assert "hanya dapat didisposisikan kepada Inspektorat" in text
    response = act(client, supervisory, "route", agencies=["DPUPR"])
    assert response.status_code == 422
    assert "hanya dapat didisposisikan kepada Inspektorat" in response.content.decode()
    assert refresh(supervisory).status == CaseStatus.RECEIVED


def test_request_info_archive_and_refer_out(client, staff):
    client.force_login(staff["coordinator"])
    asked = build("received", staff)
    assert act(client, asked, "request_info", message="Mohon foto lokasi.").status_code == 302
    assert refresh(asked).status == CaseStatus.NEEDS_INFO

    original = build("received", staff)
    duplicate = build("received", staff)
    response = act(client, duplicate, "archive", reason="duplicate", duplicate_of="")
    assert response.status_code == 400
    assert "Sebutkan nomor laporan aslinya." in response.content.decode()
    number = original.tracking_number.lower()
    response = act(client, duplicate, "archive", reason="duplicate", duplicate_of=number)
    assert response.status_code == 302
    duplicate = refresh(duplicate)
    assert duplicate.status == CaseStatus.ARCHIVED
    assert duplicate.duplicate_of == original
    assert original.tracking_number in page(client, duplicate)

    referred = build("received", staff)
    text = page(client, referred)
    assert 'value="EXT-PLN"' in text and 'value="KAB-BANJAR"' in text
    response = act(client, referred, "refer_out", destination="EXT-PLN", note="Hubungi PLN.")
    assert response.status_code == 302
    assert refresh(referred).status == CaseStatus.REFERRED


def test_wrong_status_is_409_and_wrong_role_is_403(client, staff):
    case = build("routed", staff)
    client.force_login(staff["coordinator"])
    response = act(client, case, "archive", reason="other", note="x")
    assert response.status_code == 409
    assert "tidak dapat dilakukan pada status" in response.content.decode()
    client.force_login(staff["supervisor"])
    response = act(client, case, "close", note="x")
    assert response.status_code == 403
    fresh = build("received", staff)
    response = act(client, fresh, "route", agencies=["DPUPR"])
    assert response.status_code == 403
    assert refresh(fresh).status == CaseStatus.RECEIVED


def test_agency_officer_accepts_updates_and_submits(client, staff):
    case = build("routed", staff)
    officer = staff["officer_dpupr"]
    client.force_login(officer)
    text = page(client, case)
    assert 'id="tindakan-accept"' in text and 'id="tindakan-return"' in text
    assert 'id="tindakan-route"' not in text
    assert act(client, case, "accept", note="Kami tangani.").status_code == 302
    mine = assignment(case, "DPUPR")
    assert mine.status == AssignmentStatus.ACCEPTED
    assert refresh(case).status == CaseStatus.IN_PROGRESS
    response = act(client, case, "update", note="Survei lokasi.", visible_to_reporter="on")
    assert response.status_code == 302
    event = case.events.get(action="update")
    assert event.visible_to_reporter and event.note == "Survei lokasi."
    assert act(client, case, "submit_result", summary="").status_code == 400
    response = act(client, case, "submit_result", summary="Jalan sudah ditambal.")
    assert response.status_code == 302
    assert assignment(case, "DPUPR").status == AssignmentStatus.RESULT_SUBMITTED
    # DINKES's share was not touched by the DPUPR officer.
    assert assignment(case, "DINKES").status == AssignmentStatus.PENDING


def test_return_needs_a_reason_and_all_returned_goes_back_to_the_queue(client, staff):
    case = build("routed", staff)
    client.force_login(staff["officer_dpupr"])
    response = act(client, case, "return", reason="")
    assert response.status_code == 400
    assert 'id="return_reason_error"' in response.content.decode()
    assert assignment(case, "DPUPR").status == AssignmentStatus.PENDING
    assert act(client, case, "return", reason="Bukan jalan provinsi.").status_code == 302
    assert assignment(case, "DPUPR").status == AssignmentStatus.RETURNED
    assert refresh(case).status == CaseStatus.ROUTED
    client.force_login(staff["officer_dinkes"])
    assert act(client, case, "return", reason="Bukan urusan kesehatan.").status_code == 302
    case = refresh(case)
    assert case.status == CaseStatus.RECEIVED and case.returned
    client.force_login(staff["coordinator"])
    queue = client.get("/staf/antrean").content.decode()
    assert case.tracking_number in queue and "Dikembalikan OPD" in queue
    text = page(client, case)
    assert "Bukan jalan provinsi." in text and 'id="tindakan-route"' in text


def test_head_approves_then_coordinator_publishes_and_closes(client, staff):
    SlaPolicy.objects.filter(stage="resolution").update(requires_head_approval=True)
    case = build("in_progress", staff)
    client.force_login(staff["officer_dinkes"])
    assert act(client, case, "return", reason="Bukan kewenangan Dinkes.").status_code == 302
    client.force_login(staff["officer_dpupr"])
    assert act(client, case, "submit_result", summary="Lubang ditambal 3 Maret.").status_code == 302

    client.force_login(staff["coordinator"])
    assert 'id="tindakan-publish_result"' not in page(client, case)  # not approved yet
    assert act(client, case, "publish_result", message="Sudah.").status_code == 409

    client.force_login(staff["officer_dpupr"])
    assert act(client, case, "approve_result").status_code == 403  # officer may not approve
    client.force_login(staff["head_dinkes"])
    assert act(client, case, "approve_result").status_code == 404  # not their agency
    client.force_login(staff["head_dpupr"])
    assert 'id="tindakan-approve_result"' in page(client, case)
    assert act(client, case, "approve_result").status_code == 302
    assert assignment(case, "DPUPR").status == AssignmentStatus.APPROVED

    client.force_login(staff["coordinator"])
    text = page(client, case)
    assert 'id="tindakan-publish_result"' in text
    # The answer form is prefilled with the agency's result.
    assert "Lubang ditambal 3 Maret.</textarea>" in text
    response = act(client, case, "publish_result", message="Jalan sudah ditambal.")
    assert response.status_code == 302
    assert refresh(case).status == CaseStatus.ANSWERED
    assert act(client, case, "close", note="Jendela tanggapan selesai.").status_code == 302
    assert refresh(case).status == CaseStatus.CLOSED
    assert 'class="panel action"' not in page(client, case)


def test_agency_action_on_another_agencys_assignment_is_404(client, staff):
    case = build("routed", staff)
    dinkes = assignment(case, "DINKES")
    client.force_login(staff["officer_dpupr"])
    response = act(client, case, "accept", note="x", assignment=str(dinkes.pk))
    assert response.status_code == 404
    assert Assignment.objects.get(pk=dinkes.pk).status == AssignmentStatus.PENDING
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ROUTED


def test_coordinator_classifies_from_the_case_page(client, staff):
    from aduan.cases.tests.builders import build, refresh

    case = build("received", staff)
    client.force_login(staff["coordinator"])
    page = client.get(f"/staf/laporan/{case.tracking_number}")
    assert b'id="tindakan-classify"' in page.content
    response = client.post(
        f"/staf/laporan/{case.tracking_number}/tindakan/classify",
        {"kind": "complaint", "category": "pungli", "supervision_class": "supervisory",
         "title": "Dugaan pungutan di sekolah"},
    )  # fmt: skip
    assert response.status_code == 302
    case = refresh(case)
    assert (case.category.code, case.supervision_class) == ("pungli", "supervisory")


def test_agency_submits_a_result_with_a_file(client, staff, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from aduan.cases.tests.builders import assignment, build
    from aduan.intake.tests.files import pdf_with_metadata

    settings.ADUAN_UPLOAD_DIR = tmp_path
    case = build("in_progress", staff)
    own = assignment(case, "DPUPR")
    client.force_login(staff["officer_dpupr"])
    report = SimpleUploadedFile("laporan.pdf", pdf_with_metadata(), content_type="application/pdf")
    response = client.post(
        f"/staf/laporan/{case.tracking_number}/tindakan/submit_result",
        {"assignment": own.pk, "summary": "Jembatan diperbaiki.", "attachments": [report]},
    )
    assert response.status_code == 302, response.content[:500]
    own.refresh_from_db()
    assert own.status == "result_submitted"
    stored = own.attachments.get()
    assert stored.content_type == "application/pdf" and not stored.from_reporter
    assert stored.uploaded_by == staff["officer_dpupr"]
