"""The identity custodian (DESIGN §4, issue 6 item 5): the one way a sealed reporter identity is
opened for a person.

The custodian sees no case content: `visible_cases` stays empty for them, and the dedicated
lookup `custodian_case` gives only what a reveal needs (tracking number, status, privacy, the
earlier reveals). `reveal_identity` needs a reason of at least a sentence and, in one
transaction, opens the identity, writes the `reveal_identity` CaseEvent that the reporter sees
on /lacak (when and why; the custodian's name is not shown to the reporter, the audit log keeps
it) and the audit record (who, which case, the reason — never the identity). The reporter's
content-free notice follows from the event through the outbox (aduan.cases.tasks).
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.db import transaction

from aduan.accounts.roles import Role
from aduan.core import audit
from aduan.core.errors import InvalidTransition, NotFound, ValidationFailed

from ..access import require_role
from ..actors import role_of
from ..identity import ReporterData, open_identity
from ..models import Case, CaseEvent, CaseKind, Privacy, ReporterIdentity
from .base import record_event

ACTION = "reveal_identity"
MIN_REASON = 20
MAX_REASON = 2000
TRACKING_NUMBER = re.compile(r"\A[A-Z0-9-]{1,24}\Z")
NOTHING_TO_REVEAL = "Laporan anonim tidak menyimpan identitas pelapor; tidak ada yang dapat dibuka."
IDENTITY_GONE = "Identitas pelapor laporan ini tidak tersimpan; tidak ada yang dapat dibuka."
REPORTER_NOTE = "Identitas Anda dibuka oleh kustodian identitas. Alasan: {reason}"


@dataclass(frozen=True)
class RevealInfo:
    at: dt.datetime
    custodian: str  # username (shown to custodians; the reporter never sees it)
    reason: str


@dataclass(frozen=True)
class CustodianCase:
    """All the custodian learns of a case before a reveal."""

    pk: int
    tracking_number: str
    status: str
    status_label: str
    privacy: str
    privacy_label: str
    has_identity: bool
    reveals: list[RevealInfo]


@dataclass(frozen=True)
class Revealed:
    tracking_number: str
    status: str
    at: dt.datetime
    identity: ReporterData


def normalise_number(value: str) -> str:
    return "".join((value or "").split()).upper()


def _custodian_only(actor) -> None:
    """Forbidden looks like missing: only the custodian has this lookup."""
    if role_of(actor) != Role.CUSTODIAN:
        raise NotFound()


def _find(tracking_number: str) -> Case:
    number = normalise_number(tracking_number)
    case = (
        Case.objects.filter(tracking_number=number).first()
        if TRACKING_NUMBER.match(number)
        else None
    )
    if case is None:
        raise NotFound("Laporan dengan nomor pelacakan itu tidak ditemukan.")
    return case


def _has_identity(case: Case) -> bool:
    if case.privacy == Privacy.ANONYMOUS:
        return False
    if case.kind == CaseKind.WHISTLEBLOWING:
        from aduan.whistleblowing.custodian import has_sealed_identity

        return has_sealed_identity(case)
    return ReporterIdentity.objects.filter(case_id=case.pk).exists()


def reveals_of(case: Case) -> list[RevealInfo]:
    events = CaseEvent.objects.filter(case=case, action=ACTION).select_related("actor")
    return [
        RevealInfo(
            at=e.at,
            custodian=e.actor.username if e.actor else "",
            reason=str(e.data.get("reason", "")),
        )
        for e in events.order_by("at", "pk")
    ]


def custodian_case(actor, tracking_number: str, *, audited: bool = True) -> CustodianCase:
    """The custodian's own lookup by tracking number (NotFound for anyone else, and for an
    unknown number). Audited as "custodian_lookup" (not when it only re-reads the case a
    reveal form names: the reveal writes its own record)."""
    _custodian_only(actor)
    case = _find(tracking_number)
    if audited:
        audit.record(actor, "custodian_lookup", target=f"case:{case.tracking_number}")
    return CustodianCase(
        pk=case.pk,
        tracking_number=case.tracking_number,
        status=case.status,
        status_label=case.get_status_display(),
        privacy=case.privacy,
        privacy_label=case.get_privacy_display(),
        has_identity=_has_identity(case),
        reveals=reveals_of(case),
    )


def case_for_custodian(actor, tracking_number: str) -> Case:
    """The case itself, for the API: the custodian's lookup without the audit record (the
    reveal that follows writes its own)."""
    _custodian_only(actor)
    return _find(tracking_number)


def clean_reason(reason) -> str:
    reason = " ".join(str(reason or "").split())
    if len(reason) < MIN_REASON:
        raise ValidationFailed(
            fields={
                "reason": [
                    f"Alasan wajib diisi, paling sedikit {MIN_REASON} karakter: tuliskan dasar "
                    "dan keperluan pembukaan identitas."
                ]
            }
        )
    if len(reason) > MAX_REASON:
        raise ValidationFailed(fields={"reason": ["Alasan paling banyak 2.000 karakter."]})
    return reason


def _open(case: Case, actor, private_key: bytes | None) -> ReporterData:
    """The one place a reveal opens an identity. Public track: the field-sealed row
    (aduan.cases.identity). WBS: the identity sealed under the case's identity key, which only
    the custodian's own key (unlocked at sign-in, `private_key`) unwraps."""
    if case.privacy == Privacy.ANONYMOUS:
        raise InvalidTransition(ACTION, case.status, NOTHING_TO_REVEAL)
    if case.kind == CaseKind.WHISTLEBLOWING:
        from aduan.whistleblowing.custodian import open_sealed_identity

        return open_sealed_identity(case, actor, private_key)
    row = ReporterIdentity.objects.filter(case_id=case.pk).first()
    if row is None:
        raise InvalidTransition(ACTION, case.status, IDENTITY_GONE)
    return open_identity(row)


def reveal_identity(
    actor, case: Case, reason: str, *, private_key: bytes | None = None
) -> Revealed:
    """Opens the reporter's identity for the custodian. NotPermitted for any other role,
    ValidationFailed without a reason, InvalidTransition (409) when there is nothing to open
    (or, for a WBS case, when the custodian's key is not unlocked in this session: over the
    API there is none). Any status; the case does not move."""
    require_role(actor, ACTION)
    reason = clean_reason(reason)
    with transaction.atomic():
        # The custodian's own lock: visible_cases is empty for them (no case content).
        case = Case.objects.select_for_update().filter(pk=case.pk).first()
        if case is None:
            raise NotFound()
        identity = _open(case, actor, private_key)
        event = record_event(
            case,
            ACTION,
            actor,
            from_status=case.status,
            note=REPORTER_NOTE.format(reason=reason),
            visible_to_reporter=True,
            data={"reason": reason},
        )
        audit.record(
            actor,
            "identity_reveal",
            target=f"case:{case.tracking_number}",
            reason=reason,
            event=event.pk,
        )
    return Revealed(
        tracking_number=case.tracking_number, status=case.status, at=event.at, identity=identity
    )


__all__ = [
    "MIN_REASON",
    "CustodianCase",
    "RevealInfo",
    "Revealed",
    "case_for_custodian",
    "clean_reason",
    "custodian_case",
    "reveal_identity",
    "reveals_of",
]
