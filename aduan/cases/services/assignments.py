"""An agency's work on its share of a case: accept, return, update, submit and approve."""

from django.db import transaction

from aduan.agencies.models import Stage
from aduan.core import clock
from aduan.core.errors import InvalidTransition, ValidationFailed

from .. import deadlines
from ..access import require_own_assignment, require_role
from ..actors import SYSTEM_ACTOR, user_of
from ..models import Assignment, Attachment, Case
from ..workflow import AssignmentStatus
from .base import move_assignment, move_case, record_event


def _lock(assignment: Assignment) -> tuple[Assignment, Case]:
    locked = Assignment.objects.select_for_update().select_related("agency").get(pk=assignment.pk)
    case = Case.objects.select_for_update().get(pk=locked.case_id)
    return locked, case


def _step(actor, assignment: Assignment, action: str):
    """Role, ownership, then both tables: the case's and the assignment's."""
    require_role(actor, action)
    assignment, case = _lock(assignment)
    require_own_assignment(actor, assignment)
    case_before = move_case(case, action, actor)
    assignment_before = move_assignment(assignment, action)
    return assignment, case, case_before, assignment_before


def accept(actor, assignment: Assignment, *, note: str = "") -> Assignment:
    with transaction.atomic():
        assignment, case, case_before, _ = _step(actor, assignment, "accept")
        assignment.accepted_at = clock.now()
        assignment.save()
        case.save()
        record_event(
            case,
            "accept",
            actor,
            from_status=case_before,
            assignment=assignment,
            note=note.strip() or f"{assignment.agency.name} menindaklanjuti laporan.",
            visible_to_reporter=True,
        )
    return assignment


def return_assignment(actor, assignment: Assignment, *, reason: str) -> Assignment:
    """Not this agency's authority. When every assignment is returned the case goes back to
    the coordinator's queue, flagged, with a fresh verification clock."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": ["Alasan pengembalian wajib diisi."]})
    with transaction.atomic():
        assignment, case, case_before, _ = _step(actor, assignment, "return")
        now = clock.now()
        assignment.returned_at = now
        assignment.returned_reason = reason
        assignment.save()
        record_event(
            case,
            "return",
            actor,
            from_status=case_before,
            assignment=assignment,
            note=reason,
            data={"agency": assignment.agency.code},
        )
        others_open = case.assignments.exclude(status=AssignmentStatus.RETURNED).exists()
        if not others_open:
            before = move_case(case, "requeue", SYSTEM_ACTOR)
            case.returned = True
            case.clock_started_at = now
            case.clock_days_used = 0
            case.verification_due_at = case.due_at = deadlines.case_stage_deadline(case)
            record_event(
                case,
                "requeue",
                SYSTEM_ACTOR,
                from_status=before,
                note="Semua instansi mengembalikan laporan; kembali ke antrean verifikasi.",
            )
        case.save()
    return assignment


def update(actor, assignment: Assignment, *, note: str, visible_to_reporter: bool) -> Assignment:
    note = (note or "").strip()
    if not note:
        raise ValidationFailed(fields={"note": ["Catatan perkembangan wajib diisi."]})
    with transaction.atomic():
        assignment, case, case_before, _ = _step(actor, assignment, "update")
        case.save()
        record_event(
            case,
            "update",
            actor,
            from_status=case_before,
            assignment=assignment,
            note=note,
            visible_to_reporter=bool(visible_to_reporter),
        )
    return assignment


def submit_result(actor, assignment: Assignment, *, summary: str, evidence=()) -> Assignment:
    """The agency's result, with optional files (already cleaned and stored)."""
    summary = (summary or "").strip()
    if not summary:
        raise ValidationFailed(fields={"summary": ["Ringkasan hasil tindak lanjut wajib diisi."]})
    with transaction.atomic():
        assignment, case, case_before, _ = _step(actor, assignment, "submit_result")
        assignment.result_summary = summary
        assignment.result_submitted_at = now = clock.now()
        assignment.save()
        case.save()
        Attachment.objects.bulk_create(
            Attachment(
                case=case,
                assignment=assignment,
                storage_name=item.storage_name,
                content_type=item.content_type,
                size=item.size,
                sha256=item.sha256,
                uploaded_by=user_of(actor),
                at=now,
            )
            for item in evidence
        )
        record_event(
            case,
            "submit_result",
            actor,
            from_status=case_before,
            assignment=assignment,
            note="Hasil tindak lanjut dikirim.",
            data={"needs_head_approval": needs_head_approval(case), "files": len(evidence)},
        )
    return assignment


def approve_result(actor, assignment: Assignment) -> Assignment:
    with transaction.atomic():
        assignment, case, case_before, _ = _step(actor, assignment, "approve_result")
        assignment.approved_at = clock.now()
        assignment.save()
        case.save()
        record_event(
            case,
            "approve_result",
            actor,
            from_status=case_before,
            assignment=assignment,
            note="Hasil tindak lanjut disetujui kepala OPD.",
        )
    return assignment


def needs_head_approval(case: Case) -> bool:
    return deadlines.case_policy(case, Stage.RESOLUTION).requires_head_approval


def ensure_results_ready(case: Case) -> list[Assignment]:
    """Every assignment not returned has a result (approved where the policy says so)."""
    active = [a for a in case.assignments.all() if a.status != AssignmentStatus.RETURNED]
    ready = {AssignmentStatus.APPROVED}
    if not needs_head_approval(case):
        ready.add(AssignmentStatus.RESULT_SUBMITTED)
    if not active or any(a.status not in ready for a in active):
        raise InvalidTransition(
            "publish_result",
            case.status,
            "Belum semua instansi mengirim hasil tindak lanjut yang siap dijawabkan.",
        )
    return active
