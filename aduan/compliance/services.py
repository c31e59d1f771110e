"""Writing to the sanctions register (issue 5, item 5).

`record_sanction` is the only way a sanction is made: the supervisor (Sekda) records a measure
against one agency, citing that agency's non-compliance records, with the decision document.
Everything is checked before anything is written; the document is cleaned (type by content,
metadata removed) and stored under a random name; the row, its citations and the audit record
are written in one transaction, and the stored file is removed again if that transaction fails.
Nothing of a refused sanction stays behind.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from aduan.agencies.models import Agency, AgencyKind
from aduan.core import audit, clock
from aduan.core.errors import ApplicationError, NotPermitted, ValidationFailed
from aduan.intake.storage import delete_stored, store
from aduan.intake.uploads import CleanFile, clean_upload, sniff

from .models import Sanction, SanctionMeasure
from .selectors import may_record_sanction, visible_records

MAX_NUMBER = 120
MAX_NOTE = 5000

MSG_REQUIRED = "Wajib diisi."
MSG_AGENCY = "Pilih instansi (OPD) yang dikenai sanksi."
MSG_MEASURE = "Pilih jenis sanksi yang masih berlaku."
MSG_NUMBER_LONG = f"Nomor keputusan paling banyak {MAX_NUMBER} karakter."
MSG_DATE = "Tanggal keputusan tidak valid."
MSG_DATE_FUTURE = "Tanggal keputusan tidak boleh setelah hari ini."
MSG_NOTE_LONG = f"Pertimbangan paling banyak {MAX_NOTE} karakter."
MSG_RECORDS_NONE = "Pilih paling sedikit satu catatan ketidakpatuhan yang menjadi dasar sanksi."
MSG_RECORDS_OTHER = "Catatan ketidakpatuhan yang dikutip harus milik instansi yang dikenai sanksi."
MSG_DOCUMENT_REQUIRED = "Unggah dokumen keputusan (PDF)."
MSG_DOCUMENT_PDF = "Dokumen keputusan harus berupa berkas PDF."


@dataclass(frozen=True)
class NewSanction:
    agency: str  # agency code
    measure: str  # SanctionMeasure code
    decision_number: str
    decided_on: dt.date | None
    note: str
    records: Iterable[int]  # ids of NonComplianceRecord
    document: object  # an uploaded file, a binary file object or bytes


def _check(actor, data: NewSanction) -> tuple[dict, dict[str, list[str]]]:
    """The rows the sanction rests on, and every problem found, keyed by field."""
    errors: dict[str, list[str]] = {}
    found: dict = {}

    agency = Agency.objects.filter(code=data.agency or "", kind=AgencyKind.OPD).first()
    if agency is None:
        errors["agency"] = [MSG_AGENCY]
    measure = SanctionMeasure.objects.filter(code=data.measure or "", is_active=True).first()
    if measure is None:
        errors["measure"] = [MSG_MEASURE]

    number = (data.decision_number or "").strip()
    if not number:
        errors["decision_number"] = [MSG_REQUIRED]
    elif len(number) > MAX_NUMBER:
        errors["decision_number"] = [MSG_NUMBER_LONG]

    if not isinstance(data.decided_on, dt.date):
        errors["decided_on"] = [MSG_REQUIRED if data.decided_on in (None, "") else MSG_DATE]
    elif data.decided_on > clock.today():
        errors["decided_on"] = [MSG_DATE_FUTURE]

    note = (data.note or "").strip()
    if len(note) > MAX_NOTE:
        errors["note"] = [MSG_NOTE_LONG]

    try:
        ids = {int(value) for value in data.records or ()}
    except (TypeError, ValueError):
        ids = None
    if ids is None:
        errors["records"] = [MSG_RECORDS_OTHER]
    elif not ids:
        errors["records"] = [MSG_RECORDS_NONE]
    else:
        records = list(visible_records(actor).filter(pk__in=ids))
        foreign = len(records) != len(ids) or any(
            agency is None or record.agency_id != agency.pk for record in records
        )
        if foreign:
            errors["records"] = [MSG_RECORDS_OTHER]
        found = {"records": records}

    if not data.document:
        errors["document"] = [MSG_DOCUMENT_REQUIRED]

    found.update(agency=agency, measure=measure, number=number, note=note)
    return found, errors


def _clean_document(document) -> CleanFile:
    """A PDF, rewritten without its metadata; errors under the field "document"."""
    try:
        if hasattr(document, "seek"):
            document.seek(0)
        head = document[:32] if isinstance(document, bytes) else document.read(32)
        if hasattr(document, "seek"):
            document.seek(0)
        if sniff(head or b"") != "application/pdf":
            raise ValidationFailed(MSG_DOCUMENT_PDF, fields={"document": [MSG_DOCUMENT_PDF]})
        clean = clean_upload("", document)
    except ApplicationError as exc:  # ValidationFailed 400, PayloadTooLarge 413
        message = exc.message.removeprefix("Berkas ke-1: ")
        raise type(exc)(message, fields={"document": [message]}) from None
    except (OSError, ValueError):
        raise ValidationFailed(MSG_DOCUMENT_PDF, fields={"document": [MSG_DOCUMENT_PDF]}) from None
    return clean


def record_sanction(actor, data: NewSanction) -> Sanction:
    """Records a measure against an agency. Supervisor only (NotPermitted otherwise);
    ValidationFailed (400) with field errors for any bad input, PayloadTooLarge (413) for a
    document over the size limit; in both cases nothing is stored."""
    if not may_record_sanction(actor):
        raise NotPermitted()
    found, errors = _check(actor, data)
    if errors:
        raise ValidationFailed(fields=errors)
    clean = _clean_document(data.document)
    name = store(clean)
    try:
        with transaction.atomic():
            sanction = Sanction.objects.create(
                agency=found["agency"],
                measure=found["measure"],
                decision_number=found["number"],
                decided_on=data.decided_on,
                note=found["note"],
                document_name=name,
                document_sha256=clean.sha256,
                document_size=len(clean.content),
                recorded_by=actor,
                recorded_at=clock.now(),
            )
            sanction.records.set(found["records"])
            audit.record(
                actor,
                "record_sanction",
                target=f"sanction:{sanction.pk}",
                agency=found["agency"].code,
                measure=found["measure"].code,
                records=sorted(record.pk for record in found["records"]),
                decided_on=data.decided_on.isoformat(),
                document_sha256=clean.sha256,
            )
    except BaseException:
        delete_stored(name)  # the row is gone with the transaction; so is its file
        raise
    return sanction
