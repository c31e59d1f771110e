"""Where the data of a case lives, for the purge: a registry of purgers (and of holds).

Each app that keeps data of a case registers one purger per place it keeps it, for one scope
(identity, files or content). A purger receives a batch of case ids whose retention window of
that scope has passed and returns, per case id, how many items it removed; it must be
set-based (a few statements per batch, never one per case) and idempotent. The cases app's
purgers are in aduan.retention.purgers. The WBS app plugs in the same way, e.g.:

    from aduan.retention.registry import register_purger
    from aduan.retention.models import DataScope

    @register_purger(DataScope.IDENTITY, "wbs_sealed_identity")
    def purge_sealed_identity(case_ids):
        ...  # delete SealedIdentity rows, return {case_id: 1, ...}

and may register a hold (`register_hold`) for cases that must not be purged yet (a referral
to law enforcement still running, a protection order): a function returning a queryset of case
ids that every purge skips while they are held.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.db.models import QuerySet

PurgeFunction = Callable[[list[int]], Mapping[int, int]]
HoldFunction = Callable[[], QuerySet]


@dataclass(frozen=True)
class Purger:
    scope: str
    name: str
    purge: PurgeFunction


_purgers: dict[tuple[str, str], Purger] = {}
_holds: dict[str, HoldFunction] = {}


def register_purger(scope: str, name: str) -> Callable[[PurgeFunction], PurgeFunction]:
    """Decorator. `name` is the key under which PurgeRecord.items counts what it removed."""

    def decorator(function: PurgeFunction) -> PurgeFunction:
        _purgers[(scope, name)] = Purger(scope, name, function)
        return function

    return decorator


def register_hold(name: str, function: HoldFunction) -> None:
    """`function()` → a queryset of case ids (values_list("pk") or values("case_id")) that no
    purge touches while they are in it."""
    _holds[name] = function


def unregister_purger(scope: str, name: str) -> None:
    _purgers.pop((scope, name), None)


def unregister_hold(name: str) -> None:
    _holds.pop(name, None)


def purgers_for(scope: str) -> list[Purger]:
    return [purger for (s, _), purger in sorted(_purgers.items()) if s == scope]


def holds() -> Iterable[QuerySet]:
    return [function() for _, function in sorted(_holds.items())]
