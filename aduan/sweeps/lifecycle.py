"""Cases the clock ends by itself (DESIGN §3): a reporter who never completed their report within
the information window → withdrawn; an answer whose feedback window passed → closed.

Each is one set-based step. On PostgreSQL the rows are claimed with FOR UPDATE SKIP LOCKED and
moved and logged in a single statement, so a case a staff member is acting on right now is left
for the next sweep instead of getting an event for a move that did not happen. SQLite runs the
transaction IMMEDIATE (one writer at a time), so the two plain statements cannot interleave with
a staff action.
"""

from django.db.models import Exists, F, IntegerField, OuterRef, Value

from aduan.cases.models import Case, CaseEvent, ReporterIdentity
from aduan.cases.workflow import CaseStatus
from aduan.core.sql import (
    db_datetime,
    execute,
    insert_from_select,
    is_postgresql,
    quoted_column,
    quoted_table,
    selecting,
)
from aduan.notifications.content import REPORTER_CASE_UPDATED
from aduan.notifications.gateways import is_available
from aduan.notifications.models import Channel, OutboundMessage, OutboundStatus

from .models import SweepRun

# (status whose clock ran out, action, new status, note the reporter reads on /lacak).
ENDINGS = (
    (
        CaseStatus.NEEDS_INFO,
        "withdraw",
        CaseStatus.WITHDRAWN,
        "Laporan dicabut otomatis karena kelengkapan yang diminta tidak dikirim sampai batas "
        "waktu.",
    ),
    (
        CaseStatus.ANSWERED,
        "close",
        CaseStatus.CLOSED,
        "Laporan ditutup otomatis karena masa tanggapan atau keberatan pelapor telah berakhir.",
    ),
)
EVENT_COLUMNS = (
    "case", "at", "action", "actor_role", "from_status", "to_status", "note",
    "visible_to_reporter", "data",
)  # fmt: skip


def _end_postgresql(run: SweepRun, status: str, action: str, new_status: str, note: str) -> int:
    case, event = quoted_table(Case), quoted_table(CaseEvent)
    columns = ", ".join(quoted_column(CaseEvent, name) for name in EVENT_COLUMNS)
    at = db_datetime(run.as_of)
    # Names from model metadata; every value is a parameter.
    sql = (
        f"WITH claimed AS (SELECT id FROM {case} WHERE status = %s AND due_at < %s "  # noqa: S608
        f"FOR UPDATE SKIP LOCKED), "
        f"moved AS (UPDATE {case} SET status = %s, closed_at = %s, due_at = NULL, "
        f"clock_started_at = NULL FROM claimed WHERE {case}.id = claimed.id "
        f"RETURNING {case}.id) "
        f"INSERT INTO {event} ({columns}) "
        f"SELECT id, %s, %s, 'system', %s, %s, %s, true, '{{}}' FROM moved"
    )
    return execute(sql, [status, at, new_status, at, at, action, status, new_status, note])


def _end_sqlite(run: SweepRun, status: str, action: str, new_status: str, note: str) -> int:
    due = Case.objects.filter(status=status, due_at__lt=run.as_of)
    columns = {
        "case": F("pk"),
        "at": Value(run.as_of),
        "action": Value(action),
        "actor_role": Value("system"),
        "from_status": Value(status),
        "to_status": Value(new_status),
        "note": Value(note),
        "visible_to_reporter": Value(True),
        "data": Value("{}"),
    }
    insert_from_select(CaseEvent, list(columns), selecting(due, columns))
    return due.update(status=new_status, closed_at=run.as_of, due_at=None, clock_started_at=None)


def end_expired(run: SweepRun) -> dict[str, int]:
    """Withdraws and closes what the clock ended; queues the reporters' content-free notices."""
    end = _end_postgresql if is_postgresql() else _end_sqlite
    counts = {}
    for status, action, new_status, note in ENDINGS:
        counts[str(new_status)] = end(run, status, action, new_status, note)
    if any(counts.values()):
        counts["reporter_messages"] = queue_reporter_notices(run)
    return counts


def queue_reporter_notices(run: SweepRun) -> int:
    """A "look at /lacak" message for each case this run ended whose reporter left an address:
    an e-mail, or an SMS to a reporter who left only a phone number when an SMS gateway is
    configured (as `aduan.notifications.reporter.reporter_channel` decides for one event).
    Unique per event, so a repeated sweep queues nothing twice; due at once, whatever moment
    the sweep ran as of."""
    events = CaseEvent.objects.filter(
        at=run.as_of, actor_role="system", action__in=[action for _, action, _, _ in ENDINGS]
    )
    identity = ReporterIdentity.objects.filter(case_id=OuterRef("case_id"))
    by_channel = {Channel.EMAIL: events.filter(Exists(identity.exclude(email_enc="")))}
    if is_available(Channel.SMS):
        by_channel[Channel.SMS] = events.filter(
            Exists(identity.filter(email_enc="").exclude(phone_enc=""))
        )
    queued = 0
    for channel, rows in by_channel.items():
        columns = {
            "channel": Value(channel.value),
            "template": Value(REPORTER_CASE_UPDATED),
            "case": F("case_id"),
            "event": F("pk"),
            "status": Value(OutboundStatus.PENDING.value),
            "attempts": Value(0, IntegerField()),
            "last_error": Value(""),
            "created_at": Value(run.as_of),
        }
        queued += insert_from_select(OutboundMessage, list(columns), selecting(rows, columns))
    return queued
