"""Background work for the outbox. Tasks take ids, re-check state and are safe to run twice."""

from django.tasks import task

from .delivery import deliver


@task()
def deliver_outbound(message_id: int) -> bool:
    return deliver(message_id)
