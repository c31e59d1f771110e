"""The coordinator's (or WBS officer's) verification: exactly one of request_info, archive,
refer_out or route ends it."""

from django.db import transaction

from aduan.agencies.models import (
    INSPECTORATE_CODE,
    Agency,
    AgencyKind,
    Category,
    Stage,
    SupervisionClass,
)
from aduan.core import clock
from aduan.core.errors import RoutingNotAllowed, ValidationFailed
from aduan.workdays.selectors import load_calendar

from .. import deadlines
from ..access import visible_cases
from ..models import ArchiveReason, Assignment, Case, CaseKind, Message
from .base import lock_case, move_case, record_event


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(fields={field: [message]})
    return value


PUBLIC_KINDS = (CaseKind.COMPLAINT, CaseKind.ASPIRATION, CaseKind.INFORMATION_REQUEST)


def _wbs_rules():
    """The WBS track's own rules (issue 6): the evidence gate before archiving, the external
    path for reports about the Inspektur or the Sekda. Imported late: that app builds on this."""
    from aduan.whistleblowing import rules

    return rules


def classify(
    actor,
    case: Case,
    *,
    kind: str | None = None,
    category: str | None = None,
    supervision_class: str | None = None,
    title: str | None = None,
) -> Case:
    """The verifier's classification: kind, category, supervisory or not, and a short neutral
    title. Only what is given changes; the verification deadline follows the new policy with
    the working days already used."""
    errors: dict[str, list[str]] = {}
    changes: dict[str, str] = {}
    if kind is not None and kind != case.kind:
        if case.kind == CaseKind.WHISTLEBLOWING or kind not in PUBLIC_KINDS:
            errors["kind"] = ["Jenis laporan ini tidak dapat diubah ke pilihan tersebut."]
        changes["kind"] = kind
    new_category = case.category
    if category is not None:
        new_category = (
            Category.objects.filter(code=category, is_active=True).first() if category else None
        )
        if category and new_category is None:
            errors["category"] = ["Kategori tidak dikenal."]
        changes["category"] = category
        if supervision_class is None and new_category is not None:
            supervision_class = new_category.supervision_class  # the category's own class
    if supervision_class is not None:
        if supervision_class not in SupervisionClass.values:
            errors["supervision_class"] = ["Pilihan kadar pengawasan tidak dikenal."]
        elif case.kind == CaseKind.WHISTLEBLOWING and supervision_class != "supervisory":
            errors["supervision_class"] = ["Laporan WBS selalu berkadar pengawasan."]
        changes["supervision_class"] = supervision_class
    if title is not None and case.kind == CaseKind.WHISTLEBLOWING and title.strip() != case.title:
        # A WBS title would be plaintext beside sealed content: it stays the placeholder.
        errors["title"] = ["Judul laporan WBS tidak dapat diubah: isinya tersegel."]
    elif title is not None:
        title = title.strip()
        if not title or len(title) > 200:
            errors["title"] = ["Judul ringkas wajib diisi, paling banyak 200 karakter."]
        changes["title"] = "diubah"
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        case = lock_case(actor, case)
        previous = move_case(case, "classify", actor)
        now = clock.now()
        calendar = load_calendar()
        used = deadlines.days_elapsed(
            deadlines.case_policy(case, Stage.VERIFICATION), case.clock_started_at, now, calendar
        )
        case.kind = changes.get("kind", case.kind)
        case.category = new_category
        case.supervision_class = changes.get("supervision_class", case.supervision_class)
        if title is not None:
            case.title = title
        # The clock keeps its days; only the policy (and so the total) may change.
        case.clock_days_used += used
        case.clock_started_at = now
        case.verification_due_at = case.due_at = deadlines.case_stage_deadline(case, calendar)
        case.save()
        record_event(
            case,
            "classify",
            actor,
            from_status=previous,
            note="Laporan diklasifikasikan.",
            data={key: value for key, value in changes.items()},
        )
    return case


def request_info(actor, case: Case, *, message: str) -> Message:
    """Asks the reporter to complete the report. The verification clock pauses, keeping the
    working days used; the reporter's 30-day window starts."""
    text = _required(message, "message", "Tuliskan informasi apa yang perlu dilengkapi.")
    with transaction.atomic():
        case = lock_case(actor, case)
        previous = move_case(case, "request_info", actor)
        now = clock.now()
        calendar = load_calendar()
        policy = deadlines.case_policy(case, Stage.VERIFICATION)
        case.clock_days_used += deadlines.days_elapsed(policy, case.clock_started_at, now, calendar)
        case.clock_started_at = now
        case.due_at = deadlines.case_stage_deadline(case, calendar)
        case.save()
        sent = Message.objects.create(case=case, at=now, author=actor, body=text)
        record_event(
            case,
            "request_info",
            actor,
            from_status=previous,
            note="Laporan perlu dilengkapi oleh pelapor.",
            visible_to_reporter=True,
            data={"message_id": sent.pk, "verification_days_used": case.clock_days_used},
        )
    return sent


def archive(actor, case: Case, *, reason: str, note: str = "", duplicate_of: str = "") -> Case:
    if reason not in ArchiveReason.values:
        raise ValidationFailed(fields={"reason": ["Alasan pengarsipan tidak dikenal."]})
    original = None
    if reason == ArchiveReason.DUPLICATE:
        number = _required(duplicate_of, "duplicate_of", "Sebutkan nomor laporan aslinya.")
        original = visible_cases(actor).filter(tracking_number=number).exclude(pk=case.pk).first()
        if original is None:
            raise ValidationFailed(fields={"duplicate_of": ["Laporan asli tidak ditemukan."]})
    with transaction.atomic():
        case = lock_case(actor, case)
        previous = move_case(case, "archive", actor)
        if case.kind == CaseKind.WHISTLEBLOWING:
            _wbs_rules().check_archive(case, reason, previous)
        case.archive_reason = reason
        case.duplicate_of = original
        case.due_at = None
        case.closed_at = clock.now()
        case.save()
        label = ArchiveReason(reason).label
        record_event(
            case,
            "archive",
            actor,
            from_status=previous,
            note=f"Laporan diarsipkan: {label}." + (f" {note.strip()}" if note.strip() else ""),
            visible_to_reporter=True,
            data={"reason": reason, "duplicate_of": original.tracking_number if original else ""},
        )
    return case


def refer_out(actor, case: Case, *, destination: str, note: str = "") -> Case:
    """Outside the province's authority: the reporter is told which body to turn to."""
    target = Agency.objects.filter(
        code=destination, kind__in=[AgencyKind.EXTERNAL, AgencyKind.REGENCY], is_active=True
    ).first()
    if target is None:
        raise ValidationFailed(
            fields={"destination": ["Pilih instansi luar atau kabupaten/kota tujuan."]}
        )
    with transaction.atomic():
        case = lock_case(actor, case)
        previous = move_case(case, "refer_out", actor)
        if case.kind == CaseKind.WHISTLEBLOWING:
            _wbs_rules().check_refer(case, target.code)
        case.referred_to = target
        case.due_at = None
        case.closed_at = clock.now()
        case.save()
        record_event(
            case,
            "refer_out",
            actor,
            from_status=previous,
            note=f"Laporan dialihkan kepada {target.name}."
            + (f" {note.strip()}" if note.strip() else ""),
            visible_to_reporter=True,
            data={"destination": target.code},
        )
    return case


def _routing_targets(case: Case, codes: list[str]) -> list[Agency]:
    codes = list(dict.fromkeys(code.strip() for code in codes if code and code.strip()))
    if not codes:
        raise ValidationFailed(fields={"agencies": ["Pilih paling sedikit satu instansi."]})
    agencies = list(
        Agency.objects.filter(
            code__in=codes, kind__in=[AgencyKind.OPD, AgencyKind.REGENCY], is_active=True
        )
    )
    unknown = sorted(set(codes) - {agency.code for agency in agencies})
    if unknown:
        raise ValidationFailed(
            fields={"agencies": [f"Instansi tidak dikenal: {', '.join(unknown)}."]}
        )
    needs_inspectorate = (
        case.supervision_class == SupervisionClass.SUPERVISORY
        or case.kind == CaseKind.WHISTLEBLOWING
    )
    if needs_inspectorate and codes != [INSPECTORATE_CODE]:
        raise RoutingNotAllowed(
            "Laporan berkadar pengawasan hanya dapat didisposisikan kepada Inspektorat.",
            fields={"agencies": ["Hanya INSPEKTORAT untuk laporan berkadar pengawasan."]},
        )
    return agencies


def route(actor, case: Case, *, agencies: list[str], instructions: str = "") -> list[Assignment]:
    """Distributes the case to one or more agencies, each with its own deadlines."""
    with transaction.atomic():
        case = lock_case(actor, case)
        previous = move_case(case, "route", actor)
        if case.kind == CaseKind.WHISTLEBLOWING:
            _wbs_rules().check_route(case, agencies)
        targets = _routing_targets(case, agencies)
        now = clock.now()
        calendar = load_calendar()
        created = []
        for agency in targets:
            assignment = Assignment(
                case=case,
                agency=agency,
                instructions=instructions.strip(),
                routed_at=now,
                routed_by=actor,
                clock_started_at=now,
            )
            assignment.first_response_due_at, assignment.due_at = deadlines.assignment_deadlines(
                case, assignment, calendar
            )
            created.append(assignment)
        Assignment.objects.bulk_create(created)
        case.returned = False
        case.due_at = max(a.due_at for a in created)
        case.save()
        record_event(
            case,
            "route",
            actor,
            from_status=previous,
            note="Laporan didisposisikan kepada " + ", ".join(a.name for a in targets) + ".",
            visible_to_reporter=True,
            data={"agencies": [a.code for a in targets]},
        )
    return created
