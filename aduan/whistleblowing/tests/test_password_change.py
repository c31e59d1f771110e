"""A WBS officer changing their own password keeps their key pair, re-locked under the new
password, and so keeps their cases; the session they are in still opens WBS content."""

import pytest

from aduan.core.audit import AuditRecord
from aduan.crypto import keys
from aduan.crypto.fields import DecryptionFailed
from aduan.whistleblowing import keyring, services
from aduan.whistleblowing.models import KeyHolder

from .officer import CANARY_WHAT, PASSWORD, sealed_case, sign_in, with_key

pytestmark = pytest.mark.django_db

NEW = "Sandi-Baru-Inspektorat-3307!"


@pytest.fixture
def officer(make_user):
    return make_user("wbs_officer", "INSPEKTORAT", "wbs.sandi")


def change(client, current=PASSWORD, new=NEW):
    return client.post(
        "/staf/kata-sandi",
        {"current_password": current, "new_password1": new, "new_password2": new},
    )


def locked_pair(user) -> keys.LockedKeyPair:
    holder = KeyHolder.objects.get(user=user)
    return keys.LockedKeyPair(holder.public_key, holder.locked_private_key, holder.salt)


def test_officer_changes_password_and_keeps_their_cases(client, officer):
    with_key(officer)
    case, _ = sealed_case()
    public_before = KeyHolder.objects.get(user=officer).public_key
    sign_in(client, officer)

    response = change(client)
    assert response.status_code == 302

    # The same key pair, now locked under the new password only.
    assert KeyHolder.objects.get(user=officer).public_key == public_before
    with pytest.raises(DecryptionFailed):
        keys.unlock_private_key(locked_pair(officer), PASSWORD)
    officer.refresh_from_db()
    private = keyring.unlock_at_sign_in(officer, NEW)
    assert CANARY_WHAT in services.open_for_officer(officer, private, case).what
    assert not AuditRecord.objects.filter(action="wbs_key_replaced").exists()

    # This session was given the key again: the sealed case still opens on its page.
    page = client.get(f"/staf/laporan/{case.tracking_number}")
    assert page.status_code == 200 and CANARY_WHAT in page.content.decode()

    record = AuditRecord.objects.get(action="password_changed")
    assert record.target == f"user:{officer.pk}"
    text = str(list(AuditRecord.objects.values_list("details", flat=True)))
    assert NEW not in text


def test_a_wrong_current_password_leaves_the_key_as_it_was(client, officer):
    with_key(officer)
    sign_in(client, officer)
    before = KeyHolder.objects.get(user=officer).locked_private_key
    assert change(client, current="bukan-sandi").status_code == 400
    assert KeyHolder.objects.get(user=officer).locked_private_key == before
    assert keys.unlock_private_key(locked_pair(officer), PASSWORD)
