"""What every case service shares: the transition step, the event, the after-commit hook."""

from functools import partial

from django.db import transaction

from aduan.core import audit, clock
from aduan.core.errors import NotFound

from .. import workflow
from ..access import require_role, visible_cases
from ..actors import role_of, user_of
from ..models import Assignment, Case, CaseEvent
from ..tasks import notify_case_event


def lock_case(actor, case: Case) -> Case:
    """Re-reads the case under a row lock so two clicks cannot both move it — and only if the
    actor may see it, so a service never acts on a case its caller could not open."""
    try:
        return visible_cases(actor).select_for_update().get(pk=case.pk)
    except Case.DoesNotExist:
        raise NotFound() from None


def record_event(
    case: Case,
    action: str,
    actor,
    *,
    from_status: str,
    note: str = "",
    visible_to_reporter: bool = False,
    assignment: Assignment | None = None,
    data: dict | None = None,
) -> CaseEvent:
    event = CaseEvent.objects.create(
        case=case,
        assignment=assignment,
        at=clock.now(),
        action=action,
        actor=user_of(actor),
        actor_role=role_of(actor),
        from_status=from_status,
        to_status=case.status,
        note=note,
        visible_to_reporter=visible_to_reporter,
        data=data or {},
    )
    # The audit log gets who moved which case how; never the note or the data (content).
    extra = {"assignment": assignment.pk} if assignment is not None else {}
    audit.record(
        actor,
        "case_event",
        f"case:{case.tracking_number}",
        event=action,
        from_status=from_status,
        to_status=case.status,
        **extra,
    )
    after_commit_notify(event)
    return event


def after_commit_notify(event: CaseEvent) -> None:
    transaction.on_commit(partial(notify_case_event.enqueue, event.pk))


def move_case(case: Case, action: str, actor) -> str:
    """Checks role and table, sets the new status; returns the previous one."""
    require_role(actor, action)
    previous = case.status
    case.status = workflow.next_case_status(case.status, action)
    return previous


def move_assignment(assignment: Assignment, action: str) -> str:
    previous = assignment.status
    assignment.status = workflow.next_assignment_status(assignment.status, action)
    return previous
