"""Demo WBS cases are sealed like real ones, and the demo officer can open them."""

import pytest
from django.core.management import call_command

from aduan.accounts.models import User
from aduan.cases.models import Case, Message
from aduan.whistleblowing import keyring, services
from aduan.whistleblowing.models import SealedMessage, SealedReport

pytestmark = pytest.mark.django_db


def test_seed_demo_seals_wbs_cases(reference, monkeypatch):
    monkeypatch.setenv("ADUAN_DEMO_PASSWORD", "demo-sandi-12345")
    call_command("seed_demo", "--cases", "120", "--seed", "3", verbosity=0)
    wbs = Case.objects.filter(kind="whistleblowing")
    assert wbs.exists()
    assert set(wbs.values_list("title", flat=True)) == {services.PLACEHOLDER_TITLE}
    assert SealedReport.objects.count() == wbs.count()
    assert not Message.objects.filter(case__in=wbs).exclude(body="").exists()
    assert SealedMessage.objects.count() == Message.objects.filter(case__in=wbs).count()
    officer = User.objects.get(username="inspektorat")
    private = keyring.unlock_at_sign_in(officer, "demo-sandi-12345")
    opened = services.open_for_officer(officer, private, wbs.first())
    assert opened.what and opened.reported_name
