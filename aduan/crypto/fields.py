"""Field-level AES-GCM with a rotating keyring, and keyed hashes for blind lookups."""

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

FORMAT = "v1"
NONCE_BYTES = 12


class DecryptionFailed(Exception):
    """Wrong key, wrong associated data or tampered ciphertext. Carries no plaintext."""


def _keyring() -> dict[str, bytes]:
    return settings.ADUAN_DATA_KEYS


def current_key_id() -> str:
    return next(iter(_keyring()))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encrypt_text(plaintext: str, *, associated_data: str) -> str:
    """Returns 'v1:<key id>:<nonce>:<ciphertext>' (URL-safe base64), or '' for ''."""
    if plaintext == "":
        return ""
    key_id = current_key_id()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(_keyring()[key_id]).encrypt(
        nonce, plaintext.encode("utf-8"), associated_data.encode("utf-8")
    )
    return f"{FORMAT}:{key_id}:{_b64(nonce)}:{_b64(sealed)}"


def decrypt_text(token: str, *, associated_data: str) -> str:
    if token == "":
        return ""
    try:
        fmt, key_id, nonce, sealed = token.split(":")
        if fmt != FORMAT:
            raise ValueError(fmt)
        key = _keyring()[key_id]
        plain = AESGCM(key).decrypt(_unb64(nonce), _unb64(sealed), associated_data.encode())
    except (ValueError, KeyError, InvalidTag) as exc:
        raise DecryptionFailed("encrypted field cannot be opened") from exc
    return plain.decode("utf-8")


def key_id_of(token: str) -> str | None:
    """Which key sealed this value (for rotation), without decrypting it."""
    if not token:
        return None
    return token.split(":", 2)[1]


def keyed_hash(value: str, *, purpose: str) -> str:
    """HMAC-SHA256 of a normalised value; `purpose` keeps e.g. NIK and phone hashes apart."""
    if not value:
        return ""
    key = hmac.new(settings.ADUAN_HASH_KEY, purpose.encode(), hashlib.sha256).digest()
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
