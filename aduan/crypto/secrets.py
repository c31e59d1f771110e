"""Random codes shown to people, and Argon2id hashes of the secret ones."""

import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings

# Public codes: no 0/O, 1/I/L or U, so they are easy to read aloud and type on a phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
# Receipts: Crockford base32 (32 symbols = 5 bits each); misread letters are folded back.
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECEIPT_SYMBOLS = 16  # 80 bits
_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1"})


def random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def random_receipt() -> str:
    """80 random bits, grouped by four for reading aloud: K7Q4-M9XP-2H6D-R3TB."""
    code = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_SYMBOLS))
    return "-".join(code[i : i + 4] for i in range(0, RECEIPT_SYMBOLS, 4))


def normalise_receipt(receipt: str) -> str:
    """Case, spaces, dashes and O/0, I/L/1 confusions do not matter when typed back."""
    return "".join(ch for ch in receipt.upper().translate(_FOLD) if ch.isalnum())


def _hasher() -> PasswordHasher:
    return PasswordHasher(type=Type.ID, **settings.ADUAN_ARGON2)


def hash_secret(secret: str) -> str:
    return _hasher().hash(normalise_receipt(secret))


def verify_secret(stored_hash: str, secret: str) -> bool:
    try:
        return _hasher().verify(stored_hash, normalise_receipt(secret))
    except (VerificationError, InvalidHashError):
        return False
