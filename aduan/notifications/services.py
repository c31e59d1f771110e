"""Write side of the back-office pages: marking notifications read, and the sysadmin's
"Coba lagi" on a failed outbox message."""

from functools import partial

from django.db import transaction

from aduan.core import audit, clock
from aduan.core.errors import NotFound

from .models import Notification, OutboundMessage, OutboundStatus


def mark_read(user, notification_id: int) -> None:
    """Marks one of the user's own notifications read (already read: unchanged). Someone
    else's, or a missing one: NotFound."""
    own = Notification.objects.filter(user=user, pk=notification_id)
    if not own.exists():
        raise NotFound()
    own.filter(read_at__isnull=True).update(read_at=clock.now())


def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=clock.now())


def retry_message(actor, message_id: int) -> OutboundMessage:
    """Puts a failed message back in the queue with a fresh set of attempts, due now, and
    asks the worker to send it. Only a failed message can be retried (otherwise NotFound).
    Audited with what the message was (channel, template, attempts, error class), never the
    recipient."""
    from .tasks import deliver_outbound

    with transaction.atomic():
        message = (
            OutboundMessage.objects.select_for_update()
            .filter(pk=message_id, status=OutboundStatus.FAILED)
            .first()
        )
        if message is None:
            raise NotFound()
        audit.record(
            actor,
            "outbound_retry",
            f"outbound:{message.pk}",
            channel=message.channel,
            template=message.template,
            attempts=message.attempts,
            last_error=message.last_error,
        )
        message.status = OutboundStatus.PENDING
        message.attempts = 0
        message.next_attempt_at = clock.now()
        message.save(update_fields=["status", "attempts", "next_attempt_at"])
        transaction.on_commit(partial(deliver_outbound.enqueue, message.pk))
    return message
