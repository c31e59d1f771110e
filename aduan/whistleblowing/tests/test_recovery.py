"""When every officer is gone: the two recovery passphrases together give a new officer the
cases; one alone, or a wrong one, opens nothing."""

import pytest
from django.core.management import CommandError, call_command

from aduan.crypto.fields import DecryptionFailed
from aduan.whistleblowing import services
from aduan.whistleblowing.tests.test_keys import report, sign_in

pytestmark = pytest.mark.django_db

FIRST, SECOND = "frasa pertama Inspektur", "frasa kedua Kadiskominfo"


@pytest.fixture
def passphrases(monkeypatch):
    monkeypatch.setenv("WBS_A", FIRST)
    monkeypatch.setenv("WBS_B", SECOND)
    monkeypatch.setenv("WBS_WRONG", "frasa yang salah sekali")


def recovery(*args):
    call_command("wbs_recovery", *args, "--operators", "Inspektur dan Kadiskominfo")


def test_recovery_brings_cases_back_after_every_officer_left(make_user, passphrases):
    recovery("create", "--first-env", "WBS_A", "--second-env", "WBS_B")
    only = make_user("wbs_officer", "INSPEKTORAT")
    sign_in(only)
    case, _ = services.submit_report(report())
    only.is_active = False
    only.save()

    newcomer = make_user("wbs_officer", "INSPEKTORAT", username="wbs.baru")
    key = sign_in(newcomer)
    with pytest.raises(DecryptionFailed):
        services.open_for_officer(newcomer, key, case)
    with pytest.raises(CommandError):
        recovery("grant", "--to", "wbs.baru", "--first-env", "WBS_A", "--second-env", "WBS_WRONG")
    recovery("grant", "--to", "wbs.baru", "--first-env", "WBS_A", "--second-env", "WBS_B")
    assert services.open_for_officer(newcomer, key, case).reported_name == "Fulan bin Fulan"


def test_one_person_cannot_make_the_recovery_key_alone(passphrases):
    with pytest.raises(CommandError):
        recovery("create", "--first-env", "WBS_A", "--second-env", "WBS_A")
