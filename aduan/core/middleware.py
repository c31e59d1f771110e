"""Request middleware of the whole site: channel privacy first, then Bahasa Indonesia first."""

from . import channel_privacy


class ChannelPrivacyMiddleware:
    """First in MIDDLEWARE (DESIGN §5: no IP address or user agent of a reporter is stored or
    logged). On every reporters' channel request (the public site, /lapor, /lacak, /wbs and the
    public and WBS API: everything outside the staff areas) it turns the client's address into
    the short-lived salted client key and removes the address, port, user agent, forwarding
    headers, client hints and any other site's referring page from request.META, before any
    other middleware, view, error report or logger can see them (aduan.core.channel_privacy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if channel_privacy.is_private_path(request.path_info):
            channel_privacy.scrub(request)
        return self.get_response(request)


class IndonesianFirstMiddleware:
    """Drops the browser's Accept-Language before LocaleMiddleware reads it, so a phone set to
    English still gets Bahasa Indonesia; the English switch (a cookie) still works."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
