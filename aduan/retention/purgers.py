"""The purgers of the data the cases app keeps (registered in RetentionConfig.ready).

Each runs a grouped count and one UPDATE or DELETE per batch of cases: the number of
statements does not grow with the number of cases. Status, dates, kind, category, region,
agencies and assignments' dates stay, so deadlines, dashboards and scorecards are unchanged.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from aduan.cases.models import (
    Assignment,
    Attachment,
    Case,
    CaseEvent,
    Feedback,
    Message,
    ReporterIdentity,
)
from aduan.intake.storage import delete_stored

from .models import REDACTED_TITLE, DataScope
from .registry import register_purger


def _per_case(queryset: QuerySet, case_field: str = "case_id") -> dict[int, int]:
    rows = queryset.order_by().values_list(case_field).annotate(n=Count("pk"))
    return {case_id: n for case_id, n in rows}


@register_purger(DataScope.IDENTITY, "reporter_identity")
def purge_reporter_identity(case_ids: list[int]) -> dict[int, int]:
    """The sealed identity (and its "same reporter" hashes) goes as a whole row."""
    rows = ReporterIdentity.objects.filter(case_id__in=case_ids)
    found = dict.fromkeys(rows.values_list("case_id", flat=True), 1)
    rows.delete()
    return found


@register_purger(DataScope.FILES, "attachments")
def purge_attachments(case_ids: list[int]) -> dict[int, int]:
    """Evidence and result files: the file first, then its row. A failure between the two
    leaves a row whose file is gone (it opens as "not found") and the next purge removes the
    row; never a file nobody points at any more."""
    rows = Attachment.objects.filter(case_id__in=case_ids)
    counts = _per_case(rows)
    for name in rows.values_list("storage_name", flat=True).iterator():
        delete_stored(name)
    rows.delete()
    return counts


_EMPTY_TEXT = {"description": "", "location": "", "assistance": "", "result_summary": ""}


@register_purger(DataScope.CONTENT, "case_text")
def purge_case_text(case_ids: list[int]) -> dict[int, int]:
    """Title, description, place, date of the event, assistance asked, answer to the reporter.
    The FTS index of the title and description follows through its triggers."""
    cases = Case.objects.filter(pk__in=case_ids)
    pending = cases.exclude(title=REDACTED_TITLE, occurred_on=None, **_EMPTY_TEXT)
    found = dict.fromkeys(pending.values_list("pk", flat=True), 1)
    cases.update(title=REDACTED_TITLE, occurred_on=None, **_EMPTY_TEXT)
    return found


@register_purger(DataScope.CONTENT, "messages")
def purge_messages(case_ids: list[int]) -> dict[int, int]:
    rows = Message.objects.filter(case_id__in=case_ids).exclude(body="")
    counts = _per_case(rows)
    rows.update(body="")
    return counts


@register_purger(DataScope.CONTENT, "event_notes")
def purge_event_notes(case_ids: list[int]) -> dict[int, int]:
    """The timeline keeps who, when, which action and which status; its notes go."""
    rows = CaseEvent.objects.filter(case_id__in=case_ids).exclude(note="")
    counts = _per_case(rows)
    rows.update(note="")
    return counts


@register_purger(DataScope.CONTENT, "assignment_texts")
def purge_assignment_texts(case_ids: list[int]) -> dict[int, int]:
    """Instructions, results and reasons for returning; agencies and dates stay."""
    rows = Assignment.objects.filter(case_id__in=case_ids).exclude(
        Q(instructions="") & Q(result_summary="") & Q(returned_reason="")
    )
    counts = _per_case(rows)
    rows.update(instructions="", result_summary="", returned_reason="")
    return counts


@register_purger(DataScope.CONTENT, "feedback_comments")
def purge_feedback_comments(case_ids: list[int]) -> dict[int, int]:
    """The reporter's words; the rating and satisfaction stay for the scorecards."""
    rows = Feedback.objects.filter(case_id__in=case_ids).exclude(comment="")
    counts = _per_case(rows)
    rows.update(comment="")
    return counts
