"""The WBS key hierarchy (DESIGN §5, docs/crypto.md): per-case keys, wrapped for people.

- A **case key** (32 random bytes, AES-256-GCM) seals one WBS case's content, messages, files
  (the content key) or its reporter's identity (the identity key).
- A **key holder** (WBS officer, custodian, the recovery key) has an X25519 key pair. Case keys
  are wrapped for a holder's public key (ephemeral X25519 + HKDF-SHA256 + AES-GCM, like a
  sealed box), so anyone may wrap — an anonymous reporter's submission needs no officer online —
  but only the private key opens.
- A private key is stored only locked: AES-GCM under a key derived from the holder's password
  with Argon2id. It is never stored in the clear; once unlocked it lives in a signed-in session
  wrapped under a second key kept only in the browser's cookie (aduan.whistleblowing.session).
- The reporter's receipt derives (Argon2id, per-case salt) the key that opens their own copy of
  the content key, so /lacak can show them their report and the officers' questions.

Every sealed value is bound to its purpose and row by associated data: a ciphertext moved to
another case or field does not open.
"""

import base64
import os
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from .fields import DecryptionFailed

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
WRAP_INFO = b"aduan wrap v1"
RAW = serialization.Encoding.Raw


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise DecryptionFailed("not a sealed value") from exc


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


# Symmetric sealing ------------------------------------------------------------------------


def seal(key: bytes, plaintext: bytes, *, context: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, context.encode())


def unseal(key: bytes, sealed: bytes, *, context: str) -> bytes:
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], context.encode())
    except (InvalidTag, ValueError) as exc:
        raise DecryptionFailed("sealed value cannot be opened") from exc


def seal_text(key: bytes, text: str, *, context: str) -> str:
    """'' stays '' (an empty field reveals only that it is empty, as with the identity)."""
    return b64(seal(key, text.encode("utf-8"), context=context)) if text else ""


def unseal_text(key: bytes, token: str, *, context: str) -> str:
    return unseal(key, unb64(token), context=context).decode("utf-8") if token else ""


# Password- and receipt-derived keys -----------------------------------------------------


def derive_key(secret: str, salt: bytes) -> bytes:
    """Argon2id, with the project's cost parameters (settings.ADUAN_ARGON2)."""
    params = settings.ADUAN_ARGON2
    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params["time_cost"],
        memory_cost=params["memory_cost"],
        parallelism=params["parallelism"],
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


# Key pairs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LockedKeyPair:
    """What is stored for a key holder: the public key, and the private key locked by a
    password-derived key (Argon2id with `salt`). All URL-safe base64."""

    public_key: str
    locked_private_key: str
    salt: str


def _public_bytes(private: X25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(RAW, serialization.PublicFormat.Raw)


def _private_bytes(private: X25519PrivateKey) -> bytes:
    return private.private_bytes(RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def new_key_pair(password: str) -> tuple[LockedKeyPair, bytes]:
    """A fresh key pair locked by `password`; also returns the private key, unlocked, for the
    session that made it."""
    private = X25519PrivateKey.generate()
    raw = _private_bytes(private)
    return lock_private_key(raw, password), raw


def lock_private_key(private_key: bytes, password: str) -> LockedKeyPair:
    salt = new_salt()
    private = X25519PrivateKey.from_private_bytes(private_key)
    locked = seal(derive_key(password, salt), private_key, context="private-key")
    return LockedKeyPair(b64(_public_bytes(private)), b64(locked), b64(salt))


def unlock_private_key(pair: LockedKeyPair, password: str) -> bytes:
    """The private key; DecryptionFailed for a wrong password."""
    key = derive_key(password, unb64(pair.salt))
    return unseal(key, unb64(pair.locked_private_key), context="private-key")


# Wrapping a case key for a public key ---------------------------------------------------


def _wrapping_key(shared: bytes, ephemeral: bytes, recipient: bytes, context: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=ephemeral + recipient,
        info=WRAP_INFO + context.encode(),
    ).derive(shared)


def wrap_for(public_key: str, secret: bytes, *, context: str) -> str:
    """`secret` sealed so that only the holder of `public_key`'s private key opens it."""
    recipient = unb64(public_key)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _public_bytes(ephemeral)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    key = _wrapping_key(shared, ephemeral_public, recipient, context)
    return b64(ephemeral_public + seal(key, secret, context=context))


def unwrap_with(private_key: bytes, wrapped: str, *, context: str) -> bytes:
    blob = unb64(wrapped)
    ephemeral_public, sealed = blob[:KEY_BYTES], blob[KEY_BYTES:]
    try:
        private = X25519PrivateKey.from_private_bytes(private_key)
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    except ValueError as exc:
        raise DecryptionFailed("wrapped key cannot be opened") from exc
    key = _wrapping_key(shared, ephemeral_public, _public_bytes(private), context)
    return unseal(key, sealed, context=context)


def public_key_of(private_key: bytes) -> str:
    return b64(_public_bytes(X25519PrivateKey.from_private_bytes(private_key)))
