"""The figures of the monthly report for the Gubernur: the province and each agency, one month.

Agency rows are the scorecard figures (figures.collect) plus the sanctions decided in the month;
the province adds the case-level flow (received, verified, distributed, answered to the
reporter). A fixed number of queries. Definitions: docs/scorecard.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from aduan.agencies.models import Agency, AgencyKind
from aduan.cases.models import Case, CaseEvent, CaseKind, Feedback
from aduan.compliance.models import Sanction
from aduan.core import clock

from ..periods import Period, month_label, month_period
from .figures import AgencyFigures, collect, percent

# Case events that end a verification (DESIGN §3).
VERIFICATION_OUTCOMES = ("route", "request_info", "archive", "refer_out")


@dataclass(frozen=True)
class ProvinceFigures:
    received: int
    received_wbs: int
    verified: int
    distributed: int  # cases routed in the month (an assignment per agency: totals.assigned)
    answered_to_reporter: int  # cases whose answer was published in the month
    sanctions: int
    feedback_count: int
    satisfied_count: int
    mean_rating: float | None
    totals: AgencyFigures  # every agency's figures added up (rates over all assignments)

    @property
    def satisfied_rate(self) -> float | None:
        return percent(self.satisfied_count, self.feedback_count)


@dataclass(frozen=True)
class AgencyRow:
    code: str
    name: str
    kind: str
    figures: AgencyFigures
    sanctions: int


@dataclass(frozen=True)
class SanctionLine:
    agency_code: str
    measure: str
    decision_number: str
    decided_on: dt.date


@dataclass(frozen=True)
class MonthlyFigures:
    year: int
    month: int
    label: str
    period: Period
    as_of: dt.datetime
    province: ProvinceFigures
    rows: list[AgencyRow]
    sanctions: list[SanctionLine]


def _active(f: AgencyFigures, sanctions: int) -> bool:
    return bool(f.assigned or f.open_now or f.escalations or f.non_compliance_records or sanctions)


def monthly_figures(year: int, month: int) -> MonthlyFigures:
    period = month_period(year, month)
    now = clock.now()
    in_month = {"at__gte": period.start, "at__lt": period.end}

    figures = collect(None, period, now=now)
    sanction_rows = list(
        Sanction.objects.filter(decided_on__gte=period.date_from, decided_on__lte=period.date_to)
        .select_related("agency", "measure")
        .order_by("decided_on", "agency__code", "id")
    )
    sanctions_by_agency: dict[int, int] = {}
    for sanction in sanction_rows:
        sanctions_by_agency[sanction.agency_id] = sanctions_by_agency.get(sanction.agency_id, 0) + 1

    # Every active OPD, and any other agency (kab/kota) with something to show this month.
    shown = {
        agency_id
        for agency_id, f in figures.items()
        if _active(f, sanctions_by_agency.get(agency_id, 0))
    } | set(sanctions_by_agency)
    agencies = Agency.objects.filter(
        Q(kind=AgencyKind.OPD, is_active=True) | Q(pk__in=shown)
    ).order_by("code")
    rows = [
        AgencyRow(
            code=agency.code,
            name=agency.name,
            kind=agency.kind,
            figures=figures.get(agency.pk) or AgencyFigures(agency_id=agency.pk),
            sanctions=sanctions_by_agency.get(agency.pk, 0),
        )
        for agency in agencies
    ]

    totals = AgencyFigures()
    for f in figures.values():
        totals.merge(f)
    cases = Case.objects.filter(received_at__gte=period.start, received_at__lt=period.end)
    received = cases.aggregate(
        received=Count("id"), wbs=Count("id", filter=Q(kind=CaseKind.WHISTLEBLOWING))
    )
    flow = CaseEvent.objects.filter(**in_month).aggregate(
        verified=Count("case_id", distinct=True, filter=Q(action__in=VERIFICATION_OUTCOMES)),
        distributed=Count("case_id", distinct=True, filter=Q(action="route")),
        answered=Count("case_id", distinct=True, filter=Q(action="publish_result")),
    )
    ratings = Feedback.objects.filter(is_objection=False, **in_month).aggregate(
        n=Count("id"), satisfied=Count("id", filter=Q(satisfied=True)), mean=Avg("rating")
    )
    province = ProvinceFigures(
        received=received["received"],
        received_wbs=received["wbs"],
        verified=flow["verified"],
        distributed=flow["distributed"],
        answered_to_reporter=flow["answered"],
        sanctions=len(sanction_rows),
        feedback_count=ratings["n"],
        satisfied_count=ratings["satisfied"],
        mean_rating=round(ratings["mean"], 2) if ratings["mean"] is not None else None,
        totals=totals,
    )
    return MonthlyFigures(
        year=year,
        month=month,
        label=month_label(year, month),
        period=period,
        as_of=now,
        province=province,
        rows=rows,
        sanctions=[
            SanctionLine(
                agency_code=s.agency.code,
                measure=s.measure.name,
                decision_number=s.decision_number,
                decided_on=s.decided_on,
            )
            for s in sanction_rows
        ],
    )
