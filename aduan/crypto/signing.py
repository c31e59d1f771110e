"""Ed25519 signatures for the proof of report (bukti laporan): anyone holding the proof can
have it checked later, and nobody without the server's key can forge one."""

import base64

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings


def _private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(settings.ADUAN_SIGNING_KEY)


def sign(message: bytes) -> str:
    return base64.urlsafe_b64encode(_private_key().sign(message)).decode().rstrip("=")


def verify(message: bytes, signature: str) -> bool:
    try:
        raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
        _private_key().public_key().verify(raw, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def public_key_b64() -> str:
    """Published so third parties can verify proofs without asking us."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = _private_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")
