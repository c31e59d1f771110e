"""Through the real development server (`manage.py serve`, what `make run` ends in): a reporter
connecting from a canary address with a canary user agent and forwarding headers leaves neither
in the raw SQLite files (database, WAL), the cache files, the mail files nor the server's output.

The client binds its socket to a distinctive loopback address (127.66.77.88; Linux routes all of
127.0.0.0/8 to the loopback interface), so the server really sees it as REMOTE_ADDR. Logging is
at DEBUG and runserver's request lines are switched on (through the project's filter), so the
output is as talkative as a development setup gets."""

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CANARY_SOURCE = "127.66.77.88"
FORWARDED = "203.0.113.77"
AGENT = "KenariBrowser/7.3 (canary-ua-91d0e2)"
REFERER = "https://rujukan-kenari.example/cari?q=lapor"
CANARIES = (CANARY_SOURCE, FORWARDED, AGENT, "canary-ua-91d0e2", "rujukan-kenari")
TITLE = "Kanal privat lewat server: pungutan liar"

SETTINGS = textwrap.dedent(
    """
    import copy
    from config.settings.dev import *  # noqa: F403
    from config.settings.dev import LOGGING

    LOGGING = copy.deepcopy(LOGGING)
    LOGGING["root"]["level"] = "DEBUG"
    LOGGING["loggers"]["django"] = {"level": "DEBUG"}  # SQL too (DEBUG is on in dev)
    LOGGING["loggers"]["django.server"] = {
        "handlers": ["console"], "propagate": False, "filters": ["channel_privacy"],
    }
    """
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Reporter:
    """A browser-like client on the canary address: cookies, no redirects followed."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes = b"", headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(CANARY_SOURCE, 0)
        )
        try:
            connection.connect()
            assert connection.sock.getsockname()[0] == CANARY_SOURCE  # the server sees it
            all_headers = {
                "User-Agent": AGENT,
                "X-Forwarded-For": FORWARDED,
                "X-Real-IP": FORWARDED,
                "Forwarded": f"for={FORWARDED}",
                "Referer": REFERER,
                "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                **(headers or {}),
            }
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";")[0]
            return response.status, text
        finally:
            connection.close()

    def form(self, path: str, fields: dict):
        body = urllib.parse.urlencode(fields).encode()
        return self.request(
            "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}
        )

    def json(self, path: str, data: dict):
        body = json.dumps(data).encode()
        return self.request("POST", path, body, {"Content-Type": "application/json"})


def _hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', page).group(1)


def _report_and_track(reporter: Reporter) -> None:
    status, page = reporter.request("GET", "/lapor")
    assert status == 200
    fields = {
        "csrfmiddlewaretoken": _hidden(page, "csrfmiddlewaretoken"),
        "form_token": _hidden(page, "form_token"),
        "kind": "complaint",
        "title": TITLE,
        "description": "Ada pungutan tanpa kuitansi di loket pelayanan kecamatan.",
        "category": "pekerjaan-umum",
        "privacy": "anonymous",
    }
    status, page = reporter.form("/lapor", fields)
    assert status == 201, page[:2000]
    number = re.search(r'id="tracking-number">([A-Z]+-\d{4}-[A-Z0-9]+)<', page).group(1)
    receipt = re.search(r'id="receipt">([0-9A-Z-]+)<', page).group(1)
    csrf = _hidden(page, "csrfmiddlewaretoken") if "csrfmiddlewaretoken" in page else None
    csrf = csrf or fields["csrfmiddlewaretoken"]
    track = {"csrfmiddlewaretoken": csrf, "tracking_number": number}
    assert reporter.form("/lacak", {**track, "receipt": receipt})[0] == 200
    assert reporter.form("/lacak", {**track, "receipt": "AAAA-BBBB-CCCC-DDDD"})[0] == 404
    status_only = {"csrfmiddlewaretoken": csrf, "step": "status", "nomor": number}
    assert reporter.form("/lacak", status_only)[0] == 200
    assert reporter.request("GET", f"/lacak/status?nomor={number}")[0] == 200  # an old link
    body = {"kind": "aspiration", "title": "Kanal privat lewat API server", "privacy": "anonymous",
            "description": "Mohon taman kota diberi lampu agar aman."}  # fmt: skip
    status, text = reporter.json("/api/v1/reports", body)
    assert status == 201, text[:2000]
    created = json.loads(text)
    credentials = {"tracking_number": created["tracking_number"], "receipt": created["receipt"]}
    assert reporter.json("/api/v1/track", credentials)[0] == 200
    assert reporter.json("/api/v1/track", {**credentials, "receipt": "AAAA-BBBB"})[0] in (400, 404)
    for path in ("/", "/wbs", "/wbs/lapor", "/tidak-ada"):
        reporter.request("GET", path)
    reporter.json("/api/v1/wbs/reports", {"what": "x"})


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs 127.0.0.0/8 loopback")
def test_serve_keeps_no_address_or_user_agent_anywhere(tmp_path):
    try:
        with socket.socket() as probe:
            probe.bind((CANARY_SOURCE, 0))
    except OSError:
        pytest.skip(f"cannot bind {CANARY_SOURCE} here")
    (tmp_path / "privacy_settings.py").write_text(SETTINGS)
    var = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="privacy_settings",
        PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]),
        ADUAN_VAR_DIR=str(var),
        ADUAN_SWEEP_FIRST_AFTER_SECONDS="3600",  # no sweep noise during the test
    )
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "-v0"], ["seed_reference", "-v0"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, timeout=180)  # noqa: S603
    port = _free_port()
    log = tmp_path / "server.log"  # a file, not a pipe: DEBUG output would fill a pipe and block
    with log.open("w") as sink:
        server = subprocess.Popen(  # noqa: S603
            [*manage, "serve", "--port", str(port)], cwd=ROOT, env=env,
            stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
    reporter = Reporter(port)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if reporter.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.3)
        _report_and_track(reporter)
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    output = log.read_text(errors="replace")

    # Positive controls: the server did log request lines and SQL; the report is on disk.
    assert '"POST /lapor HTTP/1.1" 201' in output, output[-3000:]
    assert "INSERT INTO" in output
    raw_files = [p for p in var.rglob("*") if p.is_file() and p.name != "secrets.json"]
    assert any(TITLE.encode() in p.read_bytes() for p in raw_files)
    assert any(p.parent.name == "cache" for p in raw_files)
    for canary in CANARIES:
        assert canary.lower() not in output.lower(), f"{canary!r} in the server output"
        for path in raw_files:
            blob = path.read_bytes().lower()
            assert canary.lower().encode() not in blob, f"{canary!r} in {path.relative_to(var)}"
