"""The escalation ladder as moments and SQL conditions (issue 5 item 2).

Every deadline is the end (23:59:59 WITA) of a working day D. Relative to it:

- reminder: from the start of the working day `reminder_days_before` working days before D,
  while the deadline has not passed — i.e. D <= the n-th working day after today;
- missed: once the deadline has passed — notice to the agency head;
- escalated: once `escalation_days_after` more working days have ended — D + n working days
  (as `deadline_for` counts them) lies before today.

The thresholds come from each case's SLA policy (editable in the admin). So that one sweep stays
one statement per step however many cases there are, each policy's threshold is turned into a SQL
CASE expression (most specific policy first, as `choose_policy` decides) and every distinct
threshold value gets its own cutoff moment, computed here once from the working calendar.
"""

import datetime as dt

from django.db.models import Case, IntegerField, Q, Value, When

from aduan.agencies.models import SlaPolicy
from aduan.core import clock
from aduan.workdays.calendar import WorkCalendar


def reminder_cutoff(today: dt.date, days_before: int, calendar: WorkCalendar) -> dt.datetime:
    """Deadlines at or before this moment are within `days_before` working days."""
    return clock.end_of_day(calendar.add_working_days(today, days_before))


def working_day_before(today: dt.date, n: int, calendar: WorkCalendar) -> dt.date:
    """The n-th working day strictly before `today` (n >= 1)."""
    day, found = today, 0
    while found < n:
        day -= dt.timedelta(days=1)
        found += calendar.is_working_day(day)
    return day


def escalation_cutoff(as_of: dt.datetime, days_after: int, calendar: WorkCalendar) -> dt.datetime:
    """Deadlines strictly before this moment are `days_after` working days overdue.

    D + n working days < today  ⇔  D < the n-th working day before today; with n = 0 the
    deadline itself having passed is enough.
    """
    if days_after == 0:
        return as_of
    day = working_day_before(clock.local_date(as_of), days_after, calendar)
    return dt.datetime.combine(day, dt.time.min, tzinfo=clock.WITA)


def threshold_expression(
    policies: list[SlaPolicy], stage: str, attribute: str, case_prefix: str = ""
) -> Case | Value:
    """SQL for "this case's policy's `attribute`", for rows reached through `case_prefix`
    ("" from Case, "case__" from Assignment). Policies are tried most specific first, exactly
    as `aduan.agencies.selectors.choose_policy` picks one."""
    ordered = sorted(
        (p for p in policies if p.stage == stage),
        key=lambda p: (-p.specificity(), p.pk),
    )
    values = {getattr(p, attribute) for p in ordered}
    if len(values) == 1:  # the usual case: one threshold for the whole stage
        return Value(values.pop(), output_field=IntegerField())
    whens, default = [], 0
    for policy in ordered:
        condition = Q()
        if policy.case_kind:
            condition &= Q(**{f"{case_prefix}kind": policy.case_kind})
        if policy.supervision_class:
            condition &= Q(**{f"{case_prefix}supervision_class": policy.supervision_class})
        if policy.category_id:
            condition &= Q(**{f"{case_prefix}category_id": policy.category_id})
        if not condition:  # the stage's catch-all policy: every less specific case ends here
            default = getattr(policy, attribute)
            break
        whens.append(When(condition, then=Value(getattr(policy, attribute))))
    return Case(*whens, default=Value(default), output_field=IntegerField())


def distinct_thresholds(policies: list[SlaPolicy], stage: str, attribute: str) -> set[int]:
    return {getattr(p, attribute) for p in policies if p.stage == stage}
