"""Privacy of the reporting channel (DESIGN §5, issue 6 item 8).

No IP address or user agent of a reporter is stored or logged. Every request outside the staff
areas (the public site, /lapor, /lacak, /wbs, and the public and WBS API) is a *private channel*
request: `ChannelPrivacyMiddleware` (first in MIDDLEWARE) takes from `request.META` whatever
names the client — its address, port, user agent, proxy forwarding headers, client hints and a
referring page on another site — before any other code can read, store or log it.

What needs to tell clients apart (throttling of tracking lookups and sign-ins) gets a *client
key* instead: HMAC(salt, address), where the salt is random, lives only in the cache and expires
daily. The key is computed from the address in memory and is the only trace of it that survives
the middleware; yesterday's keys cannot be linked to today's.

Staff areas keep the connection's address (nothing stores or logs it either); the rule is
"private unless staff", so a public page added later is covered without anyone remembering to.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.utils.http import is_same_domain

# Where the connection's address stays in request.META: the back office, the admin, and the
# staff API. Everything else is the reporters' channel.
STAFF_PREFIXES = (
    "/staf/",
    "/admin/",
    "/api/v1/cases",
    "/api/v1/auth/",
    "/api/v1/agencies/",  # scorecards; the public list is exactly /api/v1/agencies
)

# What replaces the address, so code that expects REMOTE_ADDR still finds a valid one.
PLACEHOLDER_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder value, never bound

# Every request.META key that can carry the client's address, port, host name or software.
CLIENT_KEYS = (
    "REMOTE_HOST",
    "REMOTE_PORT",
    "REMOTE_USER",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_X_ORIGINAL_FORWARDED_FOR",
    "HTTP_X_CLIENT_IP",
    "HTTP_CLIENT_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_FASTLY_CLIENT_IP",
    "HTTP_X_CLUSTER_CLIENT_IP",
    "HTTP_VIA",
    "HTTP_X_WAP_PROFILE",
)
# User-agent client hints (Sec-CH-UA, -Platform, -Model, ...) name the browser and device too.
CLIENT_KEY_PREFIXES = ("HTTP_SEC_CH_",)

SALT_KEY = "aduan:throttle:salt"
SALT_SECONDS = 24 * 60 * 60
REQUEST_ATTRIBUTE = "aduan_client_key"


def is_private_path(path: str) -> bool:
    """Is this a reporters' channel path (everything outside the staff areas)?"""
    return not path.startswith(STAFF_PREFIXES)


def _salt() -> bytes:
    salt = cache.get(SALT_KEY)
    if salt is None:
        cache.add(SALT_KEY, secrets.token_hex(32), SALT_SECONDS)
        salt = cache.get(SALT_KEY)
    return salt.encode()


def proxy_header_key() -> str:
    """The request.META key of ADUAN_CLIENT_ADDRESS_HEADER ("X-Real-IP" → HTTP_X_REAL_IP): the
    header in which a trusted reverse proxy names the client. Empty: no proxy."""
    header = (getattr(settings, "ADUAN_CLIENT_ADDRESS_HEADER", "") or "").strip()
    if not header:
        return ""
    key = header.upper().replace("-", "_")
    return key if key.startswith("HTTP_") else f"HTTP_{key}"


def _client_address(meta: dict) -> str:
    """The connection's address, or the one the trusted proxy names (the last entry of its
    header: the one that proxy added itself)."""
    header = proxy_header_key()
    if header and meta.get(header):
        return meta[header].split(",")[-1].strip()
    return meta.get("REMOTE_ADDR", "")


def client_key(request) -> str:
    """A short-lived salted hash that tells clients apart without naming them. Private channel
    requests got theirs from the middleware; other requests compute it here, once."""
    key = getattr(request, REQUEST_ATTRIBUTE, None)
    if key is None:
        key = hmac.new(_salt(), _client_address(request.META).encode(), hashlib.sha256)
        key = key.hexdigest()[:32]
        setattr(request, REQUEST_ATTRIBUTE, key)
    return key


def _site_hosts(host: str) -> list[str]:
    """The hosts whose pages Django's CSRF check accepts as the Referer of an HTTPS POST."""
    hosts = [host] if host else []
    if settings.CSRF_COOKIE_DOMAIN:
        hosts.append(settings.CSRF_COOKIE_DOMAIN)
    hosts += [urlsplit(origin).netloc.lstrip("*") for origin in settings.CSRF_TRUSTED_ORIGINS]
    return hosts


def _same_site_origin(referer: str, host: str) -> str | None:
    """The origin of a referring page on this site ("https://host/"), else None.

    Django's CSRF check of an HTTPS POST without an Origin header reads only the scheme and
    host of the Referer, so the origin keeps that check working; the page and its query (and
    any other site's address) are dropped."""
    try:
        parts = urlsplit(referer)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if not any(is_same_domain(parts.netloc, good) for good in _site_hosts(host)):
        return None
    return f"{parts.scheme}://{parts.netloc}/"


def _host(request) -> str:
    try:
        return request.get_host()
    except DisallowedHost:  # answered with 400 further on; no referring page is kept
        return ""


def scrub(request) -> None:
    """Computes the client key, then removes everything naming the client from request.META.
    The address exists only in this call's frames while the key is made."""
    client_key(request)
    referer = request.META.pop("HTTP_REFERER", None)
    strip_client(request.META)
    if referer:
        origin = _same_site_origin(referer, _host(request))
        if origin:
            request.META["HTTP_REFERER"] = origin


def strip_client(meta: dict) -> None:
    """Removes from `meta` the client's address, port, user agent, forwarding headers and
    client hints, and a referring page of another site (one of this site keeps only its
    origin, see scrub). Idempotent."""
    meta["REMOTE_ADDR"] = PLACEHOLDER_ADDRESS
    for key in (*CLIENT_KEYS, proxy_header_key()):
        meta.pop(key, None)
    for key in [k for k in meta if k.startswith(CLIENT_KEY_PREFIXES)]:
        del meta[key]
    referer = meta.get("HTTP_REFERER")
    if referer and _same_site_origin(referer, meta.get("HTTP_HOST", "")) != referer:
        del meta["HTTP_REFERER"]
