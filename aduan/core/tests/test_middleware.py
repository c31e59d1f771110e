"""The site-wide middleware: channel privacy first, Indonesian first."""

from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from aduan.core.channel_privacy import PLACEHOLDER_ADDRESS
from aduan.core.middleware import ChannelPrivacyMiddleware, IndonesianFirstMiddleware


def _seen(path: str) -> dict:
    seen = {}

    def view(request):
        seen.update(request.META, key=getattr(request, "aduan_client_key", None))
        return HttpResponse()

    request = RequestFactory().get(path, REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Kenari/1")
    ChannelPrivacyMiddleware(view)(request)
    return seen


def test_channel_privacy_is_the_first_middleware():
    assert settings.MIDDLEWARE[0] == "aduan.core.middleware.ChannelPrivacyMiddleware"


def test_reporters_requests_reach_the_site_without_the_client(db):
    for path in ("/lapor", "/lacak", "/wbs", "/api/v1/reports", "/api/v1/wbs/reports"):
        seen = _seen(path)
        assert seen["REMOTE_ADDR"] == PLACEHOLDER_ADDRESS
        assert "HTTP_USER_AGENT" not in seen
        assert seen["key"] and len(seen["key"]) == 32


def test_staff_requests_keep_the_connection(db):
    seen = _seen("/staf/masuk")
    assert seen["REMOTE_ADDR"] == "203.0.113.77"
    assert seen["key"] is None  # made only when a throttle asks for it


def test_indonesian_first_drops_accept_language():
    seen = {}

    def view(request):
        seen.update(request.META)
        return HttpResponse()

    IndonesianFirstMiddleware(view)(RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="en-US"))
    assert "HTTP_ACCEPT_LANGUAGE" not in seen
