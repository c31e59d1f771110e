"""What a staff member's daily digest lists: their deadlines that are overdue or fall within the
next working day. Numbers, stages and dates only: no report text, no identity.

- agency officer / agency head: their agency's assignments on cases that are routed or in
  progress — a pending assignment by its first-response deadline, an accepted one by its
  resolution deadline;
- coordinator: public-track cases waiting for verification (status received);
- WBS officer: whistleblowing cases waiting for verification, and the Inspektorat's own
  assignments (as an agency above).

The same querysets decide who gets a digest (aduan.notifications.staff) and what it
lists (aduan.notifications.content), so the two cannot disagree.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from aduan.accounts.roles import AGENCY_ROLES, Role
from aduan.agencies.models import INSPECTORATE_CODE, Stage
from aduan.cases.models import Assignment, Case, CaseKind
from aduan.cases.selectors import working_days_left
from aduan.cases.workflow import AssignmentStatus, CaseStatus
from aduan.core import clock
from aduan.workdays.calendar import WorkCalendar

# Roles that receive a digest.
DIGEST_ROLES = frozenset({*AGENCY_ROLES, Role.COORDINATOR, Role.WBS_OFFICER})
# A digest lists at most this many items (the rest are counted).
MAX_ITEMS = 100

_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


@dataclass(frozen=True)
class DigestItem:
    tracking_number: str
    stage: str  # label, e.g. "Tanggapan pertama OPD"
    due_at: dt.datetime
    working_days_left: int  # negative: working days late

    @property
    def overdue(self) -> bool:
        return self.working_days_left < 0


@dataclass(frozen=True)
class Digest:
    as_of: dt.datetime
    items: list[DigestItem]
    more: int  # items not listed (beyond MAX_ITEMS)

    @property
    def overdue(self) -> list[DigestItem]:
        return [item for item in self.items if item.overdue]

    @property
    def due_soon(self) -> list[DigestItem]:
        return [item for item in self.items if not item.overdue]


def horizon(as_of: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
    """End (WITA) of the next working day after as_of's date: what is due up to then counts."""
    return clock.end_of_day(calendar.add_working_days(clock.local_date(as_of), 1))


def due_assignments(until: dt.datetime) -> QuerySet[Assignment]:
    """Open assignments of live cases whose running deadline is at or before `until`."""
    return Assignment.objects.filter(
        Q(status=AssignmentStatus.PENDING, first_response_due_at__lte=until)
        | Q(status=AssignmentStatus.ACCEPTED, due_at__lte=until),
        case__status__in=(CaseStatus.ROUTED, CaseStatus.IN_PROGRESS),
    )


def due_verifications(until: dt.datetime) -> QuerySet[Case]:
    """Cases waiting for verification whose deadline is at or before `until`."""
    return Case.objects.filter(status=CaseStatus.RECEIVED, due_at__lte=until)


def public_track(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.exclude(kind=CaseKind.WHISTLEBLOWING)


def wbs_track(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.filter(kind=CaseKind.WHISTLEBLOWING)


def inspectorate(assignments: QuerySet[Assignment]) -> QuerySet[Assignment]:
    return assignments.filter(agency__code=INSPECTORATE_CODE)


def _assignment_items(assignments: QuerySet[Assignment]) -> list[tuple[str, str, dt.datetime]]:
    rows = assignments.values_list(
        "case__tracking_number", "status", "first_response_due_at", "due_at"
    )
    items = []
    for number, status, first_response_due_at, due_at in rows:
        if status == AssignmentStatus.PENDING:
            items.append((number, str(Stage.FIRST_RESPONSE.label), first_response_due_at))
        else:
            items.append((number, str(Stage.RESOLUTION.label), due_at))
    return items


def _case_items(cases: QuerySet[Case]) -> list[tuple[str, str, dt.datetime]]:
    label = str(Stage.VERIFICATION.label)
    rows = cases.values_list("tracking_number", "due_at")
    return [(number, label, due_at) for number, due_at in rows]


def digest_for(user, as_of: dt.datetime, calendar: WorkCalendar) -> Digest:
    """The user's overdue and due-soon deadlines as of `as_of`, most urgent first."""
    until = horizon(as_of, calendar)
    rows: list[tuple[str, str, dt.datetime]] = []
    role = getattr(user, "role", "")
    if role in AGENCY_ROLES and user.agency_id is not None:
        rows += _assignment_items(due_assignments(until).filter(agency_id=user.agency_id))
    elif role == Role.COORDINATOR:
        rows += _case_items(public_track(due_verifications(until)))
    elif role == Role.WBS_OFFICER:
        rows += _case_items(wbs_track(due_verifications(until)))
        rows += _assignment_items(inspectorate(due_assignments(until)))
    rows.sort(key=lambda row: (row[2], row[0]))
    items = [
        DigestItem(number, stage, due_at, working_days_left(due_at, as_of, calendar))
        for number, stage, due_at in rows[:MAX_ITEMS]
    ]
    return Digest(as_of=as_of, items=items, more=max(len(rows) - MAX_ITEMS, 0))


def wita_date(moment: dt.datetime) -> str:
    """'Selasa, 31 Maret 2026' (WITA), the same in every worker whatever its language."""
    local = clock.local(moment)
    return f"{_DAYS[local.weekday()]}, {local.day} {_MONTHS[local.month - 1]} {local.year}"


def wita_moment(moment: dt.datetime) -> str:
    local = clock.local(moment)
    return f"{wita_date(moment)}, {local:%H.%M} WITA"


def days_words(days: int) -> str:
    if days < 0:
        return f"lewat {-days} hari kerja"
    if days == 0:
        return "jatuh tempo hari ini"
    return f"sisa {days} hari kerja"
