"""A logging filter that keeps client addresses out of every log line (DESIGN §5).

Installed in LOGGING on the `django.server`, `django.request` and `django.security` loggers
and on the console handler. What it guards against:

- runserver's `django.server` records carry the client's socket as `record.request` (its repr
  names the peer address) and "Broken pipe from ('203.0.113.7', 51234)" quotes it: the socket
  is dropped and any address in the message is replaced by "-";
- request lines of reporters' channel pages lose their query string (`/lacak/status?nomor=…`);
- `django.request` records carry the HttpRequest, whose META an error report (AdminEmailHandler)
  prints: for reporters' channel paths it is scrubbed again (the middleware did it already,
  unless the error happened before it ran).
"""

from __future__ import annotations

import ipaddress
import logging
import re

from django.http import HttpRequest

from . import channel_privacy

REDACTED = "-"
# Candidates for an address: IPv4, IPv6 (also in brackets or with a port) and address tuples.
_TUPLE = re.compile(r"\(\s*'([0-9A-Fa-f:.%\w-]+)'\s*,\s*\d+[^)]*\)")
_TOKEN = re.compile(r"[0-9A-Fa-f]*[:.][0-9A-Fa-f:.]*[0-9A-Fa-f]")
_REQUEST_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<path>[^ ?"]*)(?P<query>\?[^ "]*)?(?P<rest>[^"]*)"'
)


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return False
    return True


def redact_addresses(text: str) -> str:
    text = _TUPLE.sub(lambda m: REDACTED if _is_address(m.group(1)) else m.group(0), text)
    return _TOKEN.sub(lambda m: REDACTED if _is_address(m.group(0)) else m.group(0), text)


def _strip_query(match: re.Match) -> str:
    if match.group("query") and channel_privacy.is_private_path(match.group("path")):
        return f'"{match.group("method")} {match.group("path")}{match.group("rest")}"'
    return match.group(0)


class ChannelPrivacyFilter(logging.Filter):
    """Never drops a record; rewrites it so it names no client."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            if channel_privacy.is_private_path(request.path_info):
                channel_privacy.strip_client(request.META)
        elif request is not None:  # runserver's socket: its repr is the peer address
            record.request = None
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed call: leave it to the formatter
            return True
        cleaned = redact_addresses(_REQUEST_LINE.sub(_strip_query, message))
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
