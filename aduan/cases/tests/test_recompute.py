"""Changing the holiday calendar recomputes open deadlines with the same function."""

import datetime as dt

import pytest
import time_machine

from aduan.cases import services
from aduan.cases.actors import ReporterActor
from aduan.core.clock import WITA
from aduan.workdays.models import Holiday

from .builders import assignment, new_report, refresh

pytestmark = pytest.mark.django_db


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=WITA)


def test_new_holiday_moves_open_deadlines(staff, django_capture_on_commit_callbacks):
    with time_machine.travel(at("2026-11-02 09:00"), tick=False):  # Monday
        received, _ = services.create_case(ReporterActor(), new_report())
        routed, _ = services.create_case(ReporterActor(), new_report())
        services.route(staff["coordinator"], routed, agencies=["DPUPR"])
    assert received.verification_due_at == at("2026-11-05 23:59:59")
    first_before = assignment(routed, "DPUPR").first_response_due_at
    assert first_before == at("2026-11-09 23:59:59")
    with django_capture_on_commit_callbacks(execute=True):
        Holiday.objects.create(
            date=dt.date(2026, 11, 4), name="Libur daerah (contoh)", kind="regional"
        )
    assert refresh(received).verification_due_at == at("2026-11-06 23:59:59")
    assert refresh(received).due_at == at("2026-11-06 23:59:59")
    a = assignment(routed, "DPUPR")
    assert a.first_response_due_at == at("2026-11-10 23:59:59")
    assert refresh(routed).due_at == a.due_at


def test_accepted_assignment_keeps_its_first_response_history(staff):
    with time_machine.travel(at("2026-11-02 09:00"), tick=False):
        case, _ = services.create_case(ReporterActor(), new_report())
        services.route(staff["coordinator"], case, agencies=["DPUPR"])
        services.accept(staff["officer_dpupr"], assignment(case, "DPUPR"))
    before = assignment(case, "DPUPR").first_response_due_at
    Holiday.objects.create(date=dt.date(2026, 11, 3), name="Libur", kind="regional")
    services.recompute_open_deadlines()
    after = assignment(case, "DPUPR")
    assert after.first_response_due_at == before
    assert after.due_at > before
