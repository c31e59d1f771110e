"""The only place that imports `cryptography` or hashes secrets (DESIGN §5).

- Field encryption: AES-256-GCM, random 96-bit nonce per value, associated data binds each
  ciphertext to its row and field; a keyring allows rotation (first key encrypts, all decrypt).
- Keyed hashes (HMAC-SHA256) let staff match "same reporter" without decrypting.
- Secrets shown to reporters (receipts) are stored as Argon2id hashes only.
- Random public codes (tracking numbers) come from the OS CSPRNG.
- Proofs of report are signed with Ed25519 (ADUAN_SIGNING_KEY).
"""

from .fields import (
    DecryptionFailed,
    current_key_id,
    decrypt_text,
    encrypt_text,
    key_id_of,
    keyed_hash,
)
from .secrets import hash_secret, random_code, random_receipt, verify_secret
from .signing import sign, verify

__all__ = [
    "DecryptionFailed",
    "current_key_id",
    "decrypt_text",
    "encrypt_text",
    "hash_secret",
    "key_id_of",
    "keyed_hash",
    "random_code",
    "random_receipt",
    "sign",
    "verify",
    "verify_secret",
]
