"""The sweep's duty for protection requests: a decision past its 7-day deadline is brought to
the Inspektorat's WBS officers and the Inspektur, once per request."""

import datetime as dt

from django.db import transaction

from aduan.accounts.models import User
from aduan.accounts.roles import Role
from aduan.agencies.models import INSPECTORATE_CODE
from aduan.notifications.models import Notification, NotificationKind

from .models import ProtectionRequest
from .selectors import overdue_protection_requests

MESSAGE = "Keputusan perlindungan melewati batas waktu: {reference}"


def notify_overdue(as_of: dt.datetime) -> int:
    """Returns how many requests were newly reported overdue; a second run adds nothing."""
    with transaction.atomic():
        overdue = list(
            overdue_protection_requests(as_of)
            .filter(overdue_notified_at__isnull=True)
            .select_for_update()
        )
        if not overdue:
            return 0
        recipients = list(
            User.objects.filter(is_active=True, agency__code=INSPECTORATE_CODE).filter(
                role__in=[Role.WBS_OFFICER, Role.AGENCY_HEAD]
            )
        )
        Notification.objects.bulk_create(
            Notification(
                user=user,
                case_id=request.case_id,
                kind=NotificationKind.PROTECTION,
                message=MESSAGE.format(reference=request.reference),
                created_at=as_of,
            )
            for request in overdue
            for user in recipients
        )
        ProtectionRequest.objects.filter(pk__in=[r.pk for r in overdue]).update(
            overdue_notified_at=as_of
        )
    return len(overdue)
