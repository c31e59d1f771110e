"""The door to the back office: signed in, with a staff role, and past the second factor
when the account has one (always, under production settings)."""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect

SECOND_FACTOR_SESSION_KEY = "aduan_second_factor_ok"


def second_factor_required(user) -> bool:
    enrolled = getattr(user, "totp_confirmed_at", None) is not None
    return enrolled or settings.ADUAN_REQUIRE_SECOND_FACTOR


def second_factor_pending(request) -> bool:
    return second_factor_required(request.user) and not request.session.get(
        SECOND_FACTOR_SESSION_KEY
    )


def staff_required(view):
    """For staff pages: anonymous → sign-in page; signed in without the second factor →
    the second-factor page. Role checks and object access come after, in the view."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated or not getattr(user, "role", ""):
            return redirect(f"{settings.LOGIN_URL}?{urlencode({'next': request.get_full_path()})}")
        if second_factor_pending(request):
            return redirect("accounts:second_factor")
        return view(request, *args, **kwargs)

    return wrapper
