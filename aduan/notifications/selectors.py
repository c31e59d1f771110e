"""Read side of the back-office pages: the staff member's inbox and the sysadmin's outbox.

Neither shows report text or identity. The inbox lists a user's own notifications (a
tracking number and an action each); the outbox lists messages by channel, template and
attempts, with the case's tracking number for a reporter's message or "petugas" for a staff
member's — never an address.
"""

from dataclasses import dataclass, replace

from django.db.models import Count
from django.urls import NoReverseMatch, reverse

from aduan.cases.access import visible_cases
from aduan.core.pagination import Page, paginate

from .content import TEMPLATE_LABELS
from .models import Notification, NotificationKind, OutboundMessage, OutboundStatus

PER_PAGE = 25
# Ladder steps: when the case itself is out of the user's sight, the register shows the miss.
LADDER_KINDS = frozenset(
    {
        NotificationKind.DEADLINE_REMINDER,
        NotificationKind.DEADLINE_MISSED,
        NotificationKind.ESCALATED,
    }
)
RECORDS_URL_NAME = "compliance:records"


@dataclass(frozen=True)
class NotificationRow:
    pk: int
    message: str
    kind_label: str
    created_at: object
    unread: bool
    url: str  # '' when the user has nowhere to go for it
    link_label: str


def records_url() -> str:
    """The non-compliance register, if that page exists in this installation."""
    try:
        return reverse(RECORDS_URL_NAME)
    except NoReverseMatch:
        return ""


def protection_url() -> str:
    """The protection register (aduan.protection), if installed."""
    try:
        return reverse("protection:list")
    except NoReverseMatch:
        return ""


def inbox_page(user, page: int) -> Page:
    """The user's notifications, newest first; each with a link to the case when the user may
    open it, otherwise (ladder steps) to the non-compliance register. Three queries."""
    notifications = (
        Notification.objects.filter(user=user)
        .select_related("case")
        .only("id", "message", "kind", "created_at", "read_at", "case_id", "case__tracking_number")
        .order_by("-created_at", "-id")
    )
    result = paginate(notifications, page, PER_PAGE, max_per_page=PER_PAGE)
    case_ids = {item.case_id for item in result.items}
    visible = (
        set(visible_cases(user).filter(pk__in=case_ids).values_list("pk", flat=True))
        if case_ids
        else set()
    )
    register = records_url()
    rows = []
    for item in result.items:
        if item.kind == NotificationKind.PROTECTION:
            url, label = protection_url(), "Lihat daftar perlindungan pelapor"
        elif item.case_id in visible:
            url = reverse("staff:case", args=[item.case.tracking_number])
            label = f"Buka laporan {item.case.tracking_number}"
        elif item.kind in LADDER_KINDS and register:
            url, label = register, "Lihat daftar ketidakpatuhan"
        else:
            url, label = "", ""
        rows.append(
            NotificationRow(
                pk=item.pk,
                message=item.message,
                kind_label=str(NotificationKind(item.kind).label),
                created_at=item.created_at,
                unread=item.read_at is None,
                url=url,
                link_label=label,
            )
        )
    return replace(result, items=rows)


def unread_total(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@dataclass(frozen=True)
class OutboxRow:
    pk: int
    channel: str
    template: str
    status: str
    status_label: str
    attempts: int
    last_error: str
    next_attempt_at: object
    created_at: object
    recipient: str  # the case's tracking number (a reporter), or "petugas" — never an address
    may_retry: bool


OUTBOX_FILTERS = {
    "": (OutboundStatus.FAILED, OutboundStatus.PENDING),
    OutboundStatus.FAILED: (OutboundStatus.FAILED,),
    OutboundStatus.PENDING: (OutboundStatus.PENDING,),
}


def outbox_page(status: str, page: int) -> Page:
    """Failed and pending outbox messages (or one of the two), failed first, oldest first."""
    statuses = OUTBOX_FILTERS.get(status, OUTBOX_FILTERS[""])
    messages = (
        OutboundMessage.objects.filter(status__in=statuses)
        .select_related("case")
        .only(
            "id",
            "channel",
            "template",
            "status",
            "attempts",
            "last_error",
            "next_attempt_at",
            "created_at",
            "case_id",
            "user_id",
            "case__tracking_number",
        )
        .order_by("status", "created_at", "id")  # "failed" sorts before "pending"
    )
    result = paginate(messages, page, PER_PAGE, max_per_page=PER_PAGE)
    rows = [
        OutboxRow(
            pk=m.pk,
            channel=m.get_channel_display(),
            template=TEMPLATE_LABELS.get(m.template, m.template),
            status=m.status,
            status_label=m.get_status_display(),
            attempts=m.attempts,
            last_error=m.last_error,
            next_attempt_at=m.next_attempt_at,
            created_at=m.created_at,
            recipient=m.case.tracking_number if m.case_id and not m.user_id else "petugas",
            may_retry=m.status == OutboundStatus.FAILED,
        )
        for m in result.items
    ]
    return replace(result, items=rows)


def outbox_counts() -> dict[str, int]:
    """How many messages are failed and pending (one query)."""
    counts = dict(
        OutboundMessage.objects.filter(status__in=OUTBOX_FILTERS[""])
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {status: counts.get(status, 0) for status in OUTBOX_FILTERS[""]}
