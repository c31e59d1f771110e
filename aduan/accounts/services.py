"""Staff sign-in: password, second factor, recovery codes and API tokens.

Views and the API parse input and call these; every success and failure that matters is written
to the audit log. Passwords, codes and tokens are never written anywhere (not even the log).
"""

from __future__ import annotations

import contextlib
import datetime as dt

from django.conf import settings
from django.contrib.auth import (
    authenticate,
    login,
    logout,
    password_validation,
    update_session_auth_hash,
)
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal

from aduan.core import audit, clock
from aduan.crypto import hash_secret, totp, verify_secret

from . import throttle
from .gate import SECOND_FACTOR_SESSION_KEY, second_factor_required
from .models import ApiToken, RecoveryCode, User

RECOVERY_CODE_COUNT = 10


def api_token_seconds() -> int:
    return getattr(settings, "ADUAN_API_TOKEN_SECONDS", 8 * 60 * 60)


def is_staff_account(user) -> bool:
    """May this account use the back office at all? Active, with a role."""
    return user is not None and user.is_active and bool(getattr(user, "role", ""))


# --- Password ---------------------------------------------------------------------------------


def check_password(request, username: str, password: str) -> User | None:
    """The staff account for these credentials, or None. Throttled per username and per
    client (raises aduan.core.errors.Throttled before looking at the password)."""
    keys = throttle.login_keys(request, username)
    throttle.check(keys)
    user = authenticate(request, username=username, password=password)
    if not is_staff_account(user):
        throttle.register_failure(keys)
        # Never the password, nor the name as typed (a password typed into the username field
        # would end up in the log): only the account, when the name is one.
        known = User.objects.filter(username=username).values_list("pk", flat=True).first()
        audit.record(None, "login_failed", f"user:{known}" if known else "")
        return None
    throttle.clear(keys[:1])  # the client's counter keeps counting its other failures
    return user


def change_password(request, user: User, current: str, new: str) -> bool:
    """The signed-in user's own password change. False when `current` is wrong (throttled
    like the sign-in: raises aduan.core.errors.Throttled before looking at it); raises
    ValidationError when `new` fails AUTH_PASSWORD_VALIDATORS.

    A WBS key holder's private key is re-locked under the new password in the same
    transaction, so they keep their cases, and is kept again for this session so the
    holder's open session still reads WBS content. Neither password is logged."""
    from aduan.crypto.fields import DecryptionFailed
    from aduan.whistleblowing import keyring

    keys = throttle.login_keys(request, user.get_username())
    throttle.check(keys)
    if not user.check_password(current):
        throttle.register_failure(keys)
        audit.record(user, "password_change_failed", f"user:{user.pk}")
        return False
    password_validation.validate_password(new, user)
    with transaction.atomic():
        # A key locked under an older password (an administrator's reset) is lost already;
        # the holder then gets a new pair below, as at sign-in.
        with contextlib.suppress(DecryptionFailed):
            keyring.relock_for_new_password(user, current, new)
        user.set_password(new)
        user.save(update_fields=["password"])
        audit.record(user, "password_changed", f"user:{user.pk}")
    throttle.clear(keys[:1])
    update_session_auth_hash(request, user)
    private = keyring.unlock_at_sign_in(user, new)
    if private is not None:
        keyring.keep_in_session(request, private)
    return True


def sign_in(request, user: User) -> None:
    """Password accepted: a new session (login() cycles the key), second factor still due
    where it applies (aduan.accounts.gate)."""
    login(request, user)
    audit.record(user, "login", f"user:{user.pk}")


def sign_out(request, reason: str = "user") -> None:
    user = request.user
    if user.is_authenticated:
        audit.record(user, "logout", f"user:{user.pk}", reason=reason)
    logout(request)


# --- Second factor ----------------------------------------------------------------------------


def start_enrolment(user: User) -> str:
    """The secret being enrolled: the pending one, or a new one. Not for enrolled users."""
    if user.has_second_factor:
        raise ValueError("second factor already enrolled")
    if user.totp_secret_enc:
        return user.get_totp_secret()
    secret = totp.random_secret()
    user.set_totp_secret(secret)
    user.save(update_fields=["totp_secret_enc", "totp_confirmed_at", "totp_last_step"])
    return secret


def _accept_totp(user: User, code: str) -> bool:
    if not user.totp_secret_enc:
        return False
    step = totp.verify(user.get_totp_secret(), code, last_step=user.totp_last_step, at=clock.now())
    if step is None:
        return False
    # Conditional update: of two requests with the same code, only one wins.
    won = (
        User.objects.filter(pk=user.pk)
        .filter(Q(totp_last_step__isnull=True) | Q(totp_last_step__lt=step))
        .update(totp_last_step=step)
    )
    if won:
        user.totp_last_step = step
    return bool(won)


def _consume_recovery_code(user: User, code: str) -> bool:
    for candidate in user.recovery_codes.filter(used_at__isnull=True).order_by("id"):
        if verify_secret(candidate.code_hash, code):
            return bool(
                RecoveryCode.objects.filter(pk=candidate.pk, used_at__isnull=True).update(
                    used_at=clock.now()
                )
            )
    return False


def _new_recovery_codes(user: User) -> list[str]:
    codes = [totp.random_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    user.recovery_codes.all().delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=hash_secret(code)) for code in codes
    )
    return codes


def confirm_enrolment(user: User, code: str) -> list[str] | None:
    """Confirms the pending secret with a code from the app. Returns the new recovery codes
    (to be shown once), or None when the code is wrong."""
    keys = throttle.second_factor_keys(user)
    throttle.check(keys)
    with transaction.atomic():
        if user.has_second_factor or not _accept_totp(user, code):
            throttle.register_failure(keys)
            audit.record(user, "second_factor_failed", f"user:{user.pk}", stage="enrolment")
            return None
        user.totp_confirmed_at = clock.now()
        user.save(update_fields=["totp_confirmed_at"])
        codes = _new_recovery_codes(user)
        audit.record(user, "second_factor_enrolled", f"user:{user.pk}")
    throttle.clear(keys)
    return codes


def verify_second_factor(user: User, code: str) -> str | None:
    """Checks a TOTP code (6 digits) or an unused recovery code. Returns the method used
    ("totp" or "recovery"), or None. Throttled per user."""
    keys = throttle.second_factor_keys(user)
    throttle.check(keys)
    compact = "".join(code.split())
    if compact.isdigit() and len(compact) == totp.DIGITS:
        method = "totp" if _accept_totp(user, compact) else None
    else:
        method = "recovery" if compact and _consume_recovery_code(user, compact) else None
    if method is None:
        throttle.register_failure(keys)
        audit.record(user, "second_factor_failed", f"user:{user.pk}")
        return None
    throttle.clear(keys)
    audit.record(user, "second_factor_ok", f"user:{user.pk}", method=method)
    return method


def regenerate_recovery_codes(user: User, code: str) -> list[str] | None:
    """New recovery codes (the old ones stop working), confirmed with a current TOTP code."""
    keys = throttle.second_factor_keys(user)
    throttle.check(keys)
    with transaction.atomic():
        if not user.has_second_factor or not _accept_totp(user, code):
            throttle.register_failure(keys)
            audit.record(user, "second_factor_failed", f"user:{user.pk}", stage="recovery_codes")
            return None
        codes = _new_recovery_codes(user)
        audit.record(user, "recovery_codes_regenerated", f"user:{user.pk}")
    throttle.clear(keys)
    return codes


def unused_recovery_codes(user: User) -> int:
    return user.recovery_codes.filter(used_at__isnull=True).count()


def reset_second_factor(user: User, actor) -> None:
    """For a lost phone and lost recovery codes: the account enrols again at next sign-in.
    Its API tokens are revoked, since they were issued under the old factor."""
    with transaction.atomic():
        user.totp_secret_enc = ""
        user.totp_confirmed_at = None
        user.totp_last_step = None
        user.save(update_fields=["totp_secret_enc", "totp_confirmed_at", "totp_last_step"])
        user.recovery_codes.all().delete()
        user.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=clock.now())
        audit.record(actor, "second_factor_reset", f"user:{user.pk}")


def mark_second_factor_passed(request) -> None:
    """A fresh session key for the now fully signed-in session (no fixation across steps)."""
    request.session.cycle_key()
    request.session[SECOND_FACTOR_SESSION_KEY] = True


# --- API tokens -------------------------------------------------------------------------------


def issue_api_token(
    request, username: str, password: str, otp: str, name: str = ""
) -> tuple[ApiToken, str] | None:
    """Checks password and (where required) a TOTP code, then creates a token. Returns the
    token row and the token itself (to be shown once), or None for any wrong input."""
    keys = throttle.login_keys(request, username)
    throttle.check(keys)
    user = authenticate(request, username=username, password=password)
    ok = is_staff_account(user)
    if ok and second_factor_required(user):
        ok = user.has_second_factor and _accept_totp(user, otp or "")
    if not ok:
        throttle.register_failure(keys)
        audit.record(None, "token_failed")
        return None
    throttle.clear(keys[:1])
    return create_api_token(user, name=name)


def create_api_token(
    user: User, name: str = "", seconds: int | None = None
) -> tuple[ApiToken, str]:
    token = totp.new_api_token()
    now = clock.now()
    row = ApiToken.objects.create(
        user=user,
        name=name[:100],
        token_hash=totp.api_token_digest(token),
        prefix=totp.api_token_prefix(token),
        created_at=now,
        expires_at=now + dt.timedelta(seconds=seconds or api_token_seconds()),
    )
    audit.record(
        user, "token_created", f"api_token:{row.pk}", expires_at=row.expires_at.isoformat()
    )
    return row, token


def find_api_token(token: str) -> ApiToken | None:
    """The live token row (unexpired, unrevoked, of an active staff account), or None."""
    if not token or not token.startswith(totp.API_TOKEN_PREFIX):
        return None
    row = (
        ApiToken.objects.select_related("user", "user__agency")
        .filter(
            token_hash=totp.api_token_digest(token),
            revoked_at__isnull=True,
            expires_at__gt=clock.now(),
        )
        .first()
    )
    if row is None or not is_staff_account(row.user):
        return None
    return row


def touch_api_token(row: ApiToken, every_seconds: int = 60) -> None:
    """Records use, at most once a minute (one UPDATE, not one per request)."""
    now = clock.now()
    if row.last_used_at is None or now - row.last_used_at >= dt.timedelta(seconds=every_seconds):
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now


def revoke_api_token(row: ApiToken, actor) -> bool:
    revoked = ApiToken.objects.filter(pk=row.pk, revoked_at__isnull=True).update(
        revoked_at=clock.now()
    )
    if revoked:
        audit.record(actor, "token_revoked", f"api_token:{row.pk}")
    return bool(revoked)


# --- Key holders (WBS officers, custodians) ------------------------------------------------

# Sent right after the password was accepted, with the password, so the WBS key hierarchy can
# unlock the holder's private key for this session (aduan.whistleblowing.receivers). The
# password goes no further than the receivers; it is never stored or logged.
password_accepted = Signal()
