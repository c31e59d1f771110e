"""Public aggregates for /api/v1/stats: counts and on-time rates, public track only."""

from django.db.models import Count, F, Q

from aduan.cases.models import Assignment, Case, CaseKind

PUBLIC_TRACK = ~Q(kind=CaseKind.WHISTLEBLOWING)


def _rate(on_time: int, total: int) -> float | None:
    return round(100 * on_time / total, 1) if total else None


def public_stats() -> dict:
    cases = Case.objects.filter(PUBLIC_TRACK)
    by_status = dict(cases.values_list("status").annotate(n=Count("id")).order_by())
    by_category = dict(
        cases.exclude(category=None).values_list("category__code").annotate(n=Count("id"))
        .order_by()
    )  # fmt: skip
    assignments = Assignment.objects.filter(case__in=cases)
    by_agency = dict(assignments.values_list("agency__code").annotate(n=Count("id")).order_by())
    figures = assignments.aggregate(
        responded=Count("id", filter=Q(accepted_at__isnull=False)),
        responded_on_time=Count(
            "id", filter=Q(accepted_at__isnull=False, accepted_at__lte=F("first_response_due_at"))
        ),
        resolved=Count("id", filter=Q(completed_at__isnull=False)),
        resolved_on_time=Count(
            "id", filter=Q(completed_at__isnull=False, completed_at__lte=F("due_at"))
        ),
    )
    return {
        "total": sum(by_status.values()),
        "by_status": by_status,
        "by_category": by_category,
        "by_agency": by_agency,
        "first_response_on_time_percent": _rate(figures["responded_on_time"], figures["responded"]),
        "resolution_on_time_percent": _rate(figures["resolved_on_time"], figures["resolved"]),
    }
