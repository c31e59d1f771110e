"""Authentication for the staff API: Bearer API tokens, then browser sessions (with CSRF).

`staff_auth` is what every staff endpoint names. The Bearer check comes first: a token request
carries no cookie and needs no CSRF token, and a presented but wrong token is refused (401)
rather than falling through to the session check.
"""

from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from . import services
from .gate import second_factor_pending


class StaffSessionAuth(SessionAuth):
    """A signed-in staff member who has passed the second factor where it applies."""

    def _get_key(self, request):
        # No session cookie, no session to protect: skip the CSRF check so the caller gets
        # the 401 it deserves instead of a 403 about CSRF.
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        if key is None:
            return None
        user = super().authenticate(request, key)
        if user is None or not services.is_staff_account(user):
            return None
        if second_factor_pending(request):
            return None
        return user


class StaffBearerAuth(HttpBearer):
    """`Authorization: Bearer aduan_…`: an unexpired, unrevoked token of an active staff
    account. Sets request.user and request.api_token. The token is never logged."""

    def __call__(self, request):
        header = request.headers.get(self.header)
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != self.openapi_scheme:
            return None
        user = self.authenticate(request, token.strip())
        if user is None:
            raise AuthenticationError()
        return user

    def authenticate(self, request, token):
        row = services.find_api_token(token)
        if row is None:
            return None
        services.touch_api_token(row)
        request.api_token = row
        request.user = row.user
        return row.user


staff_auth = [StaffBearerAuth(), StaffSessionAuth()]
