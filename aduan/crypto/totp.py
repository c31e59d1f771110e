"""Staff sign-in secrets: TOTP second factor, recovery codes and API tokens.

- TOTP is RFC 6238 with the authenticator-app defaults (HMAC-SHA1, 6 digits, 30-second steps),
  accepting one step either side for clock drift. `verify` returns the time step it matched so
  the caller can store it and refuse the same (or an earlier) step next time: a code seen over
  someone's shoulder cannot be replayed.
- Secrets are 160 random bits in base32 (RFC 4226 §4 recommends at least 128, suggests 160).
- Recovery codes are 50 random bits in Crockford base32, stored as Argon2id hashes
  (`aduan.crypto.hash_secret`), usable once.
- API tokens are 256 random bits; with that much entropy a fast SHA-256 digest is the right
  store (no dictionary to slow down), and lookups are by digest.
"""

import base64
import datetime as dt
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

from .secrets import RECEIPT_ALPHABET

ISSUER = "Aduan Kalsel"
DIGITS = 6
STEP_SECONDS = 30
TOLERANCE_STEPS = 1
SECRET_BYTES = 20  # 160 bits

RECOVERY_CODE_SYMBOLS = 10  # 50 bits, read as two groups of five
API_TOKEN_PREFIX = "aduan_"  # noqa: S105 (a label, not a secret)
API_TOKEN_BYTES = 32  # 256 bits


# --- TOTP (RFC 4226 / RFC 6238) ---------------------------------------------------------------


def random_secret() -> str:
    """A new shared secret: 160 random bits as unpadded base32 (32 characters)."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii").rstrip("=")


def _secret_bytes(secret: str) -> bytes:
    cleaned = "".join(secret.split()).upper().rstrip("=")
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(key: bytes, counter: int, *, digits: int = DIGITS, digest=hashlib.sha1) -> str:
    """RFC 4226 HOTP value of `counter` (dynamic truncation, zero-padded decimal)."""
    mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    binary = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(binary % 10**digits).zfill(digits)


def time_step(at: float | dt.datetime | None = None) -> int:
    """The RFC 6238 counter T = floor((unix time - T0) / X) with T0 = 0, X = 30 s."""
    if at is None:
        at = time.time()
    elif isinstance(at, dt.datetime):
        at = at.timestamp()
    return int(at // STEP_SECONDS)


def code_at(
    secret: str, at: float | dt.datetime | None = None, *, digits: int = DIGITS, digest=hashlib.sha1
) -> str:
    """The TOTP code for a base32 `secret` at a moment (default: now)."""
    return hotp(_secret_bytes(secret), time_step(at), digits=digits, digest=digest)


def verify(
    secret: str,
    code: str,
    *,
    last_step: int | None = None,
    at: float | dt.datetime | None = None,
) -> int | None:
    """Checks a 6-digit code against the steps now-1, now and now+1.

    Returns the matching step, or None when the code is wrong or its step is not later than
    `last_step` (already used). Every candidate is compared in constant time.
    """
    code = "".join(code.split())
    if len(code) != DIGITS or not code.isdigit() or not secret:
        return None
    key = _secret_bytes(secret)
    current = time_step(at)
    matched = None
    for step in range(current - TOLERANCE_STEPS, current + TOLERANCE_STEPS + 1):
        if hmac.compare_digest(hotp(key, step), code) and matched is None:
            matched = step
    if matched is None or (last_step is not None and matched <= last_step):
        return None
    return matched


def provisioning_uri(secret: str, username: str, *, issuer: str = ISSUER) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code (Key URI Format)."""
    label = quote(f"{issuer}:{username}", safe=":@")
    query = urlencode({"secret": secret, "issuer": issuer}, quote_via=quote)
    return f"otpauth://totp/{label}?{query}"


def grouped(secret: str, size: int = 4) -> str:
    """The secret in groups of four, for typing it into an app by hand."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))


# --- Recovery codes ---------------------------------------------------------------------------


def random_recovery_code() -> str:
    """50 random bits in Crockford base32, e.g. 7KQ4M-9XP2H. Hash with `hash_secret` (which
    folds case, dashes and O/0, I/L/1 the same way)."""
    code = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECOVERY_CODE_SYMBOLS))
    half = RECOVERY_CODE_SYMBOLS // 2
    return f"{code[:half]}-{code[half:]}"


# --- API tokens -------------------------------------------------------------------------------


def new_api_token() -> str:
    """A bearer token: 'aduan_' + 256 random bits (URL-safe base64)."""
    return API_TOKEN_PREFIX + secrets.token_urlsafe(API_TOKEN_BYTES)


def api_token_digest(token: str) -> str:
    """What is stored and looked up: SHA-256 hex of the whole token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def api_token_prefix(token: str) -> str:
    """A short, harmless beginning for lists ('aduan_Ab3x…'), 24 bits of the random part."""
    return token[: len(API_TOKEN_PREFIX) + 4]
