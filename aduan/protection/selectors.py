"""Read side of protection: the Inspektorat's register and detail, the reporter's own list on
/lacak, and the overdue query for the periodic sweep.

Only WBS officers (the Inspektorat) read protection records; every other role gets NotFound,
as for a missing page. A record's detail is audited ("protection_view"), without its text.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case as DbCase
from django.db.models import IntegerField, QuerySet, Value, When

from aduan.accounts.roles import Role
from aduan.cases.access import visible_cases
from aduan.cases.actors import role_of
from aduan.cases.models import Case, ReporterIdentity
from aduan.core import audit, clock
from aduan.core.errors import NotFound
from aduan.core.pagination import Page, paginate

from .models import AdverseAction, ProtectionKind, ProtectionRequest
from .services import unseal

PER_PAGE = 50
PENDING = "pending"
DECIDED = "decided"
READER_ROLES = frozenset({Role.WBS_OFFICER})


def may_manage(actor) -> bool:
    return role_of(actor) in READER_ROLES


def overdue_protection_requests(as_of: dt.datetime) -> QuerySet[ProtectionRequest]:
    """Requests still undecided after their deadline, oldest deadline first: for the periodic
    sweep (reminders, escalation, non-compliance against the Inspektorat)."""
    return ProtectionRequest.objects.filter(outcome="", due_at__lt=as_of).order_by("due_at", "pk")


def days_left(due_at: dt.datetime, now: dt.datetime) -> int:
    """Calendar days (WITA) until the deadline; negative once it has passed."""
    if now > due_at:
        return -max((clock.local_date(now) - clock.local_date(due_at)).days, 1)
    return (clock.local_date(due_at) - clock.local_date(now)).days


@dataclass(frozen=True)
class ProtectionRow:
    pk: int
    reference: str
    tracking_number: str
    kind: str
    kind_label: str
    requested_at: dt.datetime
    due_at: dt.datetime
    days_left: int | None  # None once decided
    outcome: str
    status_label: str
    decided_at: dt.datetime | None


def _row(record: ProtectionRequest, now: dt.datetime) -> ProtectionRow:
    return ProtectionRow(
        pk=record.pk,
        reference=record.reference,
        tracking_number=record.case.tracking_number,
        kind=record.kind,
        kind_label=record.get_kind_display(),
        requested_at=record.requested_at,
        due_at=record.due_at,
        days_left=days_left(record.due_at, now) if record.is_pending else None,
        outcome=record.outcome,
        status_label=record.status_label,
        decided_at=record.decided_at,
    )


def request_page(actor, *, state: str = "", kind: str = "", page: int = 1) -> Page:
    """The register: undecided first (nearest deadline first), then decided (newest first)."""
    if not may_manage(actor):
        raise NotFound()
    records = ProtectionRequest.objects.select_related("case")
    if state == PENDING:
        records = records.filter(outcome="")
    elif state == DECIDED:
        records = records.exclude(outcome="")
    if kind in ProtectionKind.values:
        records = records.filter(kind=kind)
    pending_first = DbCase(
        When(outcome="", then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    records = records.order_by(pending_first, "due_at", "-decided_at", "pk")
    result = paginate(records, page, PER_PAGE, max_per_page=PER_PAGE)
    now = clock.now()
    return Page(
        items=[_row(r, now) for r in result.items],
        page=result.page,
        pages=result.pages,
        total=result.total,
        per_page=result.per_page,
    )


@dataclass(frozen=True)
class ProtectionDetail:
    row: ProtectionRow
    description: str
    adverse_action_label: str
    decision_note: str
    decided_by: str
    case_kind_label: str
    case_status_label: str
    case_visible: bool  # the officer may open the case page itself
    reporter_is_asn: bool
    others: list[ProtectionRow]  # the other protection records on the same case


def get_request_for(actor, pk) -> ProtectionRequest:
    if not may_manage(actor):
        raise NotFound()
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    record = (
        ProtectionRequest.objects.select_related("case", "decided_by").filter(pk=pk).first()
        if 0 < pk < 2**63
        else None
    )
    if record is None:
        raise NotFound()
    return record


def _is_asn(case: Case) -> bool:
    if ReporterIdentity.objects.filter(case_id=case.pk, is_asn=True).exists():
        return True
    from .nip import sealed_identity_model

    sealed = sealed_identity_model()
    return sealed is not None and sealed.objects.filter(case_id=case.pk, is_asn=True).exists()


def request_detail(actor, pk) -> ProtectionDetail:
    record = get_request_for(actor, pk)
    now = clock.now()
    case = record.case
    others = (
        ProtectionRequest.objects.filter(case=case).exclude(pk=record.pk).select_related("case")
    )
    detail = ProtectionDetail(
        row=_row(record, now),
        description=unseal(record.reference, "description", record.description_enc),
        adverse_action_label=(
            AdverseAction(record.adverse_action).label if record.adverse_action else ""
        ),
        decision_note=unseal(record.reference, "decision_note", record.decision_note_enc),
        decided_by=record.decided_by.username if record.decided_by else "",
        case_kind_label=case.get_kind_display(),
        case_status_label=case.get_status_display(),
        case_visible=visible_cases(actor).filter(pk=case.pk).exists(),
        reporter_is_asn=_is_asn(case),
        others=[_row(r, now) for r in others.order_by("requested_at", "pk")],
    )
    audit.record(actor, "protection_view", target=f"protection:{record.reference}")
    return detail


@dataclass(frozen=True)
class ReporterProtection:
    """One record as the reporter reads it on /lacak."""

    reference: str
    kind: str
    kind_label: str
    requested_at: dt.datetime
    due_at: dt.datetime
    status: str  # "pending" | granted | refused | referred
    status_label: str
    decision_note: str
    decided_at: dt.datetime | None


def reporter_protection(case: Case) -> list[ReporterProtection]:
    records = ProtectionRequest.objects.filter(case=case).order_by("requested_at", "pk")
    return [
        ReporterProtection(
            reference=r.reference,
            kind=r.kind,
            kind_label=r.get_kind_display(),
            requested_at=r.requested_at,
            due_at=r.due_at,
            status=r.outcome or PENDING,
            status_label=r.status_label,
            decision_note=unseal(r.reference, "decision_note", r.decision_note_enc),
            decided_at=r.decided_at,
        )
        for r in records
    ]


def reporter_protection_json(case: Case) -> list[dict]:
    return [
        {
            "reference": p.reference,
            "kind": p.kind,
            "kind_label": p.kind_label,
            "requested_at": p.requested_at,
            "due_at": p.due_at,
            "status": p.status,
            "status_label": p.status_label,
            "decision_note": p.decision_note,
            "decided_at": p.decided_at,
        }
        for p in reporter_protection(case)
    ]


__all__ = [
    "DECIDED",
    "PENDING",
    "ProtectionDetail",
    "ProtectionRow",
    "ReporterProtection",
    "days_left",
    "get_request_for",
    "may_manage",
    "overdue_protection_requests",
    "reporter_protection",
    "reporter_protection_json",
    "request_detail",
    "request_page",
]
