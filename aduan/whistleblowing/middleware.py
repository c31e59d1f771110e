"""Sets and clears the browser's half of a key holder's session key (aduan.whistleblowing.keyring).

The cookie is set only on the response to the sign-in that unlocked the key, limited to /staf/,
HttpOnly and SameSite=Strict; it is dropped when the session ends (sign-out or expiry)."""

from .keyring import COOKIE_NAME, SESSION_FIELD, cookie_settings


class WbsKeyCookieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        value = getattr(request, "_wbs_cookie", None)
        if value:
            response.set_cookie(COOKIE_NAME, value, **cookie_settings())
        elif COOKIE_NAME in request.COOKIES:
            session = getattr(request, "session", None)
            if session is None or SESSION_FIELD not in session:
                response.delete_cookie(COOKIE_NAME, path=cookie_settings()["path"])
        return response
