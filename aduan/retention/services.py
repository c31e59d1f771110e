"""The purge: what retention has expired is removed, in batches, once (issue 6 item 9).

`purge_expired(as_of)` is the sweep's "retention" duty. For each kind's policy and each scope
(identity, files, content, in that order), the candidates are the final cases (closed,
withdrawn, archived, referred) closed at least that many days before `as_of`, not yet purged
for that scope and not held. Every registered purger of the scope runs on a batch of them;
then one PurgeRecord per case and scope notes the counts. The records are what makes the
purge idempotent: a case purged once is never a candidate for that scope again, so a repeated
sweep finds nothing and does nothing.

On SQLite the purge runs with `secure_delete` on, so freed pages are zeroed rather than kept,
and when text was removed the full-text index is optimised, which drops the removed words
from it; PostgreSQL's VACUUM (autovacuum) reclaims dead rows in its own time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict

from django.db import connection, transaction

from aduan.cases.actors import SYSTEM_ACTOR
from aduan.cases.models import Case
from aduan.cases.workflow import FINAL_CASE_STATUSES
from aduan.core import audit

from . import registry
from .models import SCOPE_ORDER, DataScope, PurgeRecord, RetentionPolicy

BATCH_SIZE = 500


def candidates(policy: RetentionPolicy, scope: str, as_of: dt.datetime):
    """Final cases of the policy's kind whose `scope` window has passed and is not purged."""
    days = policy.days_for(scope)
    if days is None:
        return Case.objects.none()
    queryset = Case.objects.filter(
        kind=policy.case_kind,
        status__in=FINAL_CASE_STATUSES,
        closed_at__lte=as_of - dt.timedelta(days=days),
    ).exclude(pk__in=PurgeRecord.objects.filter(scope=scope).values("case_id"))
    for held in registry.holds():
        queryset = queryset.exclude(pk__in=held)
    return queryset.order_by("pk")


def _purge_batch(policy: RetentionPolicy, scope: str, case_ids: list[int], as_of) -> dict:
    items: dict[int, dict[str, int]] = {case_id: {} for case_id in case_ids}
    totals: dict[str, int] = defaultdict(int)
    for purger in registry.purgers_for(scope):
        for case_id, count in purger.purge(case_ids).items():
            if count and case_id in items:
                items[case_id][purger.name] = count
                totals[purger.name] += count
    PurgeRecord.objects.bulk_create(
        [
            PurgeRecord(
                case_id=case_id,
                scope=scope,
                purged_at=as_of,
                policy=policy,
                retention_days=policy.days_for(scope),
                items=counts,
            )
            for case_id, counts in items.items()
        ],
        ignore_conflicts=True,
    )
    return totals


@contextlib.contextmanager
def _secure_delete():
    """SQLite: zero what is deleted or overwritten instead of leaving it in free pages."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        previous = cursor.fetchone()[0]
        cursor.execute("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA secure_delete = {int(previous)}")


def _optimise_fulltext_index() -> None:
    """SQLite's FTS5 keeps removed words in old index segments until they are merged."""
    if connection.vendor != "sqlite":
        return
    from aduan.cases.search import FTS_TABLE

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        if cursor.fetchone():
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608


def purge_expired(as_of: dt.datetime, *, batch_size: int = BATCH_SIZE) -> dict:
    """Purges everything whose retention has expired as of `as_of`. Returns counts: cases
    purged per scope, and items removed per purger. Safe to run twice."""
    cases = {scope.value: 0 for scope in SCOPE_ORDER}
    items: dict[str, int] = defaultdict(int)
    by_kind: dict[str, dict[str, int]] = {}
    with transaction.atomic(), _secure_delete():
        for policy in RetentionPolicy.objects.all():
            for scope in SCOPE_ORDER:
                while True:
                    batch = list(
                        candidates(policy, scope, as_of).values_list("pk", flat=True)[:batch_size]
                    )
                    if not batch:
                        break
                    for name, count in _purge_batch(policy, scope, batch, as_of).items():
                        items[name] += count
                    cases[scope.value] += len(batch)
                    kind = by_kind.setdefault(policy.case_kind, {})
                    kind[scope.value] = kind.get(scope.value, 0) + len(batch)
        if cases[DataScope.CONTENT.value]:
            _optimise_fulltext_index()
        if by_kind:
            audit.record(
                SYSTEM_ACTOR,
                "retention_purge",
                "retention",
                as_of=as_of.isoformat(),
                cases=cases,
                items=dict(items),
                by_kind=by_kind,
            )
    return {"cases": cases, "items": dict(items)}
