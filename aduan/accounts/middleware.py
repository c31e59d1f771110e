"""Idle timeout for signed-in sessions (DESIGN §5: session expiry).

SESSION_COOKIE_AGE caps a session at 8 hours whatever happens; this ends it earlier when
nothing has been requested for ADUAN_STAFF_IDLE_SECONDS (default 30 minutes), so an unlocked
office computer does not stay signed in. Bearer-token requests carry no session and are not
affected (tokens expire on their own).

Install after AuthenticationMiddleware and MessageMiddleware.
"""

from django.conf import settings
from django.contrib import messages

from aduan.core import clock

from . import services

LAST_SEEN_SESSION_KEY = "aduan_last_seen"
# The last-seen time is written at most this often, so not every request saves the session.
RESOLUTION_SECONDS = 60


def idle_seconds() -> int:
    return int(getattr(settings, "ADUAN_STAFF_IDLE_SECONDS", 30 * 60))


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(clock.now().timestamp())
            last = request.session.get(LAST_SEEN_SESSION_KEY)
            if last is not None and now - last > idle_seconds():
                services.sign_out(request, reason="idle")
                messages.info(
                    request,
                    "Sesi Anda berakhir karena tidak ada aktivitas selama "
                    f"{idle_seconds() // 60} menit. Silakan masuk kembali.",
                    fail_silently=True,
                )
            elif last is None or now - last >= RESOLUTION_SECONDS:
                request.session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)
