"""Read side of the dashboards: one agency's scorecard, the monthly ranking of the OPDs and an
agency's month-by-month trend. Definitions: docs/scorecard.md; the counting: figures.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db.models.functions import TruncMonth

from aduan.agencies.models import Agency, AgencyKind
from aduan.cases.models import Assignment
from aduan.core import clock

from ..periods import Period, add_months, month_label, month_period
from .figures import (
    COHORT_FIELDS,
    AgencyFigures,
    cohort_counts,
    collect,
)

# Who has a scorecard: the agencies a case can be routed to.
SCORED_KINDS = (AgencyKind.OPD, AgencyKind.REGENCY)


@dataclass(frozen=True)
class Scorecard:
    """Compliance figures of one agency for a period (docs/scorecard.md)."""

    agency_code: str
    agency_name: str
    date_from: dt.date
    date_to: dt.date
    as_of: dt.datetime
    # Assignments routed in the period (the cohort) and what became of them so far.
    assigned: int
    answered: int
    returned: int
    first_responses_due: int
    first_responses_on_time: int
    first_response_on_time_rate: float | None
    resolutions_due: int
    resolutions_on_time: int
    resolution_on_time_rate: float | None
    median_working_days_to_first_response: float | None
    median_working_days_to_resolution: float | None
    # Now, whenever routed.
    open_now: int
    overdue_now: int
    # Events in the period.
    escalations: int
    non_compliance_records: int
    feedback_count: int
    satisfied_count: int
    mean_rating: float | None
    satisfied_rate: float | None
    compliance_score: float | None

    @classmethod
    def of(cls, agency: Agency, period: Period, as_of: dt.datetime, f: AgencyFigures):
        return cls(
            agency_code=agency.code,
            agency_name=agency.name,
            date_from=period.date_from,
            date_to=period.date_to,
            as_of=as_of,
            assigned=f.assigned,
            answered=f.answered,
            returned=f.returned,
            first_responses_due=f.first_responses_due,
            first_responses_on_time=f.first_responses_on_time,
            first_response_on_time_rate=f.first_response_rate,
            resolutions_due=f.resolutions_due,
            resolutions_on_time=f.resolutions_on_time,
            resolution_on_time_rate=f.resolution_rate,
            median_working_days_to_first_response=f.median_days_to_first_response,
            median_working_days_to_resolution=f.median_days_to_resolution,
            open_now=f.open_now,
            overdue_now=f.overdue_now,
            escalations=f.escalations,
            non_compliance_records=f.non_compliance_records,
            feedback_count=f.feedback_count,
            satisfied_count=f.satisfied_count,
            mean_rating=f.mean_rating,
            satisfied_rate=f.satisfied_rate,
            compliance_score=f.compliance_score,
        )

    def as_dict(self) -> dict:
        return asdict(self)


def scorecard(agency: Agency, date_from: dt.date, date_to: dt.date) -> Scorecard:
    """The agency's figures for [date_from, date_to] (WITA days, inclusive), as of now.
    A fixed number of queries (figures.collect)."""
    period = Period(date_from, date_to)
    now = clock.now()
    figures = collect([agency.pk], period, now=now)[agency.pk]
    return Scorecard.of(agency, period, now, figures)


def scored_agency(code: str) -> Agency | None:
    return Agency.objects.filter(code=code, kind__in=SCORED_KINDS).first()


@dataclass(frozen=True)
class RankRow:
    rank: int | None  # None: no score this month (nothing was due)
    agency: Agency
    card: Scorecard


@dataclass(frozen=True)
class Ranking:
    year: int
    month: int
    label: str
    as_of: dt.datetime
    rows: list[RankRow]


def rank_key(card: Scorecard):
    """Score first (highest), then fewer overdue now, fewer non-compliance records, fewer
    escalations, then the code; agencies without a score last."""
    return (
        card.compliance_score is None,
        -(card.compliance_score or 0),
        card.overdue_now,
        card.non_compliance_records,
        card.escalations,
        card.agency_code,
    )


def ranking(year: int, month: int) -> Ranking:
    """Every active provincial OPD for one month, ranked by the compliance score."""
    period = month_period(year, month)
    now = clock.now()
    agencies = list(Agency.objects.filter(kind=AgencyKind.OPD, is_active=True).order_by("code"))
    figures = collect([a.pk for a in agencies], period, now=now)
    cards = sorted(
        ((Scorecard.of(a, period, now, figures[a.pk]), a) for a in agencies),
        key=lambda pair: rank_key(pair[0]),
    )
    rows, position = [], 0
    for card, agency in cards:
        if card.compliance_score is not None:
            position += 1
        rank = position if card.compliance_score is not None else None
        rows.append(RankRow(rank=rank, agency=agency, card=card))
    return Ranking(year=year, month=month, label=month_label(year, month), as_of=now, rows=rows)


@dataclass(frozen=True)
class TrendPoint:
    year: int
    month: int
    label: str
    assigned: int
    first_response_rate: float | None
    resolution_rate: float | None
    score: float | None


def monthly_trend(agency: Agency, year: int, month: int, months: int = 12) -> list[TrendPoint]:
    """The agency's cohort figures for each of the `months` months ending with (year, month),
    oldest first; one query."""
    first = add_months(year, month, -(months - 1))
    span = Period(month_period(*first).date_from, month_period(year, month).date_to)
    now = clock.now()
    counts = cohort_counts(now)
    rows = (
        Assignment.objects.filter(agency=agency, routed_at__gte=span.start, routed_at__lt=span.end)
        .annotate(routed_month=TruncMonth("routed_at", tzinfo=clock.WITA))
        .values("routed_month")
        .annotate(**counts)
        .order_by()
    )
    by_month: dict[tuple[int, int], AgencyFigures] = {}
    for row in rows:
        start = row["routed_month"]
        if isinstance(start, dt.datetime):
            start = clock.local(start) if start.tzinfo else start
        figures = AgencyFigures(agency_id=agency.pk)
        for name in COHORT_FIELDS:
            setattr(figures, name, row[name])
        by_month[(start.year, start.month)] = figures
    points = []
    for i in range(months):
        y, m = add_months(*first, i)
        f = by_month.get((y, m), AgencyFigures(agency_id=agency.pk))
        points.append(
            TrendPoint(
                year=y,
                month=m,
                label=month_label(y, m),
                assigned=f.assigned,
                first_response_rate=f.first_response_rate,
                resolution_rate=f.resolution_rate,
                score=f.compliance_score,
            )
        )
    return points


__all__ = [
    "RankRow",
    "Ranking",
    "Scorecard",
    "TrendPoint",
    "monthly_trend",
    "ranking",
    "scorecard",
    "scored_agency",
]
