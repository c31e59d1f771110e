"""The WBS key hierarchy's primitives: what opens, and what must not."""

import pytest

from aduan.crypto import keys
from aduan.crypto.fields import DecryptionFailed


def test_a_private_key_opens_only_with_its_password():
    pair, private = keys.new_key_pair("kata sandi panjang")
    assert keys.unlock_private_key(pair, "kata sandi panjang") == private
    with pytest.raises(DecryptionFailed):
        keys.unlock_private_key(pair, "kata sandi lain")
    assert keys.public_key_of(private) == pair.public_key
    assert private not in keys.unb64(pair.locked_private_key)


def test_a_wrapped_case_key_opens_only_for_its_holder_and_context():
    pair, private = keys.new_key_pair("a")
    _, other = keys.new_key_pair("b")
    case_key = keys.new_key()
    wrapped = keys.wrap_for(pair.public_key, case_key, context="case:7:content")
    assert keys.unwrap_with(private, wrapped, context="case:7:content") == case_key
    with pytest.raises(DecryptionFailed):
        keys.unwrap_with(other, wrapped, context="case:7:content")
    with pytest.raises(DecryptionFailed):
        keys.unwrap_with(private, wrapped, context="case:8:content")


def test_sealed_text_is_bound_to_its_context():
    key = keys.new_key()
    token = keys.seal_text(key, "Kanari", context="case:1:title")
    assert "Kanari" not in token
    assert keys.unseal_text(key, token, context="case:1:title") == "Kanari"
    with pytest.raises(DecryptionFailed):
        keys.unseal_text(key, token, context="case:2:title")
    assert keys.seal_text(key, "", context="x") == ""


def test_a_receipt_derives_the_same_key_with_the_same_salt_only():
    salt = keys.new_salt()
    assert keys.derive_key("K7Q4M9XP2H6DR3TB", salt) == keys.derive_key("K7Q4M9XP2H6DR3TB", salt)
    assert keys.derive_key("K7Q4M9XP2H6DR3TB", salt) != keys.derive_key(
        "K7Q4M9XP2H6DR3TB", keys.new_salt()
    )
