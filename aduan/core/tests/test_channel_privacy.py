"""Which paths are the reporters' channel, what leaves request.META, and the client key."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from aduan.core import channel_privacy
from aduan.core.channel_privacy import PLACEHOLDER_ADDRESS, client_key, is_private_path, scrub


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    "path",
    ["/", "/lapor", "/lacak", "/lacak/status", "/lacak/pesan", "/verifikasi", "/bahasa",
     "/wbs", "/wbs/lapor", "/api/v1/reports", "/api/v1/track", "/api/v1/track/messages",
     "/api/v1/wbs/reports", "/api/v1/agencies", "/api/v1/stats", "/static/intake/site.css",
     "/healthz", "/stafx", "/administrasi"],
)  # fmt: skip
def test_everything_outside_the_staff_areas_is_private(path):
    assert is_private_path(path)


@pytest.mark.parametrize(
    "path",
    ["/staf/masuk", "/staf/laporan/ADU-2026-X", "/admin/", "/admin/login/", "/api/v1/cases",
     "/api/v1/cases/ADU-2026-X/actions/route", "/api/v1/auth/token",
     "/api/v1/agencies/DPUPR/scorecard"],
)  # fmt: skip
def test_staff_areas_are_not(path):
    assert not is_private_path(path)


def _request(**meta):
    return RequestFactory().post("/lapor", **meta)


def test_scrub_removes_everything_naming_the_client():
    request = _request(
        REMOTE_ADDR="203.0.113.77",
        REMOTE_PORT="51515",
        REMOTE_HOST="pelapor.example",
        HTTP_USER_AGENT="Kenari/1.0",
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.77",
        HTTP_X_REAL_IP="203.0.113.77",
        HTTP_FORWARDED="for=203.0.113.77",
        HTTP_CF_CONNECTING_IP="203.0.113.77",
        HTTP_SEC_CH_UA='"Kenari";v="1"',
        HTTP_SEC_CH_UA_PLATFORM='"Android"',
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_ACCEPT="text/html",
    )
    scrub(request)
    meta = request.META
    assert meta["REMOTE_ADDR"] == PLACEHOLDER_ADDRESS
    assert "203.0.113.77" not in repr(meta) and "198.51.100.1" not in repr(meta)
    assert "Kenari" not in repr(meta) and "pelapor.example" not in repr(meta)
    assert not [key for key in meta if key.startswith("HTTP_SEC_CH_")]
    assert "REMOTE_PORT" not in meta
    # What the site needs stays: the proxy's scheme (SECURE_PROXY_SSL_HEADER), Accept.
    assert meta["HTTP_X_FORWARDED_PROTO"] == "https" and meta["HTTP_ACCEPT"] == "text/html"
    assert len(request.aduan_client_key) == 32


def test_a_referring_page_of_this_site_keeps_only_its_origin(settings):
    # Django's CSRF check of an HTTPS POST without Origin reads the Referer's scheme and host.
    settings.ALLOWED_HOSTS = ["aduan.kalselprov.go.id"]
    page = "https://aduan.kalselprov.go.id/lacak/status?nomor=ADU-1"
    request = _request(HTTP_HOST="aduan.kalselprov.go.id", HTTP_REFERER=page)
    scrub(request)
    assert request.META["HTTP_REFERER"] == "https://aduan.kalselprov.go.id/"


def test_a_trusted_origin_counts_as_this_site(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.kalselprov.go.id"]
    request = _request(HTTP_REFERER="https://portal.kalselprov.go.id/wbs?langkah=2")
    scrub(request)
    assert request.META["HTTP_REFERER"] == "https://portal.kalselprov.go.id/"


def test_a_disallowed_host_keeps_no_referring_page():
    request = _request(HTTP_HOST="penyerang.example", HTTP_REFERER="https://penyerang.example/")
    scrub(request)  # the 400 for the host comes later, from Django
    assert "HTTP_REFERER" not in request.META


@pytest.mark.parametrize(
    "referer", ["https://mesin-cari.example/?q=lapor+pungli", "not a url", "ftp://x/", "http://[x"]
)
def test_any_other_referring_page_is_dropped(referer):
    request = _request(HTTP_HOST="aduan.kalselprov.go.id", HTTP_REFERER=referer)
    scrub(request)
    assert "HTTP_REFERER" not in request.META


def test_scrub_is_idempotent_and_keeps_the_first_key():
    request = _request(REMOTE_ADDR="203.0.113.77")
    scrub(request)
    key = request.aduan_client_key
    scrub(request)
    assert request.aduan_client_key == key
    assert client_key(request) == key


def test_client_key_tells_addresses_apart_without_naming_them():
    first = client_key(_request(REMOTE_ADDR="203.0.113.77"))
    again = client_key(_request(REMOTE_ADDR="203.0.113.77"))
    other = client_key(_request(REMOTE_ADDR="203.0.113.78"))
    assert first == again != other
    assert "203.0.113.77" not in first


def test_client_key_changes_with_the_salt():
    first = client_key(_request(REMOTE_ADDR="203.0.113.77"))
    cache.delete(channel_privacy.SALT_KEY)  # the daily expiry
    assert client_key(_request(REMOTE_ADDR="203.0.113.77")) != first


def test_behind_a_proxy_the_key_comes_from_its_header_which_is_then_removed(settings):
    settings.ADUAN_CLIENT_ADDRESS_HEADER = "X-Client-Address"
    one = _request(REMOTE_ADDR="10.0.0.1", HTTP_X_CLIENT_ADDRESS="203.0.113.77")
    two = _request(REMOTE_ADDR="10.0.0.1", HTTP_X_CLIENT_ADDRESS="198.51.100.1, 203.0.113.78")
    scrub(one)
    scrub(two)
    assert one.aduan_client_key != two.aduan_client_key  # not both "the proxy"
    assert "HTTP_X_CLIENT_ADDRESS" not in one.META and "HTTP_X_CLIENT_ADDRESS" not in two.META
    spoofed = _request(REMOTE_ADDR="10.0.0.1", HTTP_X_CLIENT_ADDRESS="1.1.1.1, 203.0.113.77")
    assert client_key(spoofed) == one.aduan_client_key  # the proxy's own (last) entry counts


@pytest.mark.parametrize("value", ["HTTP_X_REAL_IP", "x-real-ip", "X-Real-IP"])
def test_the_proxy_header_may_be_named_either_way(settings, value):
    settings.ADUAN_CLIENT_ADDRESS_HEADER = value
    assert channel_privacy.proxy_header_key() == "HTTP_X_REAL_IP"
