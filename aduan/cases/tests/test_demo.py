import pytest
from django.core.management import CommandError, call_command

from aduan.accounts.models import User
from aduan.cases.models import Assignment, Case, CaseEvent, Privacy, ReporterIdentity
from aduan.cases.workflow import CASE_TRANSITIONS, CaseStatus
from aduan.crypto import verify_secret

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_accounts_and_consistent_cases_in_every_status(
    reference, settings, tmp_path, monkeypatch
):
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("ADUAN_DEMO_PASSWORD", "kata-sandi-demo")
    call_command("seed_demo", cases=60, seed=7)
    assert User.objects.get(username="koordinator").check_password("kata-sandi-demo")
    assert User.objects.get(username="opd.dpupr").agency.code == "DPUPR"
    assert User.objects.get(username="admin").role == "sysadmin"
    assert set(Case.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    for case in Case.objects.prefetch_related("events"):
        events = list(case.events.all())
        assert events[0].action == "create"
        assert events[-1].to_status == case.status, case.tracking_number
        for event in events[1:]:
            if event.from_status != event.to_status or event.action in ("accept", "update"):
                assert CASE_TRANSITIONS[(event.from_status, event.action)] == event.to_status
        routed = case.status in ("routed", "in_progress", "answered", "closed")
        assert Assignment.objects.filter(case=case).exists() == routed
        if case.supervision_class == "supervisory" and routed:
            assert case.assignments.get().agency.code == "INSPEKTORAT"
        if case.status in ("received", "needs_info", "routed", "in_progress", "answered"):
            assert case.due_at is not None
    identities = ReporterIdentity.objects.count()
    assert identities == Case.objects.exclude(privacy=Privacy.ANONYMOUS).count()
    receipts = (tmp_path / "demo-receipts.txt").read_text().split("\n")
    _status, number, receipt = receipts[0].split()
    assert verify_secret(Case.objects.get(tracking_number=number).receipt_hash, receipt)


def test_seed_demo_is_idempotent(reference, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", cases=15)
    events = CaseEvent.objects.count()
    call_command("seed_demo", cases=15)
    assert Case.objects.count() == 15
    assert CaseEvent.objects.count() == events
    assert User.objects.filter(username="koordinator").count() == 1


def test_seed_demo_refuses_production(reference, settings):
    settings.ADUAN_ENVIRONMENT = "production"
    with pytest.raises(CommandError, match="produksi"):
        call_command("seed_demo", cases=1)
    assert not Case.objects.exists()
