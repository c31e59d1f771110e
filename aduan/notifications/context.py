"""The unread count next to the user name in the back-office header: one COUNT query, only on
/staf/ pages and only for a signed-in staff member (the public site never pays for it)."""

from django.utils.functional import SimpleLazyObject

from .models import Notification

STAFF_PREFIX = "/staf/"


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def unread_notifications(request) -> dict:
    if not request.path.startswith(STAFF_PREFIX):
        return {}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "role", ""):
        return {}
    # Counted when the template reads it (a redirect or a JSON answer costs nothing).
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
