"""aduan.crypto.totp against RFC 6238 Appendix B and the rules we add (reuse, URI)."""

import base64
import hashlib
import re

import pytest

from aduan.crypto import totp

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()

# RFC 6238 Appendix B, SHA-1 column (8 digits).
RFC_VECTORS = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]


@pytest.mark.parametrize(("unix_time", "expected"), RFC_VECTORS)
def test_rfc6238_sha1_vectors(unix_time, expected):
    assert totp.code_at(RFC_SECRET, unix_time, digits=8) == expected


def test_rfc6238_sha256_vector_shows_the_digest_is_pluggable():
    secret = base64.b32encode(b"12345678901234567890123456789012").decode()
    assert totp.code_at(secret, 59, digits=8, digest=hashlib.sha256) == "46119246"


def test_rfc4226_hotp_vectors():
    expected = ["755224", "287082", "359152", "969429", "338314", "254676"]
    key = b"12345678901234567890"
    assert [totp.hotp(key, i) for i in range(6)] == expected


def test_six_digit_code_is_the_tail_of_the_eight_digit_one():
    assert totp.code_at(RFC_SECRET, 59) == "287082"


def test_verify_accepts_one_step_either_side_and_no_more():
    now = 1_700_000_000
    step = totp.time_step(now)
    for offset in (-1, 0, 1):
        code = totp.code_at(RFC_SECRET, now + offset * 30)
        assert totp.verify(RFC_SECRET, code, at=now) == step + offset
    for offset in (-2, 2):
        code = totp.code_at(RFC_SECRET, now + offset * 30)
        assert totp.verify(RFC_SECRET, code, at=now) is None


def test_verify_rejects_reuse_of_the_same_or_an_earlier_step():
    now = 1_700_000_000
    code = totp.code_at(RFC_SECRET, now)
    step = totp.verify(RFC_SECRET, code, at=now)
    assert step is not None
    assert totp.verify(RFC_SECRET, code, last_step=step, at=now) is None
    # The previous step's code is still inside the window but older than what was used.
    older = totp.code_at(RFC_SECRET, now - 30)
    assert totp.verify(RFC_SECRET, older, last_step=step, at=now) is None
    # The next step is fine.
    newer = totp.code_at(RFC_SECRET, now + 30)
    assert totp.verify(RFC_SECRET, newer, last_step=step, at=now + 30) == step + 1


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef", "12 34 5x"])
def test_verify_rejects_malformed_codes(bad):
    assert totp.verify(RFC_SECRET, bad, at=59) is None


def test_verify_ignores_spaces_in_the_code():
    code = totp.code_at(RFC_SECRET, 59)
    assert totp.verify(RFC_SECRET, f"{code[:3]} {code[3:]}", at=59) is not None


def test_random_secret_is_160_bits_of_base32():
    secret = totp.random_secret()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    assert len(base64.b32decode(secret)) == 20
    assert totp.random_secret() != secret


def test_provisioning_uri():
    assert totp.provisioning_uri("JBSWY3DPEHPK3PXP", "opd.dpupr") == (
        "otpauth://totp/Aduan%20Kalsel:opd.dpupr?secret=JBSWY3DPEHPK3PXP&issuer=Aduan%20Kalsel"
    )


def test_recovery_codes_and_api_tokens_are_random_and_well_formed():
    code = totp.random_recovery_code()
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", code)
    token = totp.new_api_token()
    assert token.startswith("aduan_") and len(token) >= 6 + 43
    assert totp.api_token_digest(token) == hashlib.sha256(token.encode()).hexdigest()
    assert token.startswith(totp.api_token_prefix(token))
    assert totp.new_api_token() != token
