"""`run_sweep`: every periodic duty once, as of one moment (issue 5 item 1).

Each duty runs in its own transaction holding its DutyLock row. On PostgreSQL the lock is taken
with SELECT ... FOR UPDATE SKIP LOCKED, so when two workers sweep at once the second skips a
duty the first is running instead of waiting for it; SQLite has one writer at a time anyway.
Duties are idempotent: running the sweep twice at the same moment changes and sends nothing
the second time.
"""

import datetime as dt
import logging
from collections.abc import Callable

from django.db import transaction

from aduan.agencies.models import SlaPolicy
from aduan.cases.actors import SYSTEM_ACTOR
from aduan.core import audit, clock
from aduan.notifications.tasks import deliver_due_outbound
from aduan.workdays.selectors import load_calendar

from . import escalation, lifecycle
from .models import DutyLock, SweepRun

logger = logging.getLogger(__name__)

SKIPPED = "skipped (another worker holds it)"


def _ladder(run: SweepRun) -> dict:
    policies = list(SlaPolicy.objects.all())
    counts = escalation.climb(run, policies, load_calendar())
    if counts.get("notifications"):
        from aduan.notifications.staff import queue_staff_emails

        counts["staff_emails"] = queue_staff_emails(run.pk)
    return counts


def _lifecycle(run: SweepRun) -> dict:
    return lifecycle.end_expired(run)


def _digests(run: SweepRun) -> dict:
    from aduan.notifications.staff import queue_daily_digests

    return {"digests": queue_daily_digests(run.as_of)}


def _monthly_report(run: SweepRun) -> dict:
    from aduan.dashboards.services import ensure_previous_month_report

    report = ensure_previous_month_report(run.as_of)
    return {"generated": f"{report.year}-{report.month:02d}" if report else ""}


def _retention(run: SweepRun) -> dict:
    from aduan.retention.services import purge_expired

    return purge_expired(run.as_of)


def _protection(run: SweepRun) -> dict:
    from aduan.protection.overdue import notify_overdue

    return {"overdue_reported": notify_overdue(run.as_of)}


# Name → duty, in order: the ladder first (it reads the deadlines the others end).
DUTIES: dict[str, Callable[[SweepRun], dict]] = {
    "ladder": _ladder,
    "lifecycle": _lifecycle,
    "digests": _digests,
    "monthly_report": _monthly_report,
    "protection": _protection,
    "retention": _retention,
    "audit_checkpoint": audit.checkpoint_duty,  # last: signs what the others logged
}


def _run_duty(name: str, duty: Callable[[SweepRun], dict], run: SweepRun) -> dict | str:
    DutyLock.objects.get_or_create(name=name)
    with transaction.atomic():
        held = DutyLock.objects.select_for_update(skip_locked=True).filter(name=name).first()
        if held is None:
            return SKIPPED
        return duty(run)


def run_sweep(
    as_of: dt.datetime | None = None,
    *,
    triggered_by: str = "command",
    duties: list[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> SweepRun:
    """Runs the duties (all by default) as of `as_of` (default: now); returns the run record."""
    as_of = as_of or clock.now()
    run = SweepRun.objects.create(started_at=clock.now(), as_of=as_of, triggered_by=triggered_by)
    for name in duties or list(DUTIES):
        result = _run_duty(name, DUTIES[name], run)
        run.counts[name] = result
        if progress:
            progress(f"{name}: {result}")
    run.finished_at = clock.now()
    run.save(update_fields=["counts", "finished_at"])
    audit.record(
        SYSTEM_ACTOR, "sweep", f"sweep:{run.pk}", as_of=as_of.isoformat(), counts=run.counts
    )
    logger.info("sweep %s as of %s: %s", run.pk, as_of.isoformat(), run.counts)
    # Sending is the worker's job, not the sweep's: what the sweep queued (and retries whose
    # backoff ended) goes out in its own task, so a slow mail server never holds a sweep up.
    deliver_due_outbound.enqueue()
    return run
