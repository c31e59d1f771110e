"""Outbound messages to the reporter: queueing them, and finding the address at delivery time.

The outbox row stores no address. The e-mail (or phone) stays sealed in ReporterIdentity and is
opened only by the delivering worker, only for the moment of sending. A reporter who left an
e-mail is mailed; one who left only a phone number gets an SMS when an SMS gateway is
configured (ADUAN_SMS_GATEWAY). Both say only "there is an update, look at /lacak".
"""

from aduan.cases.identity import open_identity
from aduan.cases.models import CaseEvent, ReporterIdentity
from aduan.core import clock

from .content import REPORTER_CASE_UPDATED
from .gateways import is_available
from .models import Channel, OutboundMessage

# Events the reporter caused themselves: they are looking at the result already.
SILENT_ACTIONS = frozenset({"create"})
REPORTER_ROLE = "reporter"


def reporter_channel(case_id: int) -> str | None:
    """E-mail when the reporter left one; otherwise SMS when they left a phone number and an
    SMS gateway is configured; otherwise None. Reads only whether the sealed fields are empty."""
    row = (
        ReporterIdentity.objects.filter(case_id=case_id)
        .values_list("email_enc", "phone_enc")
        .first()
    )
    if row is None:
        return None  # anonymous
    email_enc, phone_enc = row
    if email_enc:
        return Channel.EMAIL
    if phone_enc and is_available(Channel.SMS):
        return Channel.SMS
    return None


def queue_reporter_update(event: CaseEvent) -> OutboundMessage | None:
    """Queues one content-free "your report was updated" message for an event the reporter can
    see: an e-mail, or an SMS to a reporter who left only a phone number (see
    `reporter_channel`). Idempotent: the same event queues at most one message.
    Returns the (new or existing) message, or None when nothing is to be sent."""
    if not event.visible_to_reporter or event.action in SILENT_ACTIONS:
        return None
    if event.actor_role == REPORTER_ROLE:
        return None  # the reporter's own reply / rating / objection / withdrawal
    channel = reporter_channel(event.case_id)
    if channel is None:
        return None  # anonymous, or no usable address given
    now = clock.now()
    message, _ = OutboundMessage.objects.get_or_create(
        event=event,
        channel=channel,
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
    return data.phone  # sms / whatsapp
