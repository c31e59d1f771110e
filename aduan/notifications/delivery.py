"""Delivering the outbox: one message at a time, safe to run twice and from several workers.

A worker first *claims* a due message with one conditional UPDATE (pushing `next_attempt_at`
out by a lease), then sends outside any transaction, then records the outcome. Two workers
cannot both claim the same message, no lock is held while the mail server is slow, and a worker
that dies mid-send leaves the message to be retried when the lease ends (at-least-once).

The address is opened from the sealed identity just before sending and is never stored, logged
or put into `last_error` (transport errors often quote it: only the exception class is kept).
"""

import datetime as dt
import logging
from collections.abc import Callable

from django.core.mail import EmailMessage
from django.db.models import Q

from aduan.core import clock

from .content import Rendered, render
from .models import Channel, OutboundMessage, OutboundStatus
from .reporter import reporter_address

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# How long a claimed message stays invisible to other workers while it is being sent.
CLAIM_LEASE = dt.timedelta(minutes=10)
MAILER_ALIAS = "default"


class NoRecipient(Exception):  # recorded by class name in last_error
    """The reporter's address is gone (identity removed or emptied)."""


class ChannelUnavailable(Exception):
    """No gateway for this channel yet (SMS / WhatsApp)."""


def backoff(attempts: int) -> dt.timedelta:
    """Wait after the n-th failed attempt: 1, 5, 25, 125 minutes."""
    return dt.timedelta(minutes=5 ** max(attempts - 1, 0))


def send_email(address: str, rendered: Rendered) -> None:
    EmailMessage(
        subject=rendered.subject,
        body=rendered.body,
        to=[address],
        headers={"Auto-Submitted": "auto-generated"},
    ).send(using=MAILER_ALIAS)


def _unavailable(address: str, rendered: Rendered) -> None:
    raise ChannelUnavailable()


# One interface for every channel: send(address, rendered) or raise.
SENDERS: dict[str, Callable[[str, Rendered], None]] = {
    Channel.EMAIL: send_email,
    Channel.SMS: _unavailable,
    Channel.WHATSAPP: _unavailable,
}


def due(now: dt.datetime) -> Q:
    return Q(status=OutboundStatus.PENDING) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _claim(message_id: int, now: dt.datetime) -> bool:
    claimed = OutboundMessage.objects.filter(due(now), pk=message_id).update(
        next_attempt_at=now + CLAIM_LEASE
    )
    return claimed == 1


def _record_failure(message: OutboundMessage, error: BaseException) -> None:
    message.attempts += 1
    message.last_error = type(error).__name__[:100]
    permanent = isinstance(error, NoRecipient) or message.attempts >= MAX_ATTEMPTS
    if permanent:
        message.status = OutboundStatus.FAILED
        message.next_attempt_at = None
    else:
        message.next_attempt_at = clock.now() + backoff(message.attempts)
    message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
    logger.warning(
        "outbound message %s attempt %s failed (%s)%s",
        message.pk,
        message.attempts,
        message.last_error,
        "; giving up" if permanent else "",
    )


def deliver(message_id: int) -> bool:
    """Sends one outbox message if it is pending and due. True when it was sent now; False when
    it was not due, already handled, or failed (the failure is recorded on the row)."""
    if not _claim(message_id, clock.now()):
        return False
    message = OutboundMessage.objects.get(pk=message_id)
    try:
        rendered = render(message.template)
        address = reporter_address(message)
        if not address:
            raise NoRecipient()
        SENDERS[message.channel](address, rendered)
    except Exception as error:  # any failure is recorded, never raised (tracebacks hold data)
        _record_failure(message, error)
        return False
    message.attempts += 1
    message.status = OutboundStatus.SENT
    message.sent_at = clock.now()
    message.next_attempt_at = None
    message.last_error = ""
    message.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at", "last_error"])
    logger.info("outbound message %s sent (%s)", message.pk, message.channel)
    return True


def deliver_due(limit: int = 500) -> int:
    """Sends every pending message whose time has come (oldest first, at most `limit`);
    returns how many were sent. For the periodic sweep; safe alongside the task worker."""
    ids = list(
        OutboundMessage.objects.filter(due(clock.now()))
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(deliver(pk) for pk in ids)
