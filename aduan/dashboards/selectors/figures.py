"""The agency figures behind the scorecard, the ranking and the monthly report.

Every figure is an aggregate query grouped by agency, so one agency or all of them cost the same
fixed number of queries (eight, calendar included), whatever the number of cases. The medians
are computed from counts grouped by (WITA routing date, WITA response date): the database
returns one row per distinct pair of days, not one per assignment. Definitions: docs/scorecard.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, TruncDate

from aduan.cases.models import Assignment
from aduan.cases.workflow import OPEN_ASSIGNMENT_STATUSES, AssignmentStatus
from aduan.compliance.models import NonComplianceRecord
from aduan.core import clock
from aduan.sweeps.models import DeadlineAlert, LadderStep
from aduan.workdays.calendar import WorkCalendar
from aduan.workdays.selectors import load_calendar

from ..periods import Period

# Weights of the compliance score (docs/scorecard.md): a late resolution weighs more than a
# late first response.
FIRST_RESPONSE_WEIGHT = 0.4
RESOLUTION_WEIGHT = 0.6


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def weighted_median(counts: Iterable[tuple[int, int]]) -> float | None:
    """Median of values given as (value, how many times); the mean of the two middle values
    for an even total."""
    ordered = sorted((value, n) for value, n in counts if n > 0)
    total = sum(n for _, n in ordered)
    if not total:
        return None
    wanted = {(total - 1) // 2, total // 2}  # 0-based positions of the middle value(s)
    picked, seen = [], 0
    for value, n in ordered:
        for position in sorted(wanted):
            if seen <= position < seen + n:
                picked.append(value)
        seen += n
    return sum(picked) / len(picked)


@dataclass
class AgencyFigures:
    """What one agency did with the assignments routed to it in a period (the cohort), the
    deadline events of the period, and its open work now. Counts only; rates are derived."""

    agency_id: int | None = None
    # Cohort: assignments routed in the period.
    assigned: int = 0
    answered: int = 0  # result submitted (so far)
    returned: int = 0
    first_responses_due: int = 0  # answered, returned, or first-response deadline passed
    first_responses_on_time: int = 0
    resolutions_due: int = 0  # result submitted, or resolution deadline passed unreturned
    resolutions_on_time: int = 0
    first_response_days: dict[int, int] = field(default_factory=dict)  # working days -> n
    resolution_days: dict[int, int] = field(default_factory=dict)
    # Now (whatever the period).
    open_now: int = 0
    overdue_now: int = 0
    # Events in the period.
    escalations: int = 0
    non_compliance_records: int = 0
    feedback_count: int = 0
    satisfied_count: int = 0
    rating_sum: int = 0

    @property
    def first_response_rate(self) -> float | None:
        return percent(self.first_responses_on_time, self.first_responses_due)

    @property
    def resolution_rate(self) -> float | None:
        return percent(self.resolutions_on_time, self.resolutions_due)

    @property
    def median_days_to_first_response(self) -> float | None:
        return weighted_median(self.first_response_days.items())

    @property
    def median_days_to_resolution(self) -> float | None:
        return weighted_median(self.resolution_days.items())

    @property
    def mean_rating(self) -> float | None:
        return round(self.rating_sum / self.feedback_count, 2) if self.feedback_count else None

    @property
    def satisfied_rate(self) -> float | None:
        return percent(self.satisfied_count, self.feedback_count)

    @property
    def compliance_score(self) -> float | None:
        """0-100: 40 % first responses on time + 60 % resolutions on time; a rate that cannot
        be computed yet leaves the other alone; neither → no score."""
        parts = [
            (rate, weight)
            for rate, weight in (
                (self.first_response_rate, FIRST_RESPONSE_WEIGHT),
                (self.resolution_rate, RESOLUTION_WEIGHT),
            )
            if rate is not None
        ]
        if not parts:
            return None
        return round(sum(r * w for r, w in parts) / sum(w for _, w in parts), 1)

    def merge(self, other: AgencyFigures) -> None:
        """Adds another agency's counts (for the province total)."""
        for name in (
            "assigned", "answered", "returned", "first_responses_due",
            "first_responses_on_time", "resolutions_due", "resolutions_on_time", "open_now",
            "overdue_now", "escalations", "non_compliance_records", "feedback_count",
            "satisfied_count", "rating_sum",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for mine, theirs in (
            (self.first_response_days, other.first_response_days),
            (self.resolution_days, other.resolution_days),
        ):
            for days, n in theirs.items():
                mine[days] = mine.get(days, 0) + n


def first_response_at():
    """The first response is the acceptance, or the return when it came without one."""
    return Coalesce("accepted_at", "returned_at")


def cohort_counts(now: dt.datetime) -> dict:
    """Count(...) annotations over a queryset of assignments (the cohort); see the module
    docstring and docs/scorecard.md for each definition."""
    responded = Q(accepted_at__isnull=False) | Q(returned_at__isnull=False)
    not_returned_in_time = Q(returned_at__isnull=True) | Q(returned_at__gt=F("due_at"))
    return {
        "assigned": Count("id"),
        "answered": Count("id", filter=Q(result_submitted_at__isnull=False)),
        "returned": Count("id", filter=Q(returned_at__isnull=False)),
        "first_responses_due": Count("id", filter=responded | Q(first_response_due_at__lt=now)),
        "first_responses_on_time": Count(
            "id",
            filter=Q(accepted_at__lte=F("first_response_due_at"))
            | Q(accepted_at__isnull=True, returned_at__lte=F("first_response_due_at")),
        ),
        "resolutions_due": Count(
            "id",
            filter=Q(result_submitted_at__isnull=False)
            | (Q(due_at__lt=now) & not_returned_in_time),
        ),
        "resolutions_on_time": Count("id", filter=Q(result_submitted_at__lte=F("due_at"))),
    }


COHORT_FIELDS = (
    "assigned", "answered", "returned", "first_responses_due", "first_responses_on_time",
    "resolutions_due", "resolutions_on_time",
)  # fmt: skip


def _scope(queryset, field_name: str, agency_ids):
    return queryset if agency_ids is None else queryset.filter(**{f"{field_name}__in": agency_ids})


def _day_pairs(cohort, end_field, calendar: WorkCalendar, agency_key: str = "agency_id"):
    """{agency_id: {working days: n}} from counts grouped by (routing day, end day)."""
    rows = (
        cohort.annotate(
            routed_day=TruncDate("routed_at", tzinfo=clock.WITA),
            end_day=TruncDate(end_field, tzinfo=clock.WITA),
        )
        .values(agency_key, "routed_day", "end_day")
        .annotate(n=Count("id"))
        .order_by()
    )
    result: dict[int, dict[int, int]] = defaultdict(dict)
    for row in rows:
        days = calendar.working_days_between(row["routed_day"], row["end_day"])
        bucket = result[row[agency_key]]
        bucket[days] = bucket.get(days, 0) + row["n"]
    return result


def collect(
    agency_ids: list[int] | None,
    period: Period,
    *,
    now: dt.datetime | None = None,
    calendar: WorkCalendar | None = None,
) -> dict[int, AgencyFigures]:
    """AgencyFigures per agency id (None: every agency that has any figure). Eight queries
    (seven with a calendar given), whatever the number of agencies and cases."""
    now = now or clock.now()
    calendar = calendar or load_calendar()
    figures: dict[int, AgencyFigures] = {}

    def of(agency_id: int) -> AgencyFigures:
        if agency_id not in figures:
            figures[agency_id] = AgencyFigures(agency_id=agency_id)
        return figures[agency_id]

    for agency_id in agency_ids or ():
        of(agency_id)

    assignments = _scope(Assignment.objects.all(), "agency_id", agency_ids)
    cohort = assignments.filter(routed_at__gte=period.start, routed_at__lt=period.end)

    # 1. The cohort's counts.
    for row in cohort.values("agency_id").annotate(**cohort_counts(now)).order_by():
        target = of(row["agency_id"])
        for name in COHORT_FIELDS:
            setattr(target, name, row[name])

    # 2-3. Working days to the first response and to the result (medians).
    responded = cohort.filter(Q(accepted_at__isnull=False) | Q(returned_at__isnull=False))
    for agency_id, days in _day_pairs(responded, first_response_at(), calendar).items():
        of(agency_id).first_response_days = days
    resolved = cohort.filter(result_submitted_at__isnull=False)
    for agency_id, days in _day_pairs(resolved, "result_submitted_at", calendar).items():
        of(agency_id).resolution_days = days

    # 4. Open and overdue now, whenever they were routed.
    pending, accepted = AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED
    overdue = Q(status=pending, first_response_due_at__lt=now) | Q(
        status__in=[pending, accepted], due_at__lt=now
    )
    open_rows = (
        assignments.filter(status__in=OPEN_ASSIGNMENT_STATUSES)
        .values("agency_id")
        .annotate(open_now=Count("id"), overdue_now=Count("id", filter=overdue))
        .order_by()
    )
    for row in open_rows:
        target = of(row["agency_id"])
        target.open_now, target.overdue_now = row["open_now"], row["overdue_now"]

    # 5. Escalations (the sweep's "escalated" ladder step) in the period.
    escalations = (
        _scope(DeadlineAlert.objects.all(), "agency_id", agency_ids)
        .filter(step=LadderStep.ESCALATED, created_at__gte=period.start, created_at__lt=period.end)
        .values("agency_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in escalations:
        of(row["agency_id"]).escalations = row["n"]

    # 6. Non-compliance records written in the period.
    records = (
        _scope(NonComplianceRecord.objects.all(), "agency_id", agency_ids)
        .filter(recorded_at__gte=period.start, recorded_at__lt=period.end)
        .values("agency_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in records:
        of(row["agency_id"]).non_compliance_records = row["n"]

    # 7. Reporter satisfaction: ratings (not objections) given in the period on cases the
    # agency worked on (an assignment it did not return). Grouped by (rating, satisfied) and
    # counted by distinct feedback, so a case with two assignments of one agency counts once.
    ratings = (
        assignments.filter(
            returned_at__isnull=True,
            case__feedback__is_objection=False,
            case__feedback__at__gte=period.start,
            case__feedback__at__lt=period.end,
        )
        .values("agency_id", "case__feedback__rating", "case__feedback__satisfied")
        .annotate(n=Count("case__feedback__id", distinct=True))
        .order_by()
    )
    for row in ratings:
        target = of(row["agency_id"])
        n = row["n"]
        target.feedback_count += n
        target.rating_sum += row["case__feedback__rating"] * n
        if row["case__feedback__satisfied"]:
            target.satisfied_count += n
    return figures
