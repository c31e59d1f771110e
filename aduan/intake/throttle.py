"""Throttling of tracking lookups without storing who asked (DESIGN §5).

The client is known only by its client key (aduan.core.channel_privacy): HMAC(salt, address),
where the salt is random, lives only in the cache and expires daily. On the reporters' channel
the key is made by the first middleware, which then removes the address from the request: no
IP address is written anywhere, and yesterday's keys cannot be linked to today's. A second
counter per tracking number stops guessing spread over many clients.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from aduan.core.channel_privacy import client_key
from aduan.core.errors import Throttled

__all__ = ["check", "client_key", "register_failure"]


def _keys(client: str, tracking_number: str) -> list[str]:
    number = hashlib.sha256(tracking_number.upper().encode()).hexdigest()[:32]
    return [f"aduan:track-fail:c:{client}", f"aduan:track-fail:n:{number}"]


def check(client: str, tracking_number: str) -> None:
    limit = settings.ADUAN_TRACK_MAX_FAILURES
    counts = cache.get_many(_keys(client, tracking_number))
    if any(count >= limit for count in counts.values()):
        raise Throttled(
            retry_after=settings.ADUAN_TRACK_WINDOW_SECONDS,
            message="Terlalu banyak percobaan yang salah. Silakan coba lagi dalam 15 menit.",
        )


def register_failure(client: str, tracking_number: str) -> None:
    window = settings.ADUAN_TRACK_WINDOW_SECONDS
    for key in _keys(client, tracking_number):
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, window)
