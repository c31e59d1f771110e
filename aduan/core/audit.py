"""Writing and checking the hash-chained audit log (DESIGN §5, docs/audit.md).

Each record's hash covers its content and the previous record's hash; `check_chain` walks the
log in id order and names the first record whose content or link is wrong. What a chain alone
cannot show (the newest records removed, or the whole log rewritten with fresh hashes) is
caught by the signed checkpoints of aduan.core.audit_anchor.

Appends are serialised: on PostgreSQL by a transaction-level advisory lock taken before the
newest record is read (a row lock on "the newest record" would let two writers that waited on
the same row both chain to it); on SQLite by the database's single writer (transactions begin
IMMEDIATE). The lock is held until the surrounding transaction ends, so ids follow the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction

from . import clock
from .models import AuditRecord

logger = logging.getLogger(__name__)

GENESIS = "0" * 64
# pg_advisory_xact_lock key of the audit log ("aduaudit" in ASCII).
APPEND_LOCK = 0x6164756175646974
# The fields a record's hash covers, in the order `digest` takes them.
HASHED_FIELDS = ("at", "actor", "actor_role", "action", "target", "details")

# Problem kinds (docs/audit.md). The first five come from the chain, the rest from checkpoints.
CHANGED = "changed"
MISSING = "missing"
REORDERED = "reordered"
START_MISSING = "start_missing"
TAIL_MISSING = "tail_missing"
REWRITTEN = "rewritten"
CHECKPOINT_INVALID = "checkpoint_invalid"
CHECKPOINT_MISSING = "checkpoint_missing"


@dataclass(frozen=True)
class Problem:
    """The first record where the log is not what it was: its id, its time (when known) and
    what is wrong, in one sentence of Bahasa Indonesia."""

    record_id: int
    at: dt.datetime | None
    kind: str
    explanation: str

    def describe(self) -> str:
        if self.record_id <= 0:  # not about one record (an unreadable checkpoint line)
            return self.explanation
        when = f" ({clock.local(self.at):%Y-%m-%d %H:%M:%S} WITA)" if self.at else ""
        return f"catatan #{self.record_id}{when}: {self.explanation}"


@dataclass(frozen=True)
class ChainResult:
    checked: int  # records that verified before the problem (all of them when intact)
    head_id: int | None  # the newest record that verified
    head_hash: str
    problem: Problem | None


# visit(row_id, at, action, record_hash, count) -> Problem | None (see check_chain).
Visitor = Callable[[int, dt.datetime, str, str, int], Problem | None]


def digest(previous: str, at, actor, role, action, target, details) -> str:
    body = json.dumps(
        [previous, at.isoformat(), actor, role, action, target, details],
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def actor_label(actor) -> tuple[str, str]:
    if actor is None:
        return "anonymous", ""
    username = getattr(actor, "username", None)
    role = getattr(actor, "role", "") or ""
    if username:
        return username, role
    return role or "anonymous", role


@dataclass(frozen=True)
class ConsoleActor:
    """Someone at the server's console (a management command): no account, so no name."""

    username: str = "console"
    role: str = "system"


CONSOLE_ACTOR = ConsoleActor()
SYSTEM_ACTOR = ConsoleActor(username="system")  # periodic work (the sweep)


def _lock_for_append() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [APPEND_LOCK])


def record(actor, action: str, target: str = "", **details) -> AuditRecord:
    """Appends one record. `target` names an object ("case:ADU-2026-7K4Q9M", "user:12");
    `details` holds codes and counts, never report content, identity or a secret."""
    name, role = actor_label(actor)
    with transaction.atomic():
        _lock_for_append()
        last = AuditRecord.objects.order_by("-id").only("record_hash").first()
        previous = last.record_hash if last else GENESIS
        at = clock.now()
        return AuditRecord.objects.create(
            at=at,
            actor=name,
            actor_role=role,
            action=action,
            target=target,
            details=details,
            previous_hash=previous,
            record_hash=digest(previous, at, name, role, action, target, details),
        )


def _link_problem(row_id: int, at, previous_hash: str, before_id: int | None) -> Problem:
    """The record's own hash is right but it does not follow the record before it."""
    elsewhere = (
        AuditRecord.objects.filter(record_hash=previous_hash).values_list("id", flat=True).first()
    )
    if elsewhere is not None:
        return Problem(
            row_id,
            at,
            REORDERED,
            f"urutan diubah: catatan ini seharusnya langsung sesudah catatan #{elsewhere}.",
        )
    if before_id is None:
        return Problem(
            row_id, at, START_MISSING, "catatan-catatan sebelum catatan ini hilang (dihapus)."
        )
    if before_id + 1 == row_id:  # nothing can be missing in between: the one before changed
        before_at = AuditRecord.objects.values_list("at", flat=True).get(pk=before_id)
        return Problem(
            before_id,
            before_at,
            CHANGED,
            f"isinya diubah lalu hash-nya dihitung ulang: catatan #{row_id} sesudahnya "
            "tidak lagi bersambung.",
        )
    return Problem(
        row_id,
        at,
        MISSING,
        f"rantai tidak bersambung dengan catatan #{before_id}: catatan di antara keduanya "
        f"hilang (dihapus), atau catatan #{before_id} diubah lalu hash-nya dihitung ulang.",
    )


def check_chain(batch: int = 2000, visit: Visitor | None = None) -> ChainResult:
    """Walks the whole log in id order; stops at the first record that is wrong.

    `visit(row_id, at, action, record_hash, count)` is called for every record whose hash and
    link are right (`count` includes it); a Problem it returns ends the walk there."""
    previous, checked, last_id = GENESIS, 0, None
    columns = ("id", *HASHED_FIELDS, "previous_hash", "record_hash")
    while True:
        query = AuditRecord.objects.filter(id__gt=last_id or 0).order_by("id")
        rows = list(query.values_list(*columns)[:batch])
        if not rows:
            return ChainResult(checked, last_id, previous, None)
        for row_id, at, actor, role, action, target, details, prev_hash, row_hash in rows:
            problem = None
            if row_hash != digest(prev_hash, at, actor, role, action, target, details):
                problem = Problem(
                    row_id, at, CHANGED, "isinya diubah: hash catatan tidak cocok dengan isinya."
                )
            elif prev_hash != previous:
                problem = _link_problem(row_id, at, prev_hash, last_id)
            elif visit is not None:
                problem = visit(row_id, at, action, row_hash, checked + 1)
            if problem is not None:
                return ChainResult(checked, last_id, previous, problem)
            previous, checked, last_id = row_hash, checked + 1, row_id


def checkpoint_duty(run) -> dict:
    """The sweep's duty "audit_checkpoint" (aduan.sweeps.runner.DUTIES): signs the end of the
    log into the checkpoint file. A file that cannot be written is reported, not raised, so
    the rest of the sweep's bookkeeping still happens."""
    from .audit_anchor import write_checkpoint

    try:
        written = write_checkpoint(SYSTEM_ACTOR)
    except OSError as exc:
        logger.error("audit checkpoint not written: %s", exc.strerror or type(exc).__name__)
        return {"error": "checkpoint file not writable"}
    if written is None:
        return {"written": 0}
    return {"written": 1, "records": written.count, "last_id": written.last_id}


def verify_chain(batch: int = 2000) -> tuple[int, AuditRecord | None]:
    """(records checked, first broken record or None): the chain only, no checkpoints."""
    result = check_chain(batch)
    if result.problem is None:
        return result.checked, None
    return result.checked, AuditRecord.objects.get(pk=result.problem.record_id)
