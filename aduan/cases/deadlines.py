"""Due dates. `deadline_for` is the only function that makes one (DESIGN §3):
n working days from a moment = the end (23:59:59 WITA) of the n-th working day strictly after
that moment's WITA date. A paused clock passes the days already used, which are subtracted.
"""

import datetime as dt

from aduan.agencies.models import DayType, SlaPolicy, Stage
from aduan.agencies.selectors import choose_policy, policy_for
from aduan.core import clock
from aduan.workdays.calendar import WorkCalendar
from aduan.workdays.selectors import load_calendar

from .workflow import CaseStatus

# Which case-level clock runs in which status (routed/in_progress follow the assignments).
CASE_STAGE_BY_STATUS = {
    CaseStatus.RECEIVED: Stage.VERIFICATION,
    CaseStatus.NEEDS_INFO: Stage.REPORTER_INFO,
    CaseStatus.ANSWERED: Stage.FEEDBACK_WINDOW,
}


def deadline_for(
    stage: str,
    start: dt.datetime,
    policy: SlaPolicy,
    *,
    days_used: int = 0,
    calendar: WorkCalendar | None = None,
) -> dt.datetime:
    if policy.stage != stage:
        raise ValueError(f"policy for {policy.stage} used for stage {stage}")
    calendar = calendar or load_calendar()
    remaining = max(policy.days - days_used, 0)
    start_day = clock.local_date(start)
    if policy.day_type == DayType.WORKING:
        day = calendar.add_working_days(start_day, remaining)
    else:
        day = calendar.add_calendar_days(start_day, remaining)
    return clock.end_of_day(day)


def days_elapsed(
    policy: SlaPolicy, start: dt.datetime, until: dt.datetime, calendar: WorkCalendar
) -> int:
    """Days of `policy`'s kind used between two moments (for pausing a clock)."""
    first, last = clock.local_date(start), clock.local_date(until)
    if policy.day_type == DayType.WORKING:
        return calendar.working_days_between(first, last)
    return max((last - first).days, 0)


def case_policy(case, stage: str, policies: list[SlaPolicy] | None = None) -> SlaPolicy:
    """The policy for one case; bulk work passes all policies, loaded once."""
    scope = {
        "case_kind": case.kind,
        "supervision_class": case.supervision_class,
        "category_id": case.category_id,
    }
    if policies is not None:
        return choose_policy(policies, stage, **scope)
    return policy_for(stage, **scope)


def case_stage_deadline(
    case, calendar: WorkCalendar | None = None, policies: list[SlaPolicy] | None = None
) -> dt.datetime | None:
    """The due date of the case-level clock running in the case's current status."""
    stage = CASE_STAGE_BY_STATUS.get(case.status)
    if stage is None or case.clock_started_at is None:
        return None
    used = case.clock_days_used if stage == Stage.VERIFICATION else 0
    policy = case_policy(case, stage, policies)
    return deadline_for(stage, case.clock_started_at, policy, days_used=used, calendar=calendar)


def assignment_deadlines(
    case,
    assignment,
    calendar: WorkCalendar | None = None,
    policies: list[SlaPolicy] | None = None,
) -> tuple[dt.datetime, dt.datetime]:
    """(first response due, resolution due) of one assignment."""
    first = deadline_for(
        Stage.FIRST_RESPONSE,
        assignment.routed_at,
        case_policy(case, Stage.FIRST_RESPONSE, policies),
        calendar=calendar,
    )
    resolution = deadline_for(
        Stage.RESOLUTION,
        assignment.clock_started_at,
        case_policy(case, Stage.RESOLUTION, policies),
        calendar=calendar,
    )
    return first, resolution
