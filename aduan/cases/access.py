"""Who may see and touch what (DESIGN §4), in one place.

`visible_cases(actor)` is the one list query; `get_case_for(actor, ...)` the one access
function. Forbidden looks like missing: both raise NotFound.
"""

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet

from aduan.accounts.roles import AGENCY_ROLES, Role
from aduan.agencies.models import INSPECTORATE_CODE, SupervisionClass
from aduan.core.errors import NotFound, NotPermitted

from .actors import role_of
from .models import Assignment, Case, CaseKind, Privacy
from .workflow import REPORTER, SYSTEM, role_may


def _routed_to_inspectorate() -> Exists:
    return Exists(Assignment.objects.filter(case=OuterRef("pk"), agency__code=INSPECTORATE_CODE))


def _in_conflict(actor) -> Exists:
    """An officer named in a report, or working in the reported agency, does not see it at all
    (issue 6). Loaded lazily: the whistleblowing app builds on this one."""
    conflict = apps.get_model("whistleblowing", "Conflict")
    return Exists(conflict.objects.filter(case=OuterRef("pk"), user_id=actor.pk))


def visible_cases(actor) -> QuerySet[Case]:
    role = role_of(actor)
    cases = Case.objects.all()
    if role == REPORTER:
        return cases.filter(pk=actor.case_id) if actor.case_id else cases.none()
    if role == SYSTEM:
        return cases  # the sweeps: a process, not a person, and it reads no content
    if role in (Role.COORDINATOR, Role.SUPERVISOR):
        return cases.exclude(kind=CaseKind.WHISTLEBLOWING)
    if role in AGENCY_ROLES:
        if actor.agency_id is None:
            return cases.none()
        mine = Assignment.objects.filter(case=OuterRef("pk"), agency_id=actor.agency_id)
        return cases.filter(Exists(mine)).exclude(kind=CaseKind.WHISTLEBLOWING)
    if role == Role.WBS_OFFICER:
        return cases.filter(
            Q(kind=CaseKind.WHISTLEBLOWING)
            | (Q(supervision_class=SupervisionClass.SUPERVISORY) & _routed_to_inspectorate())
        ).exclude(_in_conflict(actor))
    # custodian, auditor, sysadmin and anyone unknown: no case content.
    return cases.none()


def visible_assignments(actor) -> QuerySet[Assignment]:
    role = role_of(actor)
    if role in AGENCY_ROLES:
        return Assignment.objects.filter(agency_id=actor.agency_id)
    return Assignment.objects.filter(case__in=visible_cases(actor))


def get_case_for(actor, *, tracking_number: str | None = None, pk: int | None = None) -> Case:
    lookup = {"tracking_number": tracking_number} if tracking_number else {"pk": pk}
    try:
        return visible_cases(actor).get(**lookup)
    except Case.DoesNotExist:
        raise NotFound() from None


def require_role(actor, action: str) -> None:
    if not role_may(role_of(actor), action):
        raise NotPermitted()


def require_own_assignment(actor, assignment: Assignment) -> None:
    """Agency staff act only on their own agency's share; WBS officers on the Inspektorat's."""
    role = role_of(actor)
    if role in AGENCY_ROLES and assignment.agency_id == actor.agency_id:
        return
    if role == Role.WBS_OFFICER and assignment.agency.code == INSPECTORATE_CODE:
        return
    raise NotFound()


def may_see_identity(actor, case: Case) -> bool:
    """Only the coordinator sees a name, and only when the reporter chose `open`.
    Confidential identities open solely through the custodian's logged reveal (issue 6)."""
    return (
        role_of(actor) == Role.COORDINATOR
        and case.privacy == Privacy.OPEN
        and (case.kind != CaseKind.WHISTLEBLOWING)
    )
