"""Case lists, the agency inbox and the CSV export (issue 4, item 6). Every list starts from
aduan.cases.access (`visible_cases`, `visible_assignments`) and costs a fixed number of
queries whatever the page holds."""

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from django.db.models import Case as Switch
from django.db.models import Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When

from aduan.accounts.roles import Role
from aduan.agencies.models import INSPECTORATE_CODE, SupervisionClass
from aduan.core import audit, clock
from aduan.core.errors import NotPermitted
from aduan.core.pagination import Page, paginate
from aduan.workdays.selectors import load_calendar

from ..access import visible_assignments, visible_cases
from ..actors import role_of
from ..models import Assignment, CaseKind, Channel
from ..search import clean_query, search_cases
from ..workflow import OPEN_ASSIGNMENT_STATUSES, OPEN_CASE_STATUSES, AssignmentStatus, CaseStatus

MAX_PER_PAGE = 200
EXPORT_CHUNK = 500
EXPORT_ROLES = frozenset({Role.COORDINATOR, Role.WBS_OFFICER, Role.SUPERVISOR, Role.AGENCY_HEAD})
# Readers for whom a supervisory case routed to the Inspektorat is "status only".
STATUS_ONLY_READERS = frozenset({Role.COORDINATOR, Role.SUPERVISOR})
RESTRICTED_TITLE = "Laporan berkadar pengawasan (ditangani Inspektorat)"

_CODE = re.compile(r"\A[A-Za-z0-9_-]{1,60}\Z")
_TRUE = frozenset({"1", "true", "on", "yes", "ya"})
_FALSE = frozenset({"0", "false", "off", "no", "tidak"})


# Filters -------------------------------------------------------------------------------------


def _param(query, name: str) -> str:
    value = query.get(name, "") if hasattr(query, "get") else ""
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return value.strip() if isinstance(value, str) else ""


def _bool(text: str) -> bool | None:
    text = text.lower()
    return True if text in _TRUE else False if text in _FALSE else None


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def parse_page(value) -> int:
    """A page number from a query string; anything odd is page 1."""
    try:
        return max(1, min(int(str(value).strip()), 100_000))
    except (TypeError, ValueError):
        return 1


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    kind: str = ""
    agency: str = ""
    category: str = ""
    channel: str = ""
    overdue: bool = False
    due_within: int | None = None  # working days
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    q: str = ""
    returned: bool | None = None

    @classmethod
    def from_query(cls, query) -> "CaseFilters":
        """From GET parameters (`from`/`to` or `received_from`/`received_to` for the dates).
        Unknown or malformed values are ignored, never an error."""
        status, kind, channel = (_param(query, n) for n in ("status", "kind", "channel"))
        agency, category = _param(query, "agency"), _param(query, "category")
        due_within = _param(query, "due_within")
        return cls(
            status=status if status in CaseStatus.values else "",
            kind=kind if kind in CaseKind.values else "",
            agency=agency if _CODE.match(agency) else "",
            category=category if _CODE.match(category) else "",
            channel=channel if channel in Channel.values else "",
            overdue=_bool(_param(query, "overdue")) is True,
            due_within=int(due_within) if due_within.isdigit() and int(due_within) <= 365 else None,
            received_from=_date(_param(query, "from") or _param(query, "received_from")),
            received_to=_date(_param(query, "to") or _param(query, "received_to")),
            q=clean_query(_param(query, "q")),
            returned=_bool(_param(query, "returned")),
        )

    def for_audit(self) -> dict:
        """The filters, without the search text (it may name a person)."""
        return {
            "status": self.status,
            "kind": self.kind,
            "agency": self.agency,
            "category": self.category,
            "channel": self.channel,
            "overdue": self.overdue,
            "due_within": self.due_within,
            "received_from": self.received_from.isoformat() if self.received_from else "",
            "received_to": self.received_to.isoformat() if self.received_to else "",
            "returned": self.returned,
            "search": bool(self.q),
        }


# Rows and pages -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseRow:
    tracking_number: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    title: str
    category_code: str
    category_name: str
    channel: str
    received_at: dt.datetime
    due_at: dt.datetime | None
    working_days_left: int | None  # negative when overdue
    returned: bool
    agencies: list[str]  # assignment agency codes, in routing order
    restricted: bool = False  # "status only" for this reader (see the module docstring)


@dataclass(frozen=True)
class AssignmentRow:
    assignment_id: int
    tracking_number: str
    title: str
    case_status: str
    status: str
    status_label: str
    agency_code: str
    routed_at: dt.datetime
    first_response_due_at: dt.datetime
    due_at: dt.datetime
    working_days_left: int | None  # to the first response while pending; None when finished
    returned_reason: str


# Items are CaseRow (case_list) or AssignmentRow (assignment_inbox).
CasePage = Page


def working_days_left(due_at, now, calendar) -> int | None:
    """Working days from today (WITA) to the due date; negative (at least -1) once passed."""
    if due_at is None:
        return None
    today, due_day = clock.local_date(now), clock.local_date(due_at)
    if due_at >= now:
        return calendar.working_days_between(today, due_day)
    return -max(1, calendar.working_days_between(due_day, today))


def is_status_only(role: str, case, agency_codes) -> bool:
    return (
        role in STATUS_ONLY_READERS
        and case.supervision_class == SupervisionClass.SUPERVISORY
        and INSPECTORATE_CODE in agency_codes
    )


def status_only_q() -> Q:
    inspectorate = Assignment.objects.filter(case=OuterRef("pk"), agency__code=INSPECTORATE_CODE)
    return Q(supervision_class=SupervisionClass.SUPERVISORY) & Q(Exists(inspectorate))


# Case list ------------------------------------------------------------------------------------


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=clock.WITA)


def filtered_cases(actor, filters: CaseFilters, *, now=None, calendar=None) -> QuerySet:
    """visible_cases(actor) narrowed by `filters`, in queue order (due first, undated last)."""
    now = now or clock.now()
    role = role_of(actor)
    cases = visible_cases(actor)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.category:
        cases = cases.filter(category__code=filters.category)
    if filters.agency:
        routed = Assignment.objects.filter(case=OuterRef("pk"), agency__code=filters.agency)
        cases = cases.filter(Exists(routed))
    if filters.returned is not None:
        cases = cases.filter(returned=filters.returned)
    if filters.overdue:
        cases = cases.filter(status__in=OPEN_CASE_STATUSES, due_at__lt=now)
    if filters.due_within is not None:
        calendar = calendar or load_calendar()
        last_day = calendar.add_working_days(clock.local_date(now), filters.due_within)
        cases = cases.filter(
            status__in=OPEN_CASE_STATUSES, due_at__gte=now, due_at__lte=clock.end_of_day(last_day)
        )
    if filters.received_from:
        cases = cases.filter(received_at__gte=_start_of(filters.received_from))
    if filters.received_to:
        cases = cases.filter(received_at__lt=_start_of(filters.received_to + dt.timedelta(1)))
    q = clean_query(filters.q)
    if q:
        cases = search_cases(cases, q)
        if role in STATUS_ONLY_READERS:  # no matching on text the reader may not see
            cases = cases.filter(~status_only_q() | Q(tracking_number=q.upper()))
    return cases.select_related("category").order_by(
        F("due_at").asc(nulls_last=True), "received_at", "pk"
    )


def _with_agencies(cases: QuerySet) -> QuerySet:
    codes = Assignment.objects.select_related("agency").only("case_id", "agency__code")
    return cases.prefetch_related(
        Prefetch("assignments", queryset=codes.order_by("routed_at", "pk"), to_attr="_routed")
    )


def _case_row(case, role: str, now, calendar) -> CaseRow:
    codes = list(dict.fromkeys(a.agency.code for a in case._routed))
    hidden = is_status_only(role, case, codes)
    return CaseRow(
        tracking_number=case.tracking_number,
        kind=case.kind,
        kind_label=CaseKind(case.kind).label,
        status=case.status,
        status_label=CaseStatus(case.status).label,
        title=RESTRICTED_TITLE if hidden else case.title,
        category_code=case.category.code if case.category else "",
        category_name=case.category.name if case.category else "",
        channel=case.channel,
        received_at=case.received_at,
        due_at=case.due_at,
        working_days_left=working_days_left(case.due_at, now, calendar),
        returned=case.returned,
        agencies=codes,
        restricted=hidden,
    )


def case_list(actor, filters: CaseFilters, page: int = 1, per_page: int = 50) -> CasePage:
    """One page of the cases the actor may see. Four queries whatever the page holds:
    the calendar, the count, the page (with its category) and the assignments' agencies.
    The coordinator's queue is CaseFilters(status="received")."""
    now, calendar, role = clock.now(), load_calendar(), role_of(actor)
    cases = _with_agencies(filtered_cases(actor, filters, now=now, calendar=calendar))
    result = paginate(cases, page, per_page, max_per_page=MAX_PER_PAGE)
    return replace(result, items=[_case_row(case, role, now, calendar) for case in result.items])


# Export ---------------------------------------------------------------------------------------


def may_export(actor) -> bool:
    return role_of(actor) in EXPORT_ROLES


def export_rows(actor, filters: CaseFilters) -> Iterator[CaseRow]:
    """Every case of the current list, as rows (never an identity). The export is audited
    ("case_export", with the row count) when asked for, before the first row is read."""
    if not may_export(actor):
        raise NotPermitted()
    now, calendar, role = clock.now(), load_calendar(), role_of(actor)
    cases = filtered_cases(actor, filters, now=now, calendar=calendar)
    count = cases.count()
    audit.record(actor, "case_export", target="cases", rows=count, filters=filters.for_audit())
    chunks = _with_agencies(cases).iterator(chunk_size=EXPORT_CHUNK)
    return (_case_row(case, role, now, calendar) for case in chunks)


CSV_HEADERS = [
    "Nomor pelacakan",
    "Jenis",
    "Status",
    "Judul",
    "Kode kategori",
    "Kategori",
    "Kanal",
    "Diterima",
    "Batas waktu",
    "Sisa hari kerja",
    "Dikembalikan OPD",
    "Instansi",
]


def _cell(value) -> str:
    """Text a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _local(moment) -> str:
    return clock.local(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def write_csv(rows: Iterable[CaseRow], file) -> int:
    """Writes the rows with Indonesian headers (times in WITA); returns how many."""
    writer = csv.writer(file)
    writer.writerow(CSV_HEADERS)
    count = 0
    for row in rows:
        writer.writerow(
            [
                _cell(row.tracking_number),
                _cell(row.kind_label),
                _cell(row.status_label),
                _cell(row.title),
                _cell(row.category_code),
                _cell(row.category_name),
                _cell(Channel(row.channel).label if row.channel in Channel.values else row.channel),
                _local(row.received_at),
                _local(row.due_at),
                "" if row.working_days_left is None else str(row.working_days_left),
                "ya" if row.returned else "tidak",
                _cell(" ".join(row.agencies)),
            ]
        )
        count += 1
    return count


# Agency inbox ---------------------------------------------------------------------------------


def assignment_inbox(actor, status: str = "", page: int = 1, per_page: int = 50) -> CasePage:
    """The actor's agency's assignments (the Inspektorat's for a WBS officer), open ones first,
    most urgent first. Three queries whatever the page holds: calendar, count, page."""
    now, calendar, role = clock.now(), load_calendar(), role_of(actor)
    assignments = visible_assignments(actor)
    if role == Role.WBS_OFFICER:
        assignments = assignments.filter(agency__code=INSPECTORATE_CODE)
    if status in AssignmentStatus.values:
        assignments = assignments.filter(status=status)
    assignments = (
        assignments.select_related("case", "agency")
        .annotate(
            finished=Switch(
                When(status__in=OPEN_ASSIGNMENT_STATUSES, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            next_due=Switch(
                When(status=AssignmentStatus.PENDING, then=F("first_response_due_at")),
                default=F("due_at"),
            ),
        )
        .order_by("finished", "next_due", "routed_at", "pk")
    )
    result = paginate(assignments, page, per_page, max_per_page=MAX_PER_PAGE)
    rows = []
    for a in result.items:
        hidden = is_status_only(role, a.case, [a.agency.code])
        is_open = a.status in OPEN_ASSIGNMENT_STATUSES
        rows.append(
            AssignmentRow(
                assignment_id=a.pk,
                tracking_number=a.case.tracking_number,
                title=RESTRICTED_TITLE if hidden else a.case.title,
                case_status=a.case.status,
                status=a.status,
                status_label=AssignmentStatus(a.status).label,
                agency_code=a.agency.code,
                routed_at=a.routed_at,
                first_response_due_at=a.first_response_due_at,
                due_at=a.due_at,
                working_days_left=working_days_left(a.next_due, now, calendar) if is_open else None,
                returned_reason="" if hidden else a.returned_reason,
            )
        )
    return replace(result, items=rows)
