"""Authentication for the staff API: browser sessions (with CSRF) for now.

`staff_auth` is what every staff endpoint names; Bearer API tokens join it here.
"""

from ninja.security import SessionAuth

from .gate import second_factor_pending


class StaffSessionAuth(SessionAuth):
    """A signed-in staff member who has passed the second factor where it applies."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None or not getattr(user, "role", ""):
            return None
        if second_factor_pending(request):
            return None
        return user


staff_auth = [StaffSessionAuth()]
