"""Outbound messages to the reporter: queueing them, and finding the address at delivery time.

The outbox row stores no address. The e-mail stays sealed in ReporterIdentity and is opened
only by the delivering worker, only for the moment of sending.
"""

from aduan.cases.identity import open_identity
from aduan.cases.models import CaseEvent, ReporterIdentity
from aduan.core import clock

from .content import REPORTER_CASE_UPDATED
from .models import Channel, OutboundMessage

# Events the reporter caused themselves: they are looking at the result already.
SILENT_ACTIONS = frozenset({"create"})
REPORTER_ROLE = "reporter"


def _has_email(case_id: int) -> bool:
    return ReporterIdentity.objects.filter(case_id=case_id).exclude(email_enc="").exists()


def queue_reporter_update(event: CaseEvent) -> OutboundMessage | None:
    """Queues one content-free "your report was updated" e-mail for an event the reporter can
    see, if the reporter left an e-mail. Idempotent: the same event queues at most one message.
    Returns the (new or existing) message, or None when nothing is to be sent."""
    if not event.visible_to_reporter or event.action in SILENT_ACTIONS:
        return None
    if event.actor_role == REPORTER_ROLE:
        return None  # the reporter's own reply / rating / objection / withdrawal
    if not _has_email(event.case_id):
        return None  # anonymous, or no e-mail given
    now = clock.now()
    message, _ = OutboundMessage.objects.get_or_create(
        event=event,
        channel=Channel.EMAIL,
        template=REPORTER_CASE_UPDATED,
        defaults={"case_id": event.case_id, "created_at": now, "next_attempt_at": now},
    )
    return message


def reporter_address(message: OutboundMessage) -> str:
    """The reporter's address for the message's channel, opened from the sealed identity;
    '' when there is none any more. Never log or store the result."""
    identity = ReporterIdentity.objects.filter(case_id=message.case_id).first()
    if identity is None:
        return ""
    data = open_identity(identity)
    if message.channel == Channel.EMAIL:
        return data.email
    return data.phone  # sms / whatsapp gateways (not delivered yet)
