"""Retention for WBS cases (aduan.retention.registry): crypto-shredding. Deleting every wrapped
copy of a case key makes what it sealed unreadable for good, backups included; the sealed rows
go too, so nothing waits for a key that no longer exists."""

from django.db.models import Count

from aduan.retention.models import DataScope
from aduan.retention.registry import register_purger

from .models import CaseKeyGrant, KeyPurpose, SealedIdentity, SealedMessage, SealedReport


def _counts(queryset, field: str = "case_id") -> dict[int, int]:
    return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))


@register_purger(DataScope.IDENTITY, "wbs_sealed_identity")
def purge_sealed_identity(case_ids: list[int]) -> dict[int, int]:
    rows = SealedIdentity.objects.filter(case_id__in=case_ids)
    counts = {case_id: 1 for case_id in rows.values_list("case_id", flat=True)}
    rows.delete()
    CaseKeyGrant.objects.filter(case_id__in=case_ids, purpose=KeyPurpose.IDENTITY).delete()
    return counts


@register_purger(DataScope.CONTENT, "wbs_sealed_content")
def purge_sealed_content(case_ids: list[int]) -> dict[int, int]:
    counts = _counts(SealedReport.objects.filter(case_id__in=case_ids))
    SealedReport.objects.filter(case_id__in=case_ids).delete()
    SealedMessage.objects.filter(message__case_id__in=case_ids).delete()
    CaseKeyGrant.objects.filter(case_id__in=case_ids, purpose=KeyPurpose.CONTENT).delete()
    return counts
