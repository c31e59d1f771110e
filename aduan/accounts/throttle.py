"""Sign-in throttling (DESIGN §5): a few wrong passwords or codes, then a pause.

Counters live only in the cache, keyed by a digest of the username and by the salted hash of
the client address from aduan.intake.throttle (no IP address is stored anywhere). Each
failure restarts the window, so a steady guesser stays locked out.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from aduan.core.errors import Throttled
from aduan.intake.throttle import client_key

MESSAGE = (
    "Terlalu banyak percobaan masuk yang gagal. Demi keamanan, coba lagi dalam {minutes} menit."
)


def max_failures() -> int:
    return getattr(settings, "ADUAN_LOGIN_MAX_FAILURES", 5)


def window_seconds() -> int:
    return getattr(settings, "ADUAN_LOGIN_WINDOW_SECONDS", 15 * 60)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]


def login_keys(request, username: str) -> list[str]:
    """Per username (whoever tries it) and per client (whichever usernames it tries)."""
    return [
        f"aduan:login-fail:u:{_digest(username.strip().lower())}",
        f"aduan:login-fail:c:{client_key(request)}",
    ]


def second_factor_keys(user) -> list[str]:
    return [f"aduan:2fa-fail:u:{user.pk}"]


def check(keys: list[str]) -> None:
    """Raises Throttled when any counter has reached the limit."""
    counts = cache.get_many(keys)
    if any(count >= max_failures() for count in counts.values()):
        window = window_seconds()
        raise Throttled(retry_after=window, message=MESSAGE.format(minutes=max(1, window // 60)))


def register_failure(keys: list[str]) -> None:
    window = window_seconds()
    for key in keys:
        if cache.add(key, 1, window):
            continue
        try:
            cache.incr(key)
            cache.touch(key, window)  # some backends reset the timeout on incr
        except ValueError:  # expired between add and incr
            cache.add(key, 1, window)


def clear(keys: list[str]) -> None:
    cache.delete_many(keys)
