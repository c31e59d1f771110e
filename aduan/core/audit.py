"""Writing and checking the hash-chained audit log (DESIGN §5).

Each record's hash covers its content and the previous record's hash; `verify_chain` walks the
log and reports the first break. Appends take a lock on the newest record so two writers
cannot fork the chain.
"""

import hashlib
import json

from django.db import transaction

from . import clock
from .models import AuditRecord

GENESIS = "0" * 64


def _digest(previous: str, at, actor, role, action, target, details) -> str:
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


def record(actor, action: str, target: str = "", **details) -> AuditRecord:
    name, role = actor_label(actor)
    with transaction.atomic():
        last = AuditRecord.objects.select_for_update().order_by("-id").first()
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
            record_hash=_digest(previous, at, name, role, action, target, details),
        )


def verify_chain(batch: int = 2000) -> tuple[int, AuditRecord | None]:
    """(records checked, first broken record or None)."""
    previous, checked, last_id = GENESIS, 0, 0
    while True:
        rows = list(AuditRecord.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            return checked, None
        for row in rows:
            expected = _digest(
                previous, row.at, row.actor, row.actor_role, row.action, row.target, row.details
            )
            if row.previous_hash != previous or row.record_hash != expected:
                return checked, row
            previous, checked, last_id = row.record_hash, checked + 1, row.id
