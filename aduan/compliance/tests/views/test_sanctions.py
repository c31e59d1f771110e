"""/staf/sanksi: the register, the two-step form, the detail page and the decision document."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from aduan.compliance.models import Sanction
from aduan.compliance.services import MSG_DOCUMENT_PDF, MSG_RECORDS_OTHER, record_sanction
from aduan.core.models import AuditRecord

from ..conftest import new_sanction, pdf_bytes, stored_files

pytestmark = pytest.mark.django_db

NEW = "/staf/sanksi/baru"


def pdf_upload(content=None):
    return SimpleUploadedFile(
        "surat-keputusan-rahasia.pdf", content or pdf_bytes(), "application/pdf"
    )


def form_data(records, **overrides):
    data = {
        "agency": "DPUPR",
        "measure": "teguran-lisan",
        "decision_number": "800/45/SEKDA/2026",
        "decided_on": "2026-03-20",
        "note": "Dua kali melewati batas tanggapan pertama.",
        "records": [r.pk for r in records],
        "document": pdf_upload(),
    }
    data.update(overrides)
    return data


def test_step_one_lists_agencies_with_records_first(client, staff, register):
    client.force_login(staff["supervisor"])
    response = client.get(NEW)
    assert response.status_code == 200
    text = response.content.decode()
    assert "langkah 1 dari 2" in text
    assert text.index("(1 catatan ketidakpatuhan)") < text.index("(0 catatan ketidakpatuhan)")
    assert client.get(NEW, {"agency": "TIDAK-ADA"}).status_code == 400


def test_step_two_lists_only_that_agencys_records(client, staff, register):
    client.force_login(staff["supervisor"])
    response = client.get(NEW, {"agency": "DPUPR"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "langkah 2 dari 2" in text
    assert f'value="{register["dpupr"].pk}"' in text
    assert register["dpupr"].case.tracking_number in text
    assert register["dinkes"].case.tracking_number not in text
    assert 'enctype="multipart/form-data"' in text
    assert "Teguran lisan" in text


def test_recording_a_sanction_end_to_end(client, staff, register, upload_dir):
    client.force_login(staff["supervisor"])
    response = client.post(NEW, form_data([register["dpupr"]]))
    assert response.status_code == 302
    sanction = Sanction.objects.get()
    assert response["Location"] == f"/staf/sanksi/{sanction.pk}"
    assert AuditRecord.objects.filter(action="record_sanction", actor="sekda").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "800/45/SEKDA/2026" in page
    assert "Sanksi tercatat dalam register." in page
    assert register["dpupr"].case.tracking_number in page

    # The head of that agency sees it, in the list, the page and the document.
    client.force_login(staff["head_dpupr"])
    assert "800/45/SEKDA/2026" in client.get("/staf/sanksi").content.decode()
    assert client.get(f"/staf/sanksi/{sanction.pk}").status_code == 200
    document = client.get(f"/staf/sanksi/{sanction.pk}/dokumen")
    assert document.status_code == 200
    assert document["Content-Type"] == "application/pdf"
    assert document["Content-Disposition"] == (
        f'attachment; filename="keputusan-sanksi-{sanction.pk}.pdf"'
    )
    assert document["Cache-Control"] == "no-store"
    assert document.content.startswith(b"%PDF-")
    assert AuditRecord.objects.filter(action="download_sanction_document").count() == 1

    # The head of another agency, the agency's officer and the coordinator do not.
    for role in ("head_dinkes", "officer_dpupr", "coordinator", "auditor"):
        client.force_login(staff[role])
        assert client.get(f"/staf/sanksi/{sanction.pk}").status_code == 404
        assert client.get(f"/staf/sanksi/{sanction.pk}/dokumen").status_code == 404
    client.force_login(staff["head_dinkes"])
    assert "800/45/SEKDA/2026" not in client.get("/staf/sanksi").content.decode()


def test_citing_another_agencys_record_is_refused_and_stores_nothing(
    client, staff, register, upload_dir
):
    client.force_login(staff["supervisor"])
    response = client.post(NEW, form_data([register["dpupr"], register["dinkes"]]))
    assert response.status_code == 400
    assert MSG_RECORDS_OTHER in response.content.decode()
    assert not Sanction.objects.exists()
    assert stored_files(upload_dir) == []
    assert not AuditRecord.objects.filter(action="record_sanction").exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("keputusan.pdf", b"MZ\x90\x00 bukan pdf", "application/pdf"),
        SimpleUploadedFile("keputusan.pdf", b"%PDF-1.4 rusak", "application/pdf"),
    ],
)
def test_a_bad_upload_stores_nothing(client, staff, register, upload_dir, upload):
    client.force_login(staff["supervisor"])
    response = client.post(NEW, form_data([register["dpupr"]], document=upload))
    assert response.status_code == 400
    text = response.content.decode()
    assert MSG_DOCUMENT_PDF in text or "PDF rusak" in text
    assert "Ada isian yang perlu diperbaiki" in text
    assert not Sanction.objects.exists()
    assert stored_files(upload_dir) == []


def test_missing_fields_are_named_next_to_them(client, staff, register, upload_dir):
    client.force_login(staff["supervisor"])
    data = form_data([], decision_number="", decided_on="kemarin")
    del data["document"]
    response = client.post(NEW, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Wajib diisi." in text
    assert "Tanggal tidak valid." in text
    assert not Sanction.objects.exists()


def test_a_tampered_agency_goes_back_to_step_one(client, staff, register):
    client.force_login(staff["supervisor"])
    response = client.post(NEW, form_data([register["dpupr"]], agency="../../x"))
    assert response.status_code == 400
    assert "langkah 1 dari 2" in response.content.decode()
    assert not Sanction.objects.exists()


@pytest.mark.parametrize("role", ["head_dpupr", "wbs", "coordinator", "sysadmin"])
def test_only_the_supervisor_opens_the_form(client, staff, register, role):
    client.force_login(staff[role])
    assert client.get(NEW).status_code == 404
    assert client.post(NEW, form_data([register["dpupr"]])).status_code == 404
    assert not Sanction.objects.exists()


def test_the_register_list_and_its_record_button(client, staff, register):
    record_sanction(staff["supervisor"], new_sanction([register["dpupr"]]))
    client.force_login(staff["supervisor"])
    text = client.get("/staf/sanksi", {"agency": "DPUPR", "year": "2026"}).content.decode()
    assert "700/12/SEKDA/2026" in text
    assert 'href="/staf/sanksi/baru"' in text
    assert "sanksi.xlsx?agency=DPUPR&amp;year=2026" in text
    client.force_login(staff["wbs"])
    text = client.get("/staf/sanksi").content.decode()
    assert "700/12/SEKDA/2026" in text
    assert 'href="/staf/sanksi/baru"' not in text
