"""record_sanction: the supervisor only; every check before anything is written; nothing of a
refused sanction stays behind (no row, no citation, no file, no audit record)."""

import dataclasses
import datetime as dt
import io

import pytest

from aduan.compliance import services
from aduan.compliance.models import Sanction, SanctionMeasure
from aduan.core.errors import NotPermitted, PayloadTooLarge, ValidationFailed
from aduan.core.models import AuditRecord
from aduan.intake.storage import open_stored

from .conftest import make_record, new_sanction, pdf_bytes, stored_files

pytestmark = pytest.mark.django_db


def assert_nothing_stored(upload_dir):
    assert not Sanction.objects.exists()
    assert not Sanction.records.through.objects.exists()
    assert stored_files(upload_dir) == []
    assert not AuditRecord.objects.filter(action="record_sanction").exists()


def test_supervisor_records_a_sanction(staff, register, upload_dir):
    sanction = services.record_sanction(staff["supervisor"], new_sanction([register["dpupr"]]))
    sanction.refresh_from_db()
    assert sanction.agency.code == "DPUPR"
    assert sanction.measure.code == "teguran-tertulis"
    assert list(sanction.records.all()) == [register["dpupr"]]
    assert sanction.recorded_by == staff["supervisor"]
    # The document is cleaned (no author), stored under a random name, hashed.
    content = open_stored(sanction.document_name)
    assert content.startswith(b"%PDF-")
    assert b"Penulis Rahasia" not in content
    assert sanction.document_size == len(content)
    assert stored_files(upload_dir) == [sanction.document_name]
    entry = AuditRecord.objects.get(action="record_sanction")
    assert entry.actor == "sekda"
    assert entry.target == f"sanction:{sanction.pk}"
    assert entry.details["agency"] == "DPUPR"
    assert entry.details["records"] == [register["dpupr"].pk]
    assert entry.details["document_sha256"] == sanction.document_sha256


@pytest.mark.parametrize("role", ["head_dpupr", "wbs", "coordinator", "sysadmin"])
def test_only_the_supervisor_records(staff, register, upload_dir, role):
    with pytest.raises(NotPermitted):
        services.record_sanction(staff[role], new_sanction([register["dpupr"]]))
    assert_nothing_stored(upload_dir)


def test_records_of_another_agency_are_refused(staff, register, upload_dir):
    data = new_sanction([register["dpupr"], register["dinkes"]], agency="DPUPR")
    with pytest.raises(ValidationFailed) as refused:
        services.record_sanction(staff["supervisor"], data)
    assert refused.value.fields == {"records": [services.MSG_RECORDS_OTHER]}
    assert_nothing_stored(upload_dir)
    only_other = new_sanction([register["dinkes"]], agency="DPUPR")
    with pytest.raises(ValidationFailed):
        services.record_sanction(staff["supervisor"], only_other)
    assert_nothing_stored(upload_dir)


def test_unknown_record_ids_are_refused(staff, register, upload_dir):
    data = dataclasses.replace(new_sanction([register["dpupr"]]), records=[999999])
    with pytest.raises(ValidationFailed) as refused:
        services.record_sanction(staff["supervisor"], data)
    assert "records" in refused.value.fields
    assert_nothing_stored(upload_dir)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, services.MSG_DOCUMENT_PDF),
        (b"Surat keputusan dalam teks biasa", services.MSG_DOCUMENT_PDF),
        (b"%PDF-1.7\nbukan pdf sungguhan", "PDF rusak atau tidak dapat dibaca."),
        (b"", services.MSG_DOCUMENT_REQUIRED),
        (None, services.MSG_DOCUMENT_REQUIRED),
    ],
)
def test_a_bad_document_stores_nothing(staff, register, upload_dir, document, message):
    data = new_sanction([register["dpupr"]], document=document)
    with pytest.raises(ValidationFailed) as refused:
        services.record_sanction(staff["supervisor"], data)
    assert refused.value.fields == {"document": [message]}
    assert_nothing_stored(upload_dir)


def test_a_document_over_the_limit_is_413(staff, register, upload_dir, settings):
    settings.ADUAN_UPLOAD_MAX_BYTES = 100
    with pytest.raises(PayloadTooLarge) as refused:
        services.record_sanction(staff["supervisor"], new_sanction([register["dpupr"]]))
    assert refused.value.status == 413
    assert list(refused.value.fields) == ["document"]
    assert_nothing_stored(upload_dir)


def test_every_problem_is_named_at_once(staff, register, upload_dir):
    SanctionMeasure.objects.filter(code="teguran-lisan").update(is_active=False)
    data = services.NewSanction(
        agency="TIDAK-ADA",
        measure="teguran-lisan",
        decision_number="  ",
        decided_on=dt.date(2026, 3, 27),  # tomorrow
        note="x" * 5001,
        records=[],
        document=None,
    )
    with pytest.raises(ValidationFailed) as refused:
        services.record_sanction(staff["supervisor"], data)
    assert refused.value.fields == {
        "agency": [services.MSG_AGENCY],
        "measure": [services.MSG_MEASURE],
        "decision_number": [services.MSG_REQUIRED],
        "decided_on": [services.MSG_DATE_FUTURE],
        "note": [services.MSG_NOTE_LONG],
        "records": [services.MSG_RECORDS_NONE],
        "document": [services.MSG_DOCUMENT_REQUIRED],
    }
    assert_nothing_stored(upload_dir)


def test_the_file_goes_when_the_database_write_fails(staff, register, upload_dir, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(services.audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.record_sanction(staff["supervisor"], new_sanction([register["dpupr"]]))
    assert_nothing_stored(upload_dir)


def test_a_record_may_be_cited_again_and_from_a_file_object(staff, routed, upload_dir):
    record = make_record(routed, "DPUPR")
    first = services.record_sanction(staff["supervisor"], new_sanction([record]))
    second = services.record_sanction(
        staff["supervisor"],
        new_sanction([record], measure="pembinaan-sekda", document=io.BytesIO(pdf_bytes(2))),
    )
    assert set(record.sanctions.all()) == {first, second}
    assert len(stored_files(upload_dir)) == 2
