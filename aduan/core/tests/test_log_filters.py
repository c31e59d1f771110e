"""The logging filter that keeps client addresses out of every log line."""

import logging
import socket

import pytest
from django.test import RequestFactory

from aduan.core.log_filters import ChannelPrivacyFilter, redact_addresses


def _record(msg, *args, name="django.server", **extra) -> logging.LogRecord:
    record = logging.LogRecord(name, logging.INFO, __file__, 1, msg, args, None)
    record.__dict__.update(extra)
    return record


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- Broken pipe from ('203.0.113.77', 51234)", "- Broken pipe from -"),
        ("peer 203.0.113.77 left", "peer - left"),
        ("peer [2001:db8::7]:443 left", "peer [-]:443 left"),
        ("peer ::1 left", "peer - left"),
        ("from ('2001:db8::7', 443, 0, 0)", "from -"),
        ("at 10:30:00 on 2026-03-17, 3.5 s", "at 10:30:00 on 2026-03-17, 3.5 s"),
        ("sweep 12 as of 2026-03-17T09:00:00+08:00", "sweep 12 as of 2026-03-17T09:00:00+08:00"),
    ],
)
def test_addresses_are_redacted_and_nothing_else(text, expected):
    assert redact_addresses(text) == expected


def test_runserver_socket_is_dropped_and_peer_address_redacted():
    with socket.socket() as sock:
        record = _record("- Broken pipe from %s", ("203.0.113.77", 51234), request=sock)
        assert ChannelPrivacyFilter().filter(record) is True
    assert record.request is None
    assert record.getMessage() == "- Broken pipe from -"


def test_reporters_request_lines_lose_their_query_string_staff_lines_keep_it():
    private = _record('"%s" %s %s', "GET /lacak/status?nomor=ADU-2026-ABCD HTTP/1.1", "200", "9")
    staff = _record('"%s" %s %s', "GET /staf/laporan?q=jalan HTTP/1.1", "200", "9")
    ChannelPrivacyFilter().filter(private)
    ChannelPrivacyFilter().filter(staff)
    assert private.getMessage() == '"GET /lacak/status HTTP/1.1" 200 9'
    assert staff.getMessage() == '"GET /staf/laporan?q=jalan HTTP/1.1" 200 9'


def test_request_of_a_reporters_path_is_scrubbed_before_an_error_report_reads_it():
    request = RequestFactory().post("/lapor", REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Kenari")
    record = _record("Not Found: %s", "/lapor", name="django.request", request=request)
    ChannelPrivacyFilter().filter(record)
    assert "203.0.113.77" not in repr(request.META) and "Kenari" not in repr(request.META)


def test_configured_on_the_loggers_and_the_console():
    for name in ("django.server", "django.request", "django.security"):
        filters = logging.getLogger(name).filters
        assert any(isinstance(f, ChannelPrivacyFilter) for f in filters), name
    handlers = logging.getLogger().handlers
    assert any(isinstance(f, ChannelPrivacyFilter) for handler in handlers for f in handler.filters)


def test_a_malformed_record_is_left_alone():
    record = _record("%s %s", "only one")
    assert ChannelPrivacyFilter().filter(record) is True
