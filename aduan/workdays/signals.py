"""`calendar_changed`: sent once after a transaction that changed holidays commits.

Other apps (deadline recomputation) connect to it; this app never imports them.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.dispatch import Signal

__all__ = ["calendar_changed", "schedule_calendar_changed"]

# Sent with sender=Holiday and no other arguments; receivers call load_calendar() themselves.
calendar_changed = Signal()


class _PendingSend:
    """One on_commit callback per transaction. A class (not a closure) so a transaction that
    saves many holidays can see that a send is already queued."""

    def __init__(self, sender: type) -> None:
        self.sender = sender
        self.done = False

    def __call__(self) -> None:
        # Marked before sending so a holiday saved by a receiver queues a fresh send.
        self.done = True
        calendar_changed.send(sender=self.sender)


def schedule_calendar_changed(sender: type, using: str = DEFAULT_DB_ALIAS) -> None:
    """Queue `calendar_changed` for when the current transaction commits (now in autocommit)."""
    conn = connections[using]
    if conn.in_atomic_block:
        # Rolled-back savepoints drop their callbacks from run_on_commit, so this stays accurate.
        for _sids, func, _robust in conn.run_on_commit:
            if isinstance(func, _PendingSend) and not func.done:
                return
    transaction.on_commit(_PendingSend(sender), using=using)


def holiday_changed(sender, instance=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_save / post_delete receiver for Holiday (connected in WorkdaysConfig.ready)."""
    schedule_calendar_changed(sender, using=using)
