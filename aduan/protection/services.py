"""Protection requests: the reporter asks (or reports retaliation), the Inspektorat decides.

Each service checks the actor, runs in one transaction, sets the deadline through
`deadline_for` (stage protection_decision), writes the audit record (codes only, never the
reporter's words) and queues its notices in the same transaction; delivery of the reporter's
content-free e-mail is enqueued after commit.
"""

from functools import partial

from django.db import transaction

from aduan import crypto
from aduan.accounts.models import User
from aduan.accounts.roles import Role
from aduan.agencies.models import Stage
from aduan.cases import deadlines
from aduan.cases.actors import role_of
from aduan.cases.models import Case
from aduan.cases.workflow import REPORTER
from aduan.core import audit, clock
from aduan.core.errors import InvalidTransition, NotFound, NotPermitted, ValidationFailed
from aduan.notifications.content import REPORTER_CASE_UPDATED
from aduan.notifications.models import Notification, NotificationKind, OutboundMessage
from aduan.notifications.reporter import reporter_channel
from aduan.notifications.tasks import deliver_outbound

from .models import REQUESTABLE_KINDS, AdverseAction, Outcome, ProtectionKind, ProtectionRequest

MIN_DESCRIPTION = 10
MAX_TEXT = 5000
DECIDER_ROLES = frozenset({Role.WBS_OFFICER})
REFERENCE_PREFIX = "PRL-"
NOTICES = {
    ProtectionKind.RETALIATION: "Laporan pembalasan terhadap pelapor",
}
DEFAULT_NOTICE = "Permohonan perlindungan pelapor"


def _aad(reference: str, field: str) -> str:
    return f"protection:{reference}:{field}"


def seal(reference: str, field: str, text: str) -> str:
    return crypto.encrypt_text(text, associated_data=_aad(reference, field))


def unseal(reference: str, field: str, token: str) -> str:
    return crypto.decrypt_text(token, associated_data=_aad(reference, field))


def _new_reference() -> str:
    while True:
        reference = REFERENCE_PREFIX + crypto.random_code(8)
        if not ProtectionRequest.objects.filter(reference=reference).exists():
            return reference


def _text(value, field: str, *, minimum: int, what: str) -> str:
    text = (value or "").strip()
    if "\x00" in text:
        raise ValidationFailed(fields={field: [f"{what} memuat karakter yang tidak diizinkan."]})
    if len(text) < minimum:
        raise ValidationFailed(
            fields={field: [f"{what} wajib diisi, paling sedikit {minimum} karakter."]}
        )
    if len(text) > MAX_TEXT:
        raise ValidationFailed(fields={field: [f"{what} paling banyak 5.000 karakter."]})
    return text


def _own_case(actor, case: Case) -> Case:
    """The reporter acts only on the case their receipt opened (forbidden looks missing)."""
    if role_of(actor) != REPORTER or getattr(actor, "case_id", None) != case.pk:
        raise NotFound()
    return case


def _deadline(case: Case, start):
    policy = deadlines.case_policy(case, Stage.PROTECTION_DECISION)
    return deadlines.deadline_for(Stage.PROTECTION_DECISION, start, policy)


def _notify_inspectorate(record: ProtectionRequest) -> int:
    """An in-app notice to every active WBS officer: kind and tracking number only."""
    text = NOTICES.get(record.kind, DEFAULT_NOTICE)
    officers = User.objects.filter(is_active=True, role=Role.WBS_OFFICER)
    notices = [
        Notification(
            user=user,
            case_id=record.case_id,
            kind=NotificationKind.PROTECTION,
            message=f"{text}: {record.reference} (laporan {record.case.tracking_number})",
            created_at=record.requested_at,
        )
        for user in officers
    ]
    Notification.objects.bulk_create(notices)
    return len(notices)


def _notify_reporter(record: ProtectionRequest) -> OutboundMessage | None:
    """The content-free "look at /lacak" message, if the reporter left an address."""
    channel = reporter_channel(record.case_id)
    if channel is None:
        return None
    now = clock.now()
    message = OutboundMessage.objects.create(
        channel=channel,
        template=REPORTER_CASE_UPDATED,
        case_id=record.case_id,
        created_at=now,
        next_attempt_at=now,
    )
    transaction.on_commit(partial(deliver_outbound.enqueue, message.pk))
    return message


def _create(actor, case: Case, kind: str, description: str, adverse_action: str = ""):
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=_own_case(actor, case).pk)
        if ProtectionRequest.objects.filter(case=case, kind=kind, outcome="").exists():
            raise InvalidTransition(
                "request_protection",
                case.status,
                "Permohonan yang sama masih menunggu keputusan; tunggu keputusannya atau "
                "kirim keterangan tambahan melalui pesan.",
            )
        now = clock.now()
        reference = _new_reference()
        record = ProtectionRequest.objects.create(
            reference=reference,
            case=case,
            kind=kind,
            adverse_action=adverse_action,
            description_enc=seal(reference, "description", description),
            requested_at=now,
            due_at=_deadline(case, now),
        )
        audit.record(
            actor,
            "protection_request",
            target=f"protection:{reference}",
            case=case.tracking_number,
            kind=kind,
        )
        _notify_inspectorate(record)
    return record


def request_protection(actor, case: Case, *, kind: str, description: str) -> ProtectionRequest:
    """A reporter asks for one form of protection (not retaliation: see report_retaliation)."""
    if kind not in REQUESTABLE_KINDS:
        raise ValidationFailed(fields={"kind": ["Pilih bentuk perlindungan yang diminta."]})
    text = _text(description, "description", minimum=MIN_DESCRIPTION, what="Uraian")
    return _create(actor, case, kind, text)


def report_retaliation(
    actor, case: Case, *, adverse_action: str, description: str
) -> ProtectionRequest:
    """A reporter reports retaliation for this report: a protection record of kind
    retaliation, linked to the case, sent to the Inspektorat."""
    if adverse_action not in AdverseAction.values:
        raise ValidationFailed(fields={"adverse_action": ["Pilih tindakan yang Anda alami."]})
    text = _text(description, "description", minimum=MIN_DESCRIPTION, what="Uraian")
    return _create(actor, case, ProtectionKind.RETALIATION, text, adverse_action)


def decide(actor, record: ProtectionRequest, *, outcome: str, note: str) -> ProtectionRequest:
    """The Inspektorat's decision: granted, refused or referred, with a note the reporter
    reads. Once only (409 afterwards); the reporter gets a content-free notice."""
    if role_of(actor) not in DECIDER_ROLES:
        raise NotPermitted()
    if outcome not in Outcome.values:
        raise ValidationFailed(fields={"outcome": ["Pilih keputusan."]})
    text = _text(note, "note", minimum=MIN_DESCRIPTION, what="Catatan keputusan")
    with transaction.atomic():
        record = (
            ProtectionRequest.objects.select_for_update()
            .select_related("case")
            .filter(pk=record.pk)
            .first()
        )
        if record is None:
            raise NotFound()
        if not record.is_pending:
            raise InvalidTransition(
                "decide_protection", record.outcome, "Permohonan ini sudah diputuskan."
            )
        record.outcome = outcome
        record.decision_note_enc = seal(record.reference, "decision_note", text)
        record.decided_at = clock.now()
        record.decided_by = actor
        record.save(update_fields=["outcome", "decision_note_enc", "decided_at", "decided_by"])
        audit.record(
            actor,
            "protection_decision",
            target=f"protection:{record.reference}",
            case=record.case.tracking_number,
            outcome=outcome,
            late=record.decided_at > record.due_at,
        )
        _notify_reporter(record)
    return record
