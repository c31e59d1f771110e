"""Delivering the outbox: one message at a time, safe to run twice and from several workers.

A worker first *claims* a due message with one conditional UPDATE (pushing `next_attempt_at`
out by a lease), then sends outside any transaction, then records the outcome. Two workers
cannot both claim the same message, no lock is held while the mail server is slow, and a worker
that dies mid-send leaves the message to be retried when the lease ends (at-least-once).

The address is opened just before sending — from the sealed identity for a reporter, from the
user's account for staff — and is never stored, logged or put into `last_error` (transport
errors often quote it: only the exception class is kept). The gateways (aduan.notifications.
gateways) are the one interface to every channel.
"""

import datetime as dt
import logging

from django.db.models import Q

from aduan.core import clock

from . import gateways
from .content import render
from .gateways import ChannelUnavailable, Outgoing
from .models import Channel, OutboundMessage, OutboundStatus
from .reporter import reporter_address

__all__ = ["MAX_ATTEMPTS", "ChannelUnavailable", "NoRecipient", "backoff", "deliver", "deliver_due"]

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# How long a claimed message stays invisible to other workers while it is being sent.
CLAIM_LEASE = dt.timedelta(minutes=10)


class NoRecipient(Exception):  # recorded by class name in last_error
    """The address is gone (identity removed or emptied, staff account without e-mail or
    deactivated)."""


def backoff(attempts: int) -> dt.timedelta:
    """Wait after the n-th failed attempt: 1, 5, 25, 125 minutes."""
    return dt.timedelta(minutes=5 ** max(attempts - 1, 0))


def recipient_address(message: OutboundMessage) -> str:
    """Where the message goes, read now and never kept: a staff member's e-mail, or the
    reporter's address opened from the sealed identity. '' when there is none."""
    if message.user_id is not None:
        user = message.user
        return (user.email or "").strip() if user.is_active else ""
    return reporter_address(message)


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
    message = OutboundMessage.objects.select_related("user", "notification").get(pk=message_id)
    try:
        rendered = render(message)
        address = recipient_address(message)
        if not address:
            raise NoRecipient()
        gateways.send(
            Outgoing(
                outbound_id=message.pk,
                channel=message.channel,
                address=address,
                subject=rendered.subject,
                text=rendered.body if message.channel == Channel.EMAIL else rendered.text,
            )
        )
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
