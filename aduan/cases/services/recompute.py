"""When the holiday calendar changes, every open deadline is computed again by the same
function that made it (deadline_for), in batches."""

from itertools import batched

from django.db import transaction

from aduan.agencies.models import SlaPolicy
from aduan.workdays.selectors import load_calendar

from .. import deadlines
from ..models import Assignment, Case
from ..workflow import OPEN_ASSIGNMENT_STATUSES, OPEN_CASE_STATUSES, AssignmentStatus, CaseStatus

BATCH = 1000


def recompute_open_deadlines() -> int:
    """Returns how many rows changed."""
    calendar = load_calendar()
    policies = list(SlaPolicy.objects.all())
    changed = 0
    open_ids = Case.objects.filter(status__in=OPEN_CASE_STATUSES).values_list("pk", flat=True)
    for ids in batched(open_ids.iterator(chunk_size=BATCH), BATCH):
        with transaction.atomic():
            changed += _recompute_batch(list(ids), calendar, policies)
    return changed


def _recompute_batch(ids: list[int], calendar, policies) -> int:
    cases = {c.pk: c for c in Case.objects.select_for_update().filter(pk__in=ids)}
    assignments = list(
        Assignment.objects.filter(case_id__in=ids, status__in=OPEN_ASSIGNMENT_STATUSES)
    )
    changed_assignments = []
    latest: dict[int, object] = {}
    for assignment in assignments:
        case = cases[assignment.case_id]
        first, due = deadlines.assignment_deadlines(case, assignment, calendar, policies)
        if assignment.status != AssignmentStatus.PENDING:
            first = assignment.first_response_due_at  # already answered: history stays
        if (first, due) != (assignment.first_response_due_at, assignment.due_at):
            assignment.first_response_due_at, assignment.due_at = first, due
            changed_assignments.append(assignment)
        latest[case.pk] = max(due, latest.get(case.pk, due))
    changed_cases = []
    for case in cases.values():
        if case.status in (CaseStatus.ROUTED, CaseStatus.IN_PROGRESS):
            due = latest.get(case.pk, case.due_at)
        else:
            due = deadlines.case_stage_deadline(case, calendar, policies)
        fields_before = (case.due_at, case.verification_due_at)
        case.due_at = due
        if case.status == CaseStatus.RECEIVED:
            case.verification_due_at = due
        if (case.due_at, case.verification_due_at) != fields_before:
            changed_cases.append(case)
    Assignment.objects.bulk_update(changed_assignments, ["first_response_due_at", "due_at"])
    Case.objects.bulk_update(changed_cases, ["due_at", "verification_due_at"])
    return len(changed_assignments) + len(changed_cases)
