"""Signed checkpoints: the audit log's anchor outside its own table (docs/audit.md).

A hash chain shows an edited, removed or reordered record as long as a later record still
points at it. It cannot show the newest records removed, nor a log rewritten from some point
on with freshly computed hashes. A checkpoint can: "after N records the newest is #id, at T,
with hash H", signed with the server's Ed25519 key (ADUAN_SIGNING_KEY) and appended to a file
(ADUAN_AUDIT_CHECKPOINT_FILE) outside the database, and written to the application log for
the central log store.

Writing one appends an "audit_checkpoint" record first and signs the chain up to and including
it, while the append lock is held; the line is written (and fsynced) before the transaction
commits. Verifying walks the chain once and, at every record a checkpoint names, compares hash
and count. Checkpoint records newer than the file's last line mean the file lost its tail.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.conf import settings
from django.db import transaction

from aduan import crypto
from aduan.crypto.signing import public_key_b64

from . import audit, clock
from .models import AuditRecord

logger = logging.getLogger(__name__)

DOMAIN = "aduan-audit-checkpoint-v1"
CHECKPOINT_ACTION = "audit_checkpoint"


@dataclass(frozen=True)
class Checkpoint:
    at: str  # ISO 8601, UTC: when it was written
    count: int  # records from the first up to and including last_id
    last_id: int
    head_at: str  # the time of record last_id, as hashed
    head: str  # record_hash of record last_id
    signature: str = ""

    def message(self) -> bytes:
        return f"{DOMAIN}|{self.at}|{self.count}|{self.last_id}|{self.head_at}|{self.head}".encode()

    def line(self) -> str:
        body = {
            "v": 1,
            "at": self.at,
            "count": self.count,
            "last_id": self.last_id,
            "head_at": self.head_at,
            "head": self.head,
            "sig": self.signature,
        }
        return json.dumps(body, sort_keys=True, separators=(",", ":"))

    @property
    def written_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.at)

    @property
    def head_time(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.head_at)


@dataclass(frozen=True)
class Verification:
    checked: int  # records whose hash and link verified
    configured: bool  # is there a checkpoint file to check against?
    checkpoints: int  # valid checkpoint lines
    latest: Checkpoint | None  # the newest valid checkpoint
    unanchored: int  # intact records newer than the latest checkpoint
    problem: audit.Problem | None

    @property
    def intact(self) -> bool:
        return self.problem is None


@dataclass
class _Lines:
    valid: list[Checkpoint] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)  # (line number, why)


def checkpoint_path() -> Path | None:
    value = getattr(settings, "ADUAN_AUDIT_CHECKPOINT_FILE", None)
    return Path(value) if value else None


def _append(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "ab") as fh:
        fh.write(line.encode() + b"\n")
        fh.flush()
        os.fsync(fh.fileno())


def write_checkpoint(actor=audit.CONSOLE_ACTOR) -> Checkpoint | None:
    """Appends an audit_checkpoint record and a signed line naming it; None when no file is
    configured. Raises (and records nothing) when the file cannot be written."""
    path = checkpoint_path()
    if path is None:
        return None
    with transaction.atomic():
        entry = audit.record(actor, CHECKPOINT_ACTION, "audit", key=public_key_b64()[:16])
        # The append lock is held until commit: nothing lands between the entry and the count.
        count = AuditRecord.objects.filter(id__lte=entry.pk).count()
        unsigned = Checkpoint(
            at=clock.now().isoformat(),
            count=count,
            last_id=entry.pk,
            head_at=entry.at.isoformat(),
            head=entry.record_hash,
        )
        checkpoint = replace(unsigned, signature=crypto.sign(unsigned.message()))
        _append(path, checkpoint.line())
    logger.info("audit checkpoint %s", checkpoint.line())
    return checkpoint


def _parse(text: str) -> Checkpoint | str:
    """The checkpoint a line holds, or why it holds none."""
    try:
        body = json.loads(text)
        checkpoint = Checkpoint(
            at=str(body["at"]),
            count=int(body["count"]),
            last_id=int(body["last_id"]),
            head_at=str(body["head_at"]),
            head=str(body["head"]),
            signature=str(body["sig"]),
        )
        checkpoint.written_at, checkpoint.head_time  # noqa: B018 — both must parse
    except (ValueError, TypeError, KeyError):
        return "tidak dapat dibaca"
    if not crypto.verify(checkpoint.message(), checkpoint.signature):
        return "tanda tangan tidak sah"
    return checkpoint


def read_checkpoints(path: Path) -> _Lines:
    lines = _Lines()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return lines
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parsed = _parse(raw)
        if isinstance(parsed, Checkpoint):
            lines.valid.append(parsed)
        else:
            lines.invalid.append((number, parsed))
    return lines


class _Anchors:
    """The chain walk's visitor: compares each record with the checkpoints that name it."""

    def __init__(self, checkpoints: list[Checkpoint]):
        self.by_id: dict[int, list[Checkpoint]] = {}
        for checkpoint in checkpoints:
            self.by_id.setdefault(checkpoint.last_id, []).append(checkpoint)
        self.pending = sorted(self.by_id)  # checkpoint ids not reached yet, ascending
        self.latest_id = self.pending[-1] if self.pending else 0
        self.seen_id, self.seen = 0, 0  # the last record that verified, and how many did

    def _skipped(self, row_id: int) -> audit.Problem | None:
        """A checkpoint names a record below `row_id` that the walk never met: removed."""
        if not self.pending or self.pending[0] >= row_id:
            return None
        missing = self.pending[0]
        checkpoint = self.by_id[missing][0]
        after = f"sesudah #{self.seen_id}" if self.seen_id else "dari awal"
        return audit.Problem(
            missing,
            checkpoint.head_time,
            audit.MISSING,
            f"catatan ini hilang (dihapus), mungkin bersama catatan lain {after}: titik periksa "
            f"{_when(checkpoint)} mencatat {checkpoint.count} catatan sampai catatan ini, "
            f"rantai kini {self.seen} catatan sampai #{self.seen_id}.",
        )

    def visit(self, row_id, at, action, row_hash, count) -> audit.Problem | None:
        problem = self._skipped(row_id)
        if problem is not None:
            return problem
        for checkpoint in self.by_id.get(row_id, ()):
            if checkpoint.head != row_hash:
                return audit.Problem(
                    row_id,
                    at,
                    audit.REWRITTEN,
                    f"tidak sama dengan titik periksa bertanda tangan {_when(checkpoint)}: "
                    "catatan sampai catatan ini diubah, dihapus atau ditulis ulang.",
                )
            if checkpoint.count != count:
                return audit.Problem(
                    row_id,
                    at,
                    audit.MISSING,
                    f"titik periksa {_when(checkpoint)} mencatat {checkpoint.count} catatan "
                    f"sampai catatan ini, kini ada {count}.",
                )
        if self.pending and self.pending[0] == row_id:
            self.pending.pop(0)
        self.seen_id, self.seen = row_id, count
        if action == CHECKPOINT_ACTION and row_id > self.latest_id:
            return audit.Problem(
                row_id,
                at,
                audit.CHECKPOINT_MISSING,
                "titik periksa yang dicatat catatan ini tidak ada di berkas titik periksa "
                "(berkas diganti atau bagian akhirnya dipotong).",
            )
        return None

    def after_walk(self, head_id: int | None, checked: int) -> audit.Problem | None:
        """Checkpoints beyond the newest record: the end of the log was removed."""
        if not self.pending:
            return None
        last_id = self.pending[0]
        checkpoint = self.by_id[last_id][0]
        ends = f"kini log berakhir di #{head_id}" if head_id else "kini log kosong"
        return audit.Problem(
            last_id,
            checkpoint.head_time,
            audit.TAIL_MISSING,
            f"catatan terakhir hilang (dihapus): titik periksa {_when(checkpoint)} mencatat "
            f"{checkpoint.count} catatan sampai catatan ini; {ends} ({checked} catatan).",
        )


def _when(checkpoint: Checkpoint) -> str:
    return f"{clock.local(checkpoint.written_at):%Y-%m-%d %H:%M:%S} WITA"


# Problems a checkpoint being written at this very moment can cause (its line is written just
# before its record commits): seen once, the check is repeated if that is what happened.
RACY = (audit.TAIL_MISSING, audit.CHECKPOINT_MISSING)


def _settled(problem: audit.Problem, path: Path | None) -> bool:
    """Did the record or the line the problem missed appear in the meantime?"""
    if problem.kind == audit.TAIL_MISSING:
        return AuditRecord.objects.filter(pk=problem.record_id).exists()
    if path is None:
        return False
    return any(c.last_id == problem.record_id for c in read_checkpoints(path).valid)


def verify(batch: int = 2000, *, _again: bool = True) -> Verification:
    """The chain, and the checkpoints against it: the first problem in record order; then an
    unreadable or forged checkpoint line."""
    path = checkpoint_path()
    lines = read_checkpoints(path) if path else _Lines()
    anchors = _Anchors(lines.valid)
    result = audit.check_chain(batch, visit=anchors.visit)
    problem = result.problem or anchors.after_walk(result.head_id, result.checked)
    if problem is not None and problem.kind in RACY and _again and _settled(problem, path):
        return verify(batch, _again=False)
    if problem is None and lines.invalid:
        number, why = lines.invalid[0]
        problem = audit.Problem(
            0, None, audit.CHECKPOINT_INVALID, f"baris {number} berkas titik periksa {why}."
        )
    latest = max(lines.valid, key=lambda c: c.last_id) if lines.valid else None
    unanchored = result.checked - (latest.count if latest else 0)
    return Verification(
        checked=result.checked,
        configured=path is not None,
        checkpoints=len(lines.valid),
        latest=latest,
        unanchored=max(unanchored, 0),
        problem=problem,
    )
