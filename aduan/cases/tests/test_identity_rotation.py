import base64

import pytest
from django.core.management import call_command

from aduan import crypto
from aduan.cases.identity import open_identity
from aduan.cases.models import ReporterIdentity

from .builders import REPORTER_DATA, build

pytestmark = pytest.mark.django_db
NEW_KEY = base64.urlsafe_b64decode(b"bmV3LWRhdGEta2V5LWFmdGVyLXJvdGF0aW9uLS0tLS0=")


def test_rotate_identity_keys_reseals_with_the_current_key(staff, settings, capsys):
    case = build("received", staff)
    old_key_id = crypto.current_key_id()
    settings.ADUAN_DATA_KEYS = {"new": NEW_KEY, **settings.ADUAN_DATA_KEYS}
    call_command("rotate_identity_keys")
    identity = ReporterIdentity.objects.get(case=case)
    assert crypto.key_id_of(identity.name_enc) == "new"
    assert crypto.key_id_of(identity.nik_enc) == "new"
    settings.ADUAN_DATA_KEYS = {"new": NEW_KEY}  # the old key is gone now
    assert open_identity(identity).nik == REPORTER_DATA.nik
    assert old_key_id != "new"
    call_command("rotate_identity_keys")  # idempotent: nothing stale left
    assert "0 dienkripsi ulang" in capsys.readouterr().out
