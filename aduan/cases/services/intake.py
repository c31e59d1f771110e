"""A case comes in; the reporter completes it or withdraws it."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F

from aduan import crypto
from aduan.agencies.models import Agency, AgencyKind, Category, SupervisionClass
from aduan.core import clock
from aduan.core.errors import InvalidTransition, ValidationFailed

from .. import deadlines
from ..access import require_role
from ..actors import role_of, user_of
from ..identity import ReporterData, clean_reporter, seal_identity
from ..models import Attachment, Case, CaseKind, Channel, Message, Privacy, RegisterCounter
from ..workflow import INITIAL_CASE_STATUS, OPEN_CASE_STATUSES, CaseStatus
from .base import lock_case, move_case, record_event

TRACKING_PREFIX = {CaseKind.WHISTLEBLOWING: "WBS"}
TRACKING_CODE_LENGTH = 6


@dataclass(frozen=True)
class NewReport:
    kind: str
    title: str
    description: str
    privacy: str
    channel: str = Channel.WEB
    category_code: str = ""
    occurred_on: dt.date | None = None
    location: str = ""
    regency_code: str = ""
    is_public: bool = False
    assistance: str = ""
    reporter: ReporterData | None = None
    evidence: tuple["StoredEvidence", ...] = field(default=())


@dataclass(frozen=True)
class StoredEvidence:
    """An evidence file already cleaned and stored (aduan.intake.storage) under a random name."""

    storage_name: str
    content_type: str
    size: int
    sha256: str


def content_fingerprint(report: NewReport) -> str:
    """Hash of what the reporter submitted — never of who they are."""
    canonical = {
        "kind": report.kind,
        "title": report.title.strip(),
        "description": report.description.strip(),
        "category": report.category_code,
        "occurred_on": report.occurred_on.isoformat() if report.occurred_on else "",
        "location": report.location.strip(),
        "regency": report.regency_code,
        "privacy": report.privacy,
        "is_public": report.is_public,
        "assistance": report.assistance.strip(),
        "evidence": sorted(item.sha256 for item in report.evidence),
    }
    encoded = json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def _validate(report: NewReport) -> dict:
    """Returns the resolved related objects or raises one ValidationFailed with every field."""
    errors: dict[str, list[str]] = {}
    if report.kind not in CaseKind.values:
        errors["kind"] = ["Jenis laporan tidak dikenal."]
    if report.privacy not in Privacy.values:
        errors["privacy"] = ["Pilihan kerahasiaan tidak dikenal."]
    if report.channel not in Channel.values:
        errors["channel"] = ["Kanal tidak dikenal."]
    title = report.title.strip()
    if not title:
        errors["title"] = ["Judul wajib diisi."]
    elif len(title) > 200:
        errors["title"] = ["Judul paling banyak 200 karakter."]
    description = report.description.strip()
    if len(description) < 10:
        errors["description"] = ["Uraian paling sedikit 10 karakter."]
    elif len(description) > 20000:
        errors["description"] = ["Uraian paling banyak 20.000 karakter."]
    if report.occurred_on and report.occurred_on > clock.today():
        errors["occurred_on"] = ["Tanggal kejadian tidak boleh di masa depan."]
    resolved: dict = {"category": None, "regency": None, "reporter": None}
    if report.category_code:
        resolved["category"] = Category.objects.filter(
            code=report.category_code, is_active=True
        ).first()
        if resolved["category"] is None:
            errors["category"] = ["Kategori tidak dikenal."]
    if report.regency_code:
        resolved["regency"] = Agency.objects.filter(
            code=report.regency_code, kind=AgencyKind.REGENCY
        ).first()
        if resolved["regency"] is None:
            errors["regency"] = ["Kabupaten/kota tidak dikenal."]
    if report.privacy == Privacy.ANONYMOUS and report.reporter is not None:
        errors["reporter"] = [
            "Laporan anonim tidak boleh memuat identitas pelapor. Hapus data diri, "
            "atau pilih kerahasiaan 'rahasia'."
        ]
    elif report.privacy in (Privacy.OPEN, Privacy.CONFIDENTIAL) and report.reporter is None:
        errors["reporter"] = ["Data pelapor wajib diisi, kecuali untuk laporan anonim."]
    elif report.reporter is not None:
        try:
            resolved["reporter"] = clean_reporter(report.reporter)
        except ValidationFailed as exc:
            errors.update(exc.fields)
    if errors:
        raise ValidationFailed(fields=errors)
    return resolved


def _new_tracking_number(kind: str, year: int) -> str:
    prefix = TRACKING_PREFIX.get(kind, "ADU")
    while True:
        candidate = f"{prefix}-{year}-{crypto.random_code(TRACKING_CODE_LENGTH)}"
        if not Case.objects.filter(tracking_number=candidate).exists():
            return candidate


def next_register_seq(year: int, count: int = 1) -> int:
    """Reserves `count` register numbers for `year` (inside the caller's transaction, whose
    write lock serialises it); returns the first one."""
    counter = RegisterCounter.objects.filter(pk=year)
    if not counter.update(last=F("last") + count):
        try:
            with transaction.atomic():
                RegisterCounter.objects.create(year=year, last=count)
            return 1
        except IntegrityError:  # another transaction created the year first
            counter.update(last=F("last") + count)
    return counter.values_list("last", flat=True).get() - count + 1


def create_case(actor, report: NewReport) -> tuple[Case, str]:
    """Receives a report. Returns the case and its receipt, which is shown once and kept only
    as an Argon2id hash."""
    require_role(actor, "create")
    resolved = _validate(report)
    category = resolved["category"]
    if report.kind == CaseKind.WHISTLEBLOWING:
        supervision = SupervisionClass.SUPERVISORY
    else:
        supervision = category.supervision_class if category else SupervisionClass.NON_SUPERVISORY
    receipt = crypto.random_receipt()
    receipt_hash = crypto.hash_secret(receipt)  # slow on purpose: outside the transaction
    now = clock.now()
    with transaction.atomic():
        year = clock.local(now).year
        case = Case(
            tracking_number=_new_tracking_number(report.kind, year),
            register_year=year,
            register_seq=next_register_seq(year),
            receipt_hash=receipt_hash,
            kind=report.kind,
            supervision_class=supervision,
            privacy=report.privacy,
            channel=report.channel,
            is_public=report.is_public,
            title=report.title.strip(),
            description=report.description.strip(),
            category=category,
            occurred_on=report.occurred_on,
            location=report.location.strip(),
            regency=resolved["regency"],
            assistance=report.assistance.strip(),
            status=INITIAL_CASE_STATUS,
            received_at=now,
            clock_started_at=now,
            created_by=user_of(actor),
            content_fingerprint=content_fingerprint(report),
        )
        case.verification_due_at = case.due_at = deadlines.case_stage_deadline(case)
        case.save()
        if resolved["reporter"] is not None:
            seal_identity(case, resolved["reporter"]).save(force_insert=True)
        _attach(case, None, report.evidence, actor, now)
        record_event(
            case,
            "create",
            actor,
            from_status="",
            note="Laporan diterima.",
            visible_to_reporter=True,
            data={"channel": report.channel, "by": role_of(actor)},
        )
    return case, receipt


def _attach(case: Case, message: Message, evidence, actor, now) -> None:
    Attachment.objects.bulk_create(
        Attachment(
            case=case,
            message=message,
            storage_name=item.storage_name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            from_reporter=user_of(actor) is None,
            uploaded_by=user_of(actor),
            at=now,
        )
        for item in evidence
    )


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationFailed(fields={"body": ["Pesan wajib diisi."]})
    if len(body) > 20000:
        raise ValidationFailed(fields={"body": ["Pesan paling banyak 20.000 karakter."]})
    return body


def reporter_reply(actor, case: Case, *, body: str, evidence=()) -> Message:
    """The reporter completes a report that needed more information: verification resumes
    with the working days it had already used."""
    body = _clean_body(body)
    with transaction.atomic():
        case = lock_case(actor, case)
        previous = move_case(case, "reporter_reply", actor)
        now = clock.now()
        case.clock_started_at = now
        case.verification_due_at = case.due_at = deadlines.case_stage_deadline(case)
        case.save()
        message = Message.objects.create(case=case, at=now, from_reporter=True, body=body)
        _attach(case, message, evidence, actor, now)
        record_event(
            case,
            "reporter_reply",
            actor,
            from_status=previous,
            note="Pelapor melengkapi laporan; verifikasi dilanjutkan.",
            visible_to_reporter=True,
            data={"message_id": message.pk, "evidence": len(evidence)},
        )
    return message


def post_reporter_message(actor, case: Case, *, body: str, evidence=()) -> Message:
    """What the reporter writes through /lacak: completes the report when it was waiting for
    information, otherwise a plain message on the open case (no status change)."""
    if case.status == CaseStatus.NEEDS_INFO:
        return reporter_reply(actor, case, body=body, evidence=evidence)
    body = _clean_body(body)
    with transaction.atomic():
        case = lock_case(actor, case)
        require_role(actor, "reporter_reply")
        if case.status not in OPEN_CASE_STATUSES:
            raise InvalidTransition(
                "reporter_message",
                case.status,
                "Laporan sudah selesai; pesan tidak dapat dikirim lagi.",
            )
        now = clock.now()
        message = Message.objects.create(case=case, at=now, from_reporter=True, body=body)
        _attach(case, message, evidence, actor, now)
        record_event(
            case,
            "reporter_message",
            actor,
            from_status=case.status,
            note="Pelapor mengirim pesan.",
            visible_to_reporter=True,
            data={"message_id": message.pk, "evidence": len(evidence)},
        )
    return message


def withdraw(actor, case: Case, *, note: str = "") -> Case:
    """By the reporter, or by the system when the 30-day information window passed."""
    with transaction.atomic():
        case = lock_case(actor, case)
        previous = move_case(case, "withdraw", actor)
        case.due_at = None
        case.closed_at = clock.now()
        case.save()
        default = (
            "Laporan dicabut oleh pelapor."
            if role_of(actor) == "reporter"
            else "Laporan dicabut karena tidak dilengkapi dalam batas waktu."
        )
        record_event(
            case,
            "withdraw",
            actor,
            from_status=previous,
            note=note or default,
            visible_to_reporter=True,
        )
    return case
