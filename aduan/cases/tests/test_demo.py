import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from aduan.accounts.models import User
from aduan.agencies.models import SlaPolicy
from aduan.cases import deadlines
from aduan.cases.models import Assignment, Case, CaseEvent, Privacy, ReporterIdentity
from aduan.cases.workflow import CASE_TRANSITIONS, CaseStatus
from aduan.core import clock
from aduan.crypto import verify_secret
from aduan.workdays.selectors import load_calendar

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


def test_seed_demo_open_makes_open_cases_with_one_or_two_agencies(reference, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", cases=300, seed=11, open_only=True)
    now = clock.now()
    open_statuses = {"received", "needs_info", "routed", "in_progress", "answered"}
    assert set(Case.objects.values_list("status", flat=True)) == open_statuses
    calendar, policies = load_calendar(), list(SlaPolicy.objects.all())
    routed_cases = 0
    for case in Case.objects.prefetch_related("assignments", "events"):
        assignments = list(case.assignments.all())
        agencies = [a.agency_id for a in assignments]
        assert len(set(agencies)) == len(agencies), case.tracking_number
        assert case.received_at > now - dt.timedelta(days=61)
        assert case.due_at is not None
        events = list(case.events.all())
        assert events[-1].to_status == case.status
        for event in events[1:]:
            if event.from_status != event.to_status or event.action in ("accept", "update"):
                assert CASE_TRANSITIONS[(event.from_status, event.action)] == event.to_status
        if case.status in ("received", "needs_info"):
            assert not assignments
            continue
        assert 1 <= len(assignments) <= 2
        if case.supervision_class == "supervisory":
            assert [a.agency.code for a in assignments] == ["INSPEKTORAT"]
        for assignment in assignments:
            expected = deadlines.assignment_deadlines(case, assignment, calendar, policies)
            assert (assignment.first_response_due_at, assignment.due_at) == expected
        statuses = {a.status for a in assignments}
        if case.status == "routed":
            assert statuses == {"pending"}
        elif case.status == "in_progress":
            assert "accepted" in statuses and statuses <= {"accepted", "pending"}
        else:
            assert statuses == {"done"}
        if case.status in ("routed", "in_progress"):
            routed_cases += 1
            assert case.due_at == max(a.due_at for a in assignments)
    at_agencies = Assignment.objects.filter(case__status__in=["routed", "in_progress"]).count()
    assert 1.4 <= Assignment.objects.count() / Case.objects.count() <= 1.6
    assert 1.5 <= at_agencies / routed_cases <= 1.9
    # A sweep now finds deadlines of every kind: far away, due soon and missed.
    first_response = Assignment.objects.filter(status="pending")
    assert first_response.filter(first_response_due_at__lt=now).exists()
    assert first_response.filter(first_response_due_at__gt=now + dt.timedelta(days=3)).exists()
    resolution = Assignment.objects.filter(status="accepted")
    assert resolution.filter(due_at__lt=now - dt.timedelta(days=7)).exists()
    assert resolution.filter(due_at__gt=now + dt.timedelta(days=7)).exists()
    soon = clock.end_of_day(calendar.add_working_days(clock.local_date(now), 2))
    assert (
        first_response.filter(first_response_due_at__range=(now, soon)).exists()
        or resolution.filter(due_at__range=(now, soon)).exists()
    )
