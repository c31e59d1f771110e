"""No IP address or user agent of a reporter ends up in the database, the logs or the cache
(DESIGN §5, issue 6 item 8), while throttling still tells clients apart.

A burst of public and WBS requests from a canary address with a canary user agent, forwarding
headers and a referring page; then every column of every table, every captured log record
(DEBUG, all loggers) and every cache file is searched for them."""

import json
import logging
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from aduan.cases.models import Case
from aduan.core.channel_privacy import PLACEHOLDER_ADDRESS

from .test_views import form_data

pytestmark = pytest.mark.django_db

CANARY_ADDRESS = "203.0.113.77"
FORWARDED_ADDRESS = "198.51.100.23"
CANARY_AGENT = "KenariBrowser/7.3 (canary-ua-5f3a9c)"
CANARY_REFERER = "https://rujukan-kenari.example/cari?q=lapor+pungli"
CANARIES = (CANARY_ADDRESS, FORWARDED_ADDRESS, CANARY_AGENT, "canary-ua-5f3a9c", "rujukan-kenari")
RECEIPT = re.compile(r'<code class="code" id="receipt">([0-9A-Z-]+)</code>')
NUMBER = re.compile(r'<code class="code" id="tracking-number">([A-Z]+-\d{4}-[A-Z0-9]+)</code>')

HEADERS = {
    "REMOTE_ADDR": CANARY_ADDRESS,
    "REMOTE_PORT": "51515",
    "HTTP_USER_AGENT": CANARY_AGENT,
    "HTTP_X_FORWARDED_FOR": f"{FORWARDED_ADDRESS}, {CANARY_ADDRESS}",
    "HTTP_X_REAL_IP": CANARY_ADDRESS,
    "HTTP_FORWARDED": f"for={CANARY_ADDRESS};proto=https",
    "HTTP_REFERER": CANARY_REFERER,
    "HTTP_SEC_CH_UA": f'"{CANARY_AGENT}";v="7"',
}


@pytest.fixture
def file_cache(settings, tmp_path):
    """The file cache of a real installation (tests default to local memory)."""
    location = tmp_path / "cache"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": location,
        }
    }
    cache.clear()
    yield location
    cache.clear()


def _all_database_text() -> str:
    """Every value of every column of every table, as text (raw SQL, not the ORM)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("latin-1")
                    chunks.append(str(value))
    return "\n".join(chunks)


def _all_log_text(records: list[logging.LogRecord]) -> str:
    chunks = []
    for record in records:
        chunks.append(record.getMessage())
        chunks.append(repr(vars(record)))
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "META"):
            chunks.append(repr(request.META))
    return "\n".join(chunks)


def _burst(client: Client) -> dict:
    """Report (web form and API), track, wrong receipt, status, follow-up, WBS paths."""
    page = client.post("/lapor", form_data(client, title="Kanal privat: pungutan liar"))
    assert page.status_code == 201, page.content[:500]
    text = page.content.decode()
    number, receipt = NUMBER.search(text).group(1), RECEIPT.search(text).group(1)
    assert client.post("/lacak", {"tracking_number": number, "receipt": receipt}).status_code == 200
    wrong = {"tracking_number": number, "receipt": "AAAA-BBBB-CCCC-DDDD"}
    assert client.post("/lacak", wrong).status_code == 404
    assert client.post("/lacak", {"step": "status", "nomor": number}).status_code == 200
    assert client.get("/lacak/status", {"nomor": number}).status_code == 200  # an old link
    body = {"kind": "aspiration", "title": "Kanal privat lewat API", "privacy": "anonymous",
            "description": "Mohon taman kota diberi lampu agar aman di malam hari."}  # fmt: skip
    api = client.post("/api/v1/reports", json.dumps(body), content_type="application/json")
    assert api.status_code == 201, api.content[:500]
    credentials = {
        "tracking_number": api.json()["tracking_number"],
        "receipt": api.json()["receipt"],
    }
    tracked = client.post("/api/v1/track", json.dumps(credentials), "application/json")
    assert tracked.status_code == 200
    wrong_api = {**credentials, "receipt": "AAAA-BBBB-CCCC-DDDD"}
    assert (
        client.post("/api/v1/track", json.dumps(wrong_api), "application/json").status_code == 404
    )
    message = {**credentials, "body": "Tambahan: lampu di sisi utara juga mati."}
    client.post("/api/v1/track/messages", json.dumps(message), "application/json")
    for path in ("/", "/lacak", "/verifikasi", "/tidak-ada"):
        client.get(path)
    # The WBS portal and its API (whatever they answer while being built).
    lenient = Client(raise_request_exception=False, **HEADERS)
    lenient.get("/wbs")
    lenient.post("/wbs", {"what": "Kanal privat WBS"})
    lenient.get("/wbs/lapor")
    lenient.post("/api/v1/wbs/reports", json.dumps({"what": "x"}), "application/json")
    return {"number": number, "receipt": receipt}


def test_no_address_or_user_agent_in_database_logs_or_cache(reference, file_cache, caplog):
    caplog.set_level(logging.DEBUG)
    client = Client(**HEADERS)
    _burst(client)
    # Positive controls: the reports were stored, the logs and the cache were written.
    assert Case.objects.filter(title="Kanal privat: pungutan liar").exists()
    assert "Kanal privat: pungutan liar" in _all_database_text()
    assert caplog.records, "nothing was logged: the log check would prove nothing"
    cache_files = [p for p in Path(file_cache).rglob("*") if p.is_file()]
    assert cache_files, "nothing in the file cache: the cache check would prove nothing"

    database = _all_database_text()
    logs = _all_log_text(caplog.records)
    blobs = {p.name: p.read_bytes().decode("latin-1") for p in cache_files}
    for canary in CANARIES:
        assert canary.lower() not in database.lower(), f"{canary!r} in the database"
        assert canary.lower() not in logs.lower(), f"{canary!r} in the logs"
        for name, blob in blobs.items():
            assert canary.lower() not in blob.lower(), f"{canary!r} in cache file {name}"


def test_views_never_see_the_client(reference):
    client = Client(**HEADERS)
    track = json.dumps({"tracking_number": "ADU-2026-ZZZZ0001", "receipt": "AAAA-BBBB"})
    responses = [
        client.get("/lapor"),
        client.post("/api/v1/track", track, "application/json"),
        client.get("/lacak"),
    ]
    for response in responses:
        meta = response.wsgi_request.META
        assert meta["REMOTE_ADDR"] == PLACEHOLDER_ADDRESS
        assert not any(canary in repr(meta) for canary in CANARIES)
    # The staff areas keep the connection's address (nothing stores or logs it either).
    staff_page = client.get("/staf/masuk")
    assert staff_page.wsgi_request.META["REMOTE_ADDR"] == CANARY_ADDRESS


def test_throttling_still_tells_clients_apart(reference, settings):
    settings.ADUAN_TRACK_MAX_FAILURES = 3
    cache.clear()
    guesser = Client(REMOTE_ADDR=CANARY_ADDRESS, HTTP_USER_AGENT=CANARY_AGENT)
    neighbour = Client(REMOTE_ADDR="198.51.100.99", HTTP_USER_AGENT=CANARY_AGENT)
    for attempt in range(3):
        wrong = {"tracking_number": f"ADU-2026-ZZZZ{attempt:04d}", "receipt": "AAAA-BBBB-CCCC-DDDD"}
        assert guesser.post("/lacak", wrong).status_code == 404
    fresh = {"tracking_number": "ADU-2026-YYYY0001", "receipt": "AAAA-BBBB-CCCC-DDDD"}
    assert guesser.post("/lacak", fresh).status_code == 429  # the same client, throttled
    assert neighbour.post("/lacak", fresh).status_code == 404  # another client, not
    # The counters are keyed by the salted hash, never the address.
    keys = [key for key in _cache_keys() if "track-fail:c:" in key]
    assert keys and not any(CANARY_ADDRESS in key for key in keys)
    cache.clear()


def _cache_keys() -> list[str]:
    # LocMemCache (the tests' cache) keeps its keys in a dict named _cache.
    return [str(key) for key in getattr(cache, "_cache", {})]


def test_csrf_of_an_https_post_without_origin_still_reads_the_referer(reference):
    """The referring page is cut to this site's origin, which is all Django's CSRF check of an
    HTTPS POST without an Origin header needs; another site's page is dropped (and refused)."""
    browser = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=CANARY_AGENT)
    page = browser.get("/lapor", secure=True).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = form_data(browser, csrfmiddlewaretoken=csrf)
    ours = browser.post("/lapor", data, secure=True, HTTP_REFERER="https://testserver/lapor?x=1")
    assert ours.status_code == 201
    assert ours.wsgi_request.META["HTTP_REFERER"] == "https://testserver/"
    data = form_data(browser, csrfmiddlewaretoken=csrf)
    theirs = browser.post("/lapor", data, secure=True, HTTP_REFERER=CANARY_REFERER)
    assert theirs.status_code == 403
