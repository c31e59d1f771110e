"""Background work for the outbox. Tasks take ids, re-check state and are safe to run twice."""

from django.tasks import task

from .delivery import deliver


@task()
def deliver_outbound(message_id: int) -> bool:
    return deliver(message_id)


@task()
def deliver_due_outbound() -> int:
    """Every pending message whose time has come (after a sweep queued many at once, and for
    retries whose backoff ended); safe alongside other workers (each message is claimed)."""
    from .delivery import deliver_due

    return deliver_due()
