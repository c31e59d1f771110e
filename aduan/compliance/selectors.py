"""The read side of the compliance register: non-compliance records and sanctions.

Every list and every object starts from `visible_records(actor)` or `visible_sanctions(actor)`
(one `visible_to` per model). What each role reads (DESIGN §4, issue 5 item 5):

- supervisor (Sekda) and wbs_officer (Inspektorat): every record and every sanction.
- agency_head: the records and the sanctions of their own agency.
- agency_officer: the records of their own agency; sanctions are for the head.
- coordinator: the records of the cases it may see (it routes, so it needs to know which
  agencies let deadlines pass; never a WBS case's record); no sanctions.
- custodian, auditor, sysadmin (and anyone else): nothing.

A record carries no case content: its tracking number, agency, which deadline, the dates. The
tracking number links to the case page only when `visible_cases(actor)` holds the case; the
number of a whistleblowing report the reader cannot open is not shown at all (MASKED_WBS):
that a WBS report exists, and when, is the Inspektorat's to know. "Days late" is computed here
in working days (WITA) for display, never stored.
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from aduan.accounts.roles import AGENCY_ROLES, Role
from aduan.agencies.models import Agency, AgencyKind, Stage
from aduan.cases.access import visible_cases
from aduan.cases.actors import role_of
from aduan.cases.models import CaseKind
from aduan.cases.selectors import parse_page
from aduan.core import audit, clock
from aduan.core.errors import NotFound, NotPermitted
from aduan.core.pagination import Page, paginate
from aduan.workdays.selectors import load_calendar

from .models import NonComplianceRecord, Sanction, SanctionMeasure

__all__ = [
    "RecordFilters",
    "RecordRow",
    "RegisterPage",
    "SanctionDetail",
    "SanctionFilters",
    "SanctionRow",
    "active_measures",
    "days_late",
    "export_record_rows",
    "export_sanction_rows",
    "get_sanction_for",
    "may_export_records",
    "may_export_sanctions",
    "may_record_sanction",
    "may_see_records",
    "may_see_sanctions",
    "parse_page",
    "record_page",
    "records_to_cite",
    "sanction_agencies",
    "sanction_detail",
    "sanction_page",
    "visible_records",
    "visible_sanctions",
]

ALL_RECORDS_ROLES = frozenset({Role.SUPERVISOR, Role.WBS_OFFICER})
RECORD_ROLES = frozenset({*ALL_RECORDS_ROLES, Role.COORDINATOR, *AGENCY_ROLES})
SANCTION_ROLES = frozenset({Role.SUPERVISOR, Role.WBS_OFFICER, Role.AGENCY_HEAD})
# The list yes, the export no: as for cases, the agency officer does not export.
RECORD_EXPORT_ROLES = frozenset({*ALL_RECORDS_ROLES, Role.COORDINATOR, Role.AGENCY_HEAD})
SANCTION_EXPORT_ROLES = SANCTION_ROLES
RECORDER_ROLES = frozenset({Role.SUPERVISOR})

PER_PAGE = 50
MAX_PER_PAGE = 200
EXPORT_CHUNK = 500
# The sanction form lists at most this many of the agency's records (newest first).
MAX_RECORDS_TO_CITE = 500

_CODE = re.compile(r"\A[A-Za-z0-9_-]{1,60}\Z")
OWED, FULFILLED = "owed", "fulfilled"
MASKED_WBS = "Laporan WBS (nomor dirahasiakan)"
RECORD_ROW_FIELDS = (
    "pk", "agency__code", "agency__name", "case__tracking_number", "case__kind", "stage", "due_at",
    "recorded_at", "days_late_when_recorded", "fulfilled_at",
)  # fmt: skip


# Who sees what --------------------------------------------------------------------------------


def may_see_records(actor) -> bool:
    return role_of(actor) in RECORD_ROLES


def may_see_sanctions(actor) -> bool:
    return role_of(actor) in SANCTION_ROLES


def may_export_records(actor) -> bool:
    return role_of(actor) in RECORD_EXPORT_ROLES


def may_export_sanctions(actor) -> bool:
    return role_of(actor) in SANCTION_EXPORT_ROLES


def may_record_sanction(actor) -> bool:
    return role_of(actor) in RECORDER_ROLES


def visible_records(actor) -> QuerySet[NonComplianceRecord]:
    """The one list query for non-compliance records (see the module docstring)."""
    role = role_of(actor)
    records = NonComplianceRecord.objects.all()
    if role in ALL_RECORDS_ROLES:
        return records
    if role in AGENCY_ROLES:
        agency_id = getattr(actor, "agency_id", None)
        return records.filter(agency_id=agency_id) if agency_id else records.none()
    if role == Role.COORDINATOR:
        return records.filter(case__in=visible_cases(actor))
    return records.none()


def visible_sanctions(actor) -> QuerySet[Sanction]:
    """The one list query for sanctions (see the module docstring)."""
    role = role_of(actor)
    sanctions = Sanction.objects.all()
    if role in ALL_RECORDS_ROLES:
        return sanctions
    if role == Role.AGENCY_HEAD:
        agency_id = getattr(actor, "agency_id", None)
        return sanctions.filter(agency_id=agency_id) if agency_id else sanctions.none()
    return sanctions.none()


def get_sanction_for(actor, pk: int) -> Sanction:
    """The one access function for a sanction; forbidden and missing are the same NotFound."""
    try:
        return (
            visible_sanctions(actor).select_related("agency", "measure", "recorded_by").get(pk=pk)
        )
    except (Sanction.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


# Days late ------------------------------------------------------------------------------------


def days_late(due_at: dt.datetime, fulfilled_at: dt.datetime | None, today: dt.date, calendar):
    """Working days from the deadline's WITA date to the WITA date the agency acted (or today,
    while still owed): the days d with due_day < d <= end_day that are working days."""
    end_day = clock.local_date(fulfilled_at) if fulfilled_at else today
    return calendar.working_days_between(clock.local_date(due_at), end_day)


# Filters --------------------------------------------------------------------------------------


def _param(query, name: str) -> str:
    value = query.get(name, "") if hasattr(query, "get") else ""
    return value.strip() if isinstance(value, str) else ""


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=clock.WITA)


@dataclass(frozen=True)
class RecordFilters:
    agency: str = ""
    stage: str = ""
    due_from: dt.date | None = None  # the deadline's WITA date, inclusive
    due_to: dt.date | None = None
    state: str = ""  # "owed" (still owed), "fulfilled", or "" for both

    @classmethod
    def from_query(cls, query) -> "RecordFilters":
        """From GET parameters; unknown or malformed values are ignored, never an error."""
        agency, stage, state = (_param(query, n) for n in ("agency", "stage", "state"))
        return cls(
            agency=agency if _CODE.match(agency) else "",
            stage=stage if stage in Stage.values else "",
            due_from=_date(_param(query, "from")),
            due_to=_date(_param(query, "to")),
            state=state if state in (OWED, FULFILLED) else "",
        )

    def apply(self, records: QuerySet) -> QuerySet:
        if self.agency:
            records = records.filter(agency__code=self.agency)
        if self.stage:
            records = records.filter(stage=self.stage)
        if self.due_from:
            records = records.filter(due_at__gte=_start_of(self.due_from))
        if self.due_to:
            records = records.filter(due_at__lt=_start_of(self.due_to + dt.timedelta(1)))
        if self.state == OWED:
            records = records.filter(fulfilled_at__isnull=True)
        elif self.state == FULFILLED:
            records = records.filter(fulfilled_at__isnull=False)
        return records

    def for_audit(self) -> dict:
        return {
            "agency": self.agency,
            "stage": self.stage,
            "from": self.due_from.isoformat() if self.due_from else "",
            "to": self.due_to.isoformat() if self.due_to else "",
            "state": self.state,
        }


@dataclass(frozen=True)
class SanctionFilters:
    agency: str = ""
    measure: str = ""
    year: int | None = None  # of the decision date

    @classmethod
    def from_query(cls, query) -> "SanctionFilters":
        agency, measure, year = (_param(query, n) for n in ("agency", "measure", "year"))
        return cls(
            agency=agency if _CODE.match(agency) else "",
            measure=measure if _CODE.match(measure) else "",
            year=int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None,
        )

    def apply(self, sanctions: QuerySet) -> QuerySet:
        if self.agency:
            sanctions = sanctions.filter(agency__code=self.agency)
        if self.measure:
            sanctions = sanctions.filter(measure__code=self.measure)
        if self.year:
            sanctions = sanctions.filter(decided_on__year=self.year)
        return sanctions

    def for_audit(self) -> dict:
        return {"agency": self.agency, "measure": self.measure, "year": self.year}


# Rows -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CitingSanction:
    pk: int
    measure: str
    decision_number: str


@dataclass(frozen=True)
class RecordRow:
    pk: int
    tracking_number: str  # or MASKED_WBS
    case_link: bool  # the actor may open the case page
    number_hidden: bool  # a WBS report the actor cannot open: no number at all
    agency_code: str
    agency_name: str
    stage: str
    stage_label: str
    due_at: dt.datetime
    recorded_at: dt.datetime
    days_late_when_recorded: int
    days_late: int
    fulfilled_at: dt.datetime | None
    sanctions: list[CitingSanction]  # only those the actor may see


@dataclass(frozen=True)
class SanctionRow:
    pk: int
    agency_code: str
    agency_name: str
    measure_code: str
    measure_name: str
    decision_number: str
    decided_on: dt.date
    note: str
    record_count: int
    recorded_at: dt.datetime
    has_document: bool
    document_sha256: str
    cited: list[str]  # tracking numbers of the cited records the actor may see


RegisterPage = Page  # items are RecordRow or SanctionRow


def _with_case_access(actor, records: QuerySet) -> QuerySet:
    openable = visible_cases(actor).filter(pk=OuterRef("case_id"))
    return records.annotate(case_open=Exists(openable))


def _case_number(record) -> str:
    """The tracking number, unless it is a WBS report the reader cannot open."""
    if not record.case_open and record.case.kind == CaseKind.WHISTLEBLOWING:
        return MASKED_WBS
    return record.case.tracking_number


def _record_rows(actor, records: QuerySet) -> QuerySet:
    """Records with what a row needs, in a fixed number of queries: the record with its
    agency and case number, whether the actor may open the case, and the sanctions citing it
    that the actor may see (one prefetch)."""
    citing = visible_sanctions(actor).select_related("measure").order_by("decided_on", "pk")
    return (
        _with_case_access(actor, records.select_related("agency", "case"))
        .only(*RECORD_ROW_FIELDS)
        .prefetch_related(Prefetch("sanctions", queryset=citing, to_attr="citing_sanctions"))
    )


def _record_row(record, today: dt.date, calendar) -> RecordRow:
    return RecordRow(
        pk=record.pk,
        tracking_number=_case_number(record),
        case_link=bool(record.case_open),
        number_hidden=_case_number(record) == MASKED_WBS,
        agency_code=record.agency.code,
        agency_name=record.agency.name,
        stage=record.stage,
        stage_label=Stage(record.stage).label if record.stage in Stage.values else record.stage,
        due_at=record.due_at,
        recorded_at=record.recorded_at,
        days_late_when_recorded=record.days_late_when_recorded,
        days_late=days_late(record.due_at, record.fulfilled_at, today, calendar),
        fulfilled_at=record.fulfilled_at,
        sanctions=[
            CitingSanction(pk=s.pk, measure=s.measure.name, decision_number=s.decision_number)
            for s in record.citing_sanctions
        ],
    )


def _sanction_rows(actor, sanctions: QuerySet, *, with_cited: bool = False) -> QuerySet:
    sanctions = sanctions.select_related("agency", "measure").annotate(
        record_count=Count("records", distinct=True)
    )
    if with_cited:
        cited = _with_case_access(actor, visible_records(actor).select_related("case")).only(
            "pk", "case__tracking_number", "case__kind"
        )
        sanctions = sanctions.prefetch_related(
            Prefetch("records", queryset=cited.order_by("due_at", "pk"), to_attr="visible_cited")
        )
    return sanctions.order_by("-decided_on", "-pk")


def _sanction_row(sanction) -> SanctionRow:
    cited = getattr(sanction, "visible_cited", None) or []
    return SanctionRow(
        pk=sanction.pk,
        agency_code=sanction.agency.code,
        agency_name=sanction.agency.name,
        measure_code=sanction.measure.code,
        measure_name=sanction.measure.name,
        decision_number=sanction.decision_number,
        decided_on=sanction.decided_on,
        note=sanction.note,
        record_count=sanction.record_count,
        recorded_at=sanction.recorded_at,
        has_document=bool(sanction.document_name),
        document_sha256=sanction.document_sha256,
        cited=[_case_number(record) for record in cited],
    )


# Lists ----------------------------------------------------------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise NotFound()


def record_page(actor, filters: RecordFilters, page: int = 1, per_page: int = PER_PAGE):
    """One page of the register of non-compliance, newest record first. Five queries whatever
    the page holds: calendar, count, page (agency, case number, case access), sanctions."""
    _require(may_see_records(actor))
    calendar, today = load_calendar(), clock.today()
    records = _record_rows(actor, filters.apply(visible_records(actor)))
    result = paginate(records, page, per_page, max_per_page=MAX_PER_PAGE)
    return replace(result, items=[_record_row(record, today, calendar) for record in result.items])


def sanction_page(actor, filters: SanctionFilters, page: int = 1, per_page: int = PER_PAGE):
    """One page of the sanctions register, latest decision first: count and page queries."""
    _require(may_see_sanctions(actor))
    sanctions = _sanction_rows(actor, filters.apply(visible_sanctions(actor)))
    result = paginate(sanctions, page, per_page, max_per_page=MAX_PER_PAGE)
    return replace(result, items=[_sanction_row(sanction) for sanction in result.items])


@dataclass(frozen=True)
class SanctionDetail:
    sanction: Sanction
    agency_code: str
    agency_name: str
    measure_name: str
    recorded_by: str
    document_size: int
    records: list[RecordRow]


def sanction_detail(actor, pk: int) -> SanctionDetail:
    sanction = get_sanction_for(actor, pk)
    calendar, today = load_calendar(), clock.today()
    cited = _record_rows(actor, visible_records(actor).filter(sanctions=sanction))
    rows = [_record_row(record, today, calendar) for record in cited.order_by("due_at", "pk")]
    return SanctionDetail(
        sanction=sanction,
        agency_code=sanction.agency.code,
        agency_name=sanction.agency.name,
        measure_name=sanction.measure.name,
        recorded_by=sanction.recorded_by.get_username(),
        document_size=sanction.document_size,
        records=rows,
    )


# The sanction form ----------------------------------------------------------------------------


def active_measures() -> list[SanctionMeasure]:
    return list(SanctionMeasure.objects.filter(is_active=True).order_by("order", "code"))


def sanction_agencies() -> list[Agency]:
    """Provincial agencies a sanction may concern, each with its number of records
    (`record_count`), those with records first."""
    agencies = Agency.objects.filter(kind=AgencyKind.OPD, is_active=True)
    counts = dict(
        NonComplianceRecord.objects.order_by()
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    result = list(agencies.order_by("name"))
    for agency in result:
        agency.record_count = counts.get(agency.pk, 0)
    return sorted(result, key=lambda a: a.record_count == 0)


def records_to_cite(actor, agency: Agency) -> list[RecordRow]:
    """The agency's records the actor may cite, newest first (at most MAX_RECORDS_TO_CITE)."""
    _require(may_record_sanction(actor))
    calendar, today = load_calendar(), clock.today()
    records = _record_rows(actor, visible_records(actor).filter(agency=agency))
    return [_record_row(r, today, calendar) for r in records[:MAX_RECORDS_TO_CITE]]


# Exports --------------------------------------------------------------------------------------


def export_record_rows(actor, filters: RecordFilters) -> Iterator[RecordRow]:
    """Every record of the current filters (visible rows only). Audited ("export") when
    asked for, before the first row is read."""
    if not may_export_records(actor):
        raise NotPermitted()
    calendar, today = load_calendar(), clock.today()
    records = filters.apply(visible_records(actor))
    count = records.count()
    audit.record(
        actor, "export", target="noncompliance", format="csv", rows=count,
        filters=filters.for_audit(),
    )  # fmt: skip
    chunks = _record_rows(actor, records).iterator(chunk_size=EXPORT_CHUNK)
    return (_record_row(record, today, calendar) for record in chunks)


def export_sanction_rows(actor, filters: SanctionFilters, fmt: str) -> Iterator[SanctionRow]:
    """Every sanction of the current filters (visible rows only), audited as for records."""
    if not may_export_sanctions(actor):
        raise NotPermitted()
    sanctions = filters.apply(visible_sanctions(actor))
    count = sanctions.count()
    audit.record(
        actor, "export", target="sanctions", format=fmt, rows=count, filters=filters.for_audit()
    )
    chunks = _sanction_rows(actor, sanctions, with_cited=True).iterator(chunk_size=EXPORT_CHUNK)
    return (_sanction_row(sanction) for sanction in chunks)
