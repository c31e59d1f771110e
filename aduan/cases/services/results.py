"""The answer goes back to the reporter, who rates it or objects; then the case closes."""

from django.conf import settings
from django.db import transaction

from aduan.core import clock
from aduan.core.errors import InvalidTransition, ValidationFailed
from aduan.workdays.selectors import load_calendar

from .. import deadlines
from ..access import require_role
from ..models import Case, Feedback
from ..workflow import AssignmentStatus
from .assignments import ensure_results_ready
from .base import lock_case, move_assignment, move_case, record_event


def publish_result(actor, case: Case, *, message: str) -> Case:
    """After the coordinator's quality check: the answer reaches the reporter and the
    feedback window opens."""
    message = (message or "").strip()
    if not message:
        raise ValidationFailed(fields={"message": ["Jawaban kepada pelapor wajib diisi."]})
    with transaction.atomic():
        case = lock_case(actor, case)
        require_role(actor, "publish_result")
        ready = ensure_results_ready(case)
        previous = move_case(case, "publish_result", actor)
        now = clock.now()
        for assignment in ready:
            move_assignment(assignment, "publish_result")
            assignment.completed_at = now
            assignment.save(update_fields=["status", "completed_at"])
        case.result_summary = message
        case.answered_at = now
        case.clock_started_at = now
        case.due_at = deadlines.case_stage_deadline(case)
        case.save()
        record_event(
            case,
            "publish_result",
            actor,
            from_status=previous,
            note=message,
            visible_to_reporter=True,
        )
    return case


def give_feedback(
    actor, case: Case, *, rating: int, satisfied: bool, comment: str = "", objection: bool = False
) -> Feedback:
    """Rating closes the case; an objection within the window (at most N times) reopens it,
    and the agencies get a fresh resolution clock."""
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationFailed(fields={"rating": ["Nilai harus 1 sampai 5."]})
    action = "object" if objection else "feedback"
    with transaction.atomic():
        case = lock_case(actor, case)
        now = clock.now()
        if objection:
            if case.due_at and now > case.due_at:
                raise InvalidTransition(action, case.status, "Batas waktu keberatan sudah lewat.")
            if case.objection_count >= settings.ADUAN_MAX_OBJECTIONS:
                raise InvalidTransition(action, case.status, "Batas jumlah keberatan tercapai.")
        previous = move_case(case, action, actor)
        feedback = Feedback.objects.create(
            case=case,
            at=now,
            rating=rating,
            satisfied=bool(satisfied),
            comment=(comment or "").strip(),
            is_objection=objection,
        )
        if objection:
            _reopen(case, now)
        else:
            case.closed_at = now
            case.due_at = None
        case.save()
        record_event(
            case,
            action,
            actor,
            from_status=previous,
            note="Pelapor mengajukan keberatan; laporan dibuka kembali."
            if objection
            else "Pelapor memberi penilaian; laporan selesai.",
            visible_to_reporter=True,
            data={"rating": rating, "satisfied": bool(satisfied)},
        )
    return feedback


def _reopen(case: Case, now) -> None:
    case.objection_count += 1
    case.answered_at = None
    calendar = load_calendar()
    reopened = []
    for assignment in case.assignments.filter(status=AssignmentStatus.DONE):
        move_assignment(assignment, "object")
        assignment.clock_started_at = now
        assignment.completed_at = assignment.result_submitted_at = assignment.approved_at = None
        _, assignment.due_at = deadlines.assignment_deadlines(case, assignment, calendar)
        assignment.save()
        reopened.append(assignment)
    case.due_at = max((a.due_at for a in reopened), default=None)


def close(actor, case: Case, *, note: str = "") -> Case:
    """By the coordinator, or by the system when the feedback window passed."""
    with transaction.atomic():
        case = lock_case(actor, case)
        previous = move_case(case, "close", actor)
        case.closed_at = clock.now()
        case.due_at = None
        case.save()
        record_event(
            case,
            "close",
            actor,
            from_status=previous,
            note=note.strip() or "Laporan selesai.",
            visible_to_reporter=True,
        )
    return case
