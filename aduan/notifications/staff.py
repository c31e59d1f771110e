"""Queueing e-mail to staff in bulk, for the periodic sweep: deadline notices and daily digests.

Each function is one set-based INSERT ... SELECT ... ON CONFLICT DO NOTHING (SQLite and
PostgreSQL): the number of queries does not grow with the number of messages, and the unique
constraints on the outbox (once per notification and channel, one digest per user per day)
make a second call queue nothing. The rows hold no address and no text: the delivering worker
reads the user's e-mail and renders the template at sending time.
"""

import datetime as dt

from django.conf import settings
from django.db.models import (
    DateField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
)

from aduan.accounts.models import User
from aduan.accounts.roles import AGENCY_ROLES, Role
from aduan.core import clock
from aduan.core.sql import insert_from_select, selecting
from aduan.workdays.selectors import load_calendar

from .content import EMAILED_KINDS, STAFF_DAILY_DIGEST, STAFF_NOTICE
from .digest import (
    due_assignments,
    due_verifications,
    horizon,
    inspectorate,
    public_track,
    wbs_track,
)
from .models import Channel, Notification, OutboundMessage, OutboundStatus

DEFAULT_DIGEST_HOUR = 7


def _pending(now: dt.datetime) -> dict:
    """The columns every new outbox row starts with: pending, due now."""
    return {
        "status": Value(OutboundStatus.PENDING.value),
        "attempts": Value(0, output_field=IntegerField()),
        "last_error": Value(""),
        "created_at": Value(now, output_field=DateTimeField()),
        "next_attempt_at": Value(now, output_field=DateTimeField()),
    }


def queue_staff_emails(run_id: int) -> int:
    """Queues ONE e-mail (template staff_notice) per staff member who got deadline-missed or
    escalation notifications from sweep run `run_id` (active, with an e-mail address): a
    catch-up sweep may write hundreds of notices to one agency head, who should get one mail
    listing them, not hundreds. The row points at the member's first notification of the run
    (unique per notification, so a second call queues 0); the text lists them all at delivery.
    One statement. Returns how many were queued."""
    notifications = Notification.objects.filter(
        alert__run_id=run_id, kind__in=EMAILED_KINDS, user__is_active=True
    ).exclude(user__email="")
    columns = {
        "user": F("user_id"),
        "notification": Min("pk"),
        "channel": Value(Channel.EMAIL.value),
        "template": Value(STAFF_NOTICE),
        **_pending(clock.now()),
    }
    return insert_from_select(
        OutboundMessage, list(columns), selecting(notifications, columns, group_by=("user",))
    )


def digest_day(as_of: dt.datetime) -> dt.date | None:
    """The WITA day whose digest is due at `as_of`, or None before ADUAN_DIGEST_HOUR."""
    hour = int(getattr(settings, "ADUAN_DIGEST_HOUR", DEFAULT_DIGEST_HOUR))
    local = clock.local(as_of)
    return local.date() if local.hour >= hour else None


def digest_recipients(as_of: dt.datetime, calendar) -> QuerySet[User]:
    """Active staff with an e-mail address who have something overdue or due by the end of
    the next working day (aduan.notifications.digest decides what counts)."""
    until = horizon(as_of, calendar)
    assignments = due_assignments(until)
    cases = due_verifications(until)
    own_agency = Exists(assignments.filter(agency_id=OuterRef("agency_id")))
    wbs_work = Exists(wbs_track(cases)) | Exists(inspectorate(assignments))
    return (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(role__in=AGENCY_ROLES, agency__isnull=False) & own_agency
            | Q(role=Role.COORDINATOR) & Exists(public_track(cases))
            | Q(role=Role.WBS_OFFICER) & wbs_work
        )
    )


def queue_daily_digests(as_of: dt.datetime) -> int:
    """Once per WITA working day, from ADUAN_DIGEST_HOUR (default 07.00 WITA): one digest
    e-mail per staff member with something due (see `digest_recipients`). Two queries
    (the calendar, one INSERT ... SELECT) whatever the number of users; a second call the
    same day queues 0. Returns how many were queued."""
    day = digest_day(as_of)
    if day is None:
        return 0
    calendar = load_calendar()
    if not calendar.is_working_day(day):
        return 0  # nobody reads it on a day off; the next working day's digest covers it
    columns = {
        "channel": Value(Channel.EMAIL.value),
        "template": Value(STAFF_DAILY_DIGEST),
        "user": F("pk"),
        "digest_date": Value(day, output_field=DateField()),
        **_pending(clock.now()),
    }
    return insert_from_select(
        OutboundMessage, list(columns), selecting(digest_recipients(as_of, calendar), columns)
    )
