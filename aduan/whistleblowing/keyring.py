"""Key holders and their session keys (docs/crypto.md).

At sign-in the password unlocks the holder's private key (or makes the key pair, the first time).
The unlocked key is then kept for the session in two halves: the server session holds it sealed
under a random session key, and only the browser's cookie holds that session key. A copy of the
database (sessions table included) therefore opens nothing; neither does the cookie alone.
"""

import logging

from django.conf import settings

from aduan.core import audit, clock
from aduan.crypto import keys
from aduan.crypto.fields import DecryptionFailed

from .models import KeyHolder

logger = logging.getLogger(__name__)

# Which case key each holding role reads: officers the content, custodians the identity.
READING_PURPOSE = {"wbs_officer": "content", "custodian": "identity"}
HOLDING_ROLES = tuple(READING_PURPOSE)
SESSION_FIELD = "aduan_wbs_key"
COOKIE_NAME = "aduan_wbs"


def holds_keys(user) -> bool:
    return bool(user and user.is_active and getattr(user, "role", "") in HOLDING_ROLES)


def _pair(holder: KeyHolder) -> keys.LockedKeyPair:
    return keys.LockedKeyPair(holder.public_key, holder.locked_private_key, holder.salt)


def _store(holder: KeyHolder, pair: keys.LockedKeyPair) -> None:
    holder.public_key = pair.public_key
    holder.locked_private_key = pair.locked_private_key
    holder.salt = pair.salt
    holder.created_at = clock.now()
    holder.save()


def unlock_at_sign_in(user, password: str) -> bytes | None:
    """The holder's private key, unlocked with the password just checked; a new key pair the
    first time. A password reset by an administrator leaves the old key locked for good: the
    holder gets a new pair and needs a colleague (or the recovery key) to re-wrap their cases."""
    if not holds_keys(user):
        return None
    holder = KeyHolder.objects.filter(user=user).first()
    if holder is not None:
        try:
            return keys.unlock_private_key(_pair(holder), password)
        except DecryptionFailed:
            holder.grants.all().delete()  # wrapped for a key nobody can open any more
            audit.record(user, "wbs_key_replaced", f"user:{user.pk}")
    pair, private = keys.new_key_pair(password)
    _store(holder or KeyHolder(user=user), pair)
    audit.record(user, "wbs_key_created", f"user:{user.pk}")
    return private


def relock_for_new_password(user, old_password: str, new_password: str) -> None:
    """A password change by the holder themselves keeps their key (and their cases)."""
    holder = KeyHolder.objects.filter(user=user).first()
    if holder is None:
        return
    private = keys.unlock_private_key(_pair(holder), old_password)
    _store(holder, keys.lock_private_key(private, new_password))


def keep_in_session(request, private_key: bytes) -> None:
    """Half in the server session, half in a cookie set by WbsKeyCookieMiddleware."""
    session_key = keys.new_key()
    request.session[SESSION_FIELD] = keys.b64(
        keys.seal(session_key, private_key, context=f"session:{request.user.pk}")
    )
    request._wbs_cookie = keys.b64(session_key)


def session_private_key(request) -> bytes | None:
    """The signed-in holder's private key, or None (not a holder, other browser, expired)."""
    user = getattr(request, "user", None)
    if not holds_keys(user):
        return None
    sealed = request.session.get(SESSION_FIELD)
    cookie = getattr(request, "_wbs_cookie", None) or request.COOKIES.get(COOKIE_NAME)
    if not sealed or not cookie:
        return None
    try:
        return keys.unseal(keys.unb64(cookie), keys.unb64(sealed), context=f"session:{user.pk}")
    except DecryptionFailed:
        return None


def active_holders(role: str) -> list[KeyHolder]:
    return list(
        KeyHolder.objects.filter(user__role=role, user__is_active=True, revoked_at__isnull=True)
    )


def recovery_holder() -> KeyHolder | None:
    return KeyHolder.objects.filter(is_recovery=True, revoked_at__isnull=True).first()


def cookie_settings() -> dict:
    return {
        "httponly": True,
        "secure": settings.SESSION_COOKIE_SECURE,
        "samesite": "Strict",
        "path": "/staf/",
    }
