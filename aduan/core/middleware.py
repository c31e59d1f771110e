"""Bahasa Indonesia first (DESIGN: English available, not automatic)."""


class IndonesianFirstMiddleware:
    """Drops the browser's Accept-Language before LocaleMiddleware reads it, so a phone set to
    English still gets Bahasa Indonesia; the English switch (a cookie) still works."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
