import base64

import pytest

from aduan import crypto
from aduan.crypto.secrets import normalise_receipt

OTHER_KEY = base64.urlsafe_b64decode(b"b3RoZXItZGF0YS1rZXktbnVtYmVyLXR3by0tLS0tLS0=")


def test_roundtrip_and_fresh_nonce():
    a = crypto.encrypt_text("Siti Rahmah", associated_data="case:1:name")
    b = crypto.encrypt_text("Siti Rahmah", associated_data="case:1:name")
    assert a != b and "Siti" not in a
    assert crypto.decrypt_text(a, associated_data="case:1:name") == "Siti Rahmah"


def test_associated_data_binds_row_and_field():
    token = crypto.encrypt_text("6371010101900001", associated_data="case:1:nik")
    for wrong in ("case:2:nik", "case:1:phone"):
        with pytest.raises(crypto.DecryptionFailed):
            crypto.decrypt_text(token, associated_data=wrong)


def test_tampering_is_detected():
    token = crypto.encrypt_text("rahasia", associated_data="x")
    head, sealed = token.rsplit(":", 1)
    flipped = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt_text(f"{head}:{flipped}", associated_data="x")


def test_rotation_old_keys_still_open_new_key_seals(settings):
    old = crypto.encrypt_text("nama lama", associated_data="x")
    settings.ADUAN_DATA_KEYS = {"t2": OTHER_KEY, **settings.ADUAN_DATA_KEYS}
    assert crypto.current_key_id() == "t2"
    assert crypto.decrypt_text(old, associated_data="x") == "nama lama"
    assert crypto.key_id_of(crypto.encrypt_text("baru", associated_data="x")) == "t2"
    settings.ADUAN_DATA_KEYS = {"t2": OTHER_KEY}
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt_text(old, associated_data="x")


def test_keyed_hash_depends_on_key_and_purpose(settings):
    a = crypto.keyed_hash("6281250001234", purpose="reporter-phone")
    assert a == crypto.keyed_hash("6281250001234", purpose="reporter-phone")
    assert a != crypto.keyed_hash("6281250001234", purpose="reporter-nik")
    settings.ADUAN_HASH_KEY = b"another"
    assert a != crypto.keyed_hash("6281250001234", purpose="reporter-phone")
    assert crypto.keyed_hash("", purpose="x") == ""


def test_receipt_has_80_bits_grouped_and_verifies_loosely_typed():
    receipt = crypto.random_receipt()
    groups = receipt.split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4]
    stored = crypto.hash_secret(receipt)
    assert stored.startswith("$argon2id$") and receipt not in stored
    assert crypto.verify_secret(stored, receipt.lower().replace("-", " "))
    assert not crypto.verify_secret(stored, crypto.random_receipt())
    assert not crypto.verify_secret("not-a-hash", receipt)
    assert normalise_receipt("o1l-I") == "0111"


def test_random_codes_avoid_confusable_letters():
    code = "".join(crypto.random_code(50) for _ in range(20))
    assert not set(code) & set("01ILOU")
