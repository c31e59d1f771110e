"""The escalation ladder at the right working-day moments, across the 2026 Lebaran cluster.

Routed on Tue 2026-03-17: five working days later is Tue 2026-03-31 (18-24 March are Nyepi,
Idul Fitri and cuti bersama). So the first response is due 2026-03-31 23:59:59 WITA; the reminder
comes on Mon 30 March (one working day before), the head's notice on Wed 1 April (the deadline
passed), and the escalation once three more working days have ended: 1, 2 and 6 April (3 April
is Good Friday), i.e. on Tue 7 April.
"""

import datetime as dt

import pytest
import time_machine

from aduan.agencies.models import SlaPolicy, Stage
from aduan.cases.models import CaseEvent
from aduan.cases.tests.builders import build
from aduan.compliance.models import NonComplianceRecord
from aduan.core import clock
from aduan.notifications.models import Notification
from aduan.sweeps import escalation
from aduan.sweeps.models import DeadlineAlert, SweepRun
from aduan.workdays.selectors import load_calendar

pytestmark = pytest.mark.django_db


def wita(day: str, time: str = "09:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}:00+08:00")


def sweep(moment: dt.datetime) -> dict:
    run = SweepRun.objects.create(started_at=moment, as_of=moment)
    return escalation.climb(run, list(SlaPolicy.objects.all()), load_calendar())


@pytest.fixture
def routed(staff):
    with time_machine.travel(wita("2026-03-17", "10:00"), tick=False):
        case = build("routed", staff)
    return case


def steps(case) -> list[tuple[str, str, str]]:
    return sorted(
        DeadlineAlert.objects.filter(case=case, stage=Stage.FIRST_RESPONSE).values_list(
            "assignment__agency__code", "step", "created_at__date"
        )
    )


def test_first_response_deadline_is_after_the_lebaran_cluster(routed):
    dpupr = routed.assignments.get(agency__code="DPUPR")
    assert clock.local(dpupr.first_response_due_at) == clock.end_of_day(dt.date(2026, 3, 31))


def test_ladder_climbs_at_the_working_day_moments(routed, staff):
    dpupr = routed.assignments.get(agency__code="DPUPR")
    quiet = [wita("2026-03-18"), wita("2026-03-27", "23:00"), wita("2026-03-29", "23:59")]
    for moment in quiet:  # within the cluster and the weekend before the reminder day
        assert sweep(moment)["alerts"] == 0

    assert sweep(wita("2026-03-30", "00:05"))["alerts_reminder"] == 2  # DPUPR and DINKES
    notices = Notification.objects.filter(kind="deadline_reminder")
    assert {n.user.username for n in notices} == {"opd.dpupr", "opd.dinkes"}
    assert {n.message for n in notices} == {
        f"Pengingat tenggat (tanggapan pertama OPD, {code}): {routed.tracking_number}"
        for code in ("DPUPR", "DINKES")
    }

    # The deadline day itself adds nothing; the missed notice comes after 23:59:59.
    assert sweep(wita("2026-03-31", "23:59"))["alerts"] == 0
    counts = sweep(wita("2026-04-01", "00:01"))
    assert counts["alerts_missed"] == 2 and counts["alerts_escalated"] == 0
    heads = Notification.objects.filter(kind="deadline_missed")
    assert {n.user.username for n in heads} == {"kepala.dpupr", "kepala.dinkes"}

    # Three working days late: 1, 2 and 6 April end before the escalation (3 April is a holiday).
    for moment in [wita("2026-04-03", "12:00"), wita("2026-04-06", "23:59")]:
        assert sweep(moment)["alerts"] == 0
    assert NonComplianceRecord.objects.count() == 0

    # DPUPR accepts on 6 April: late, but before the escalation; DINKES stays silent.
    with time_machine.travel(wita("2026-04-06", "15:00"), tick=False):
        from aduan.cases import services

        services.accept(staff["officer_dpupr"], dpupr, note="Kami tangani.")

    counts = sweep(wita("2026-04-07", "00:01"))
    assert counts["alerts_escalated"] == 1
    record = NonComplianceRecord.objects.get()
    assert record.agency.code == "DINKES" and record.case == routed
    assert record.stage == Stage.FIRST_RESPONSE
    assert clock.local(record.due_at) == clock.end_of_day(dt.date(2026, 3, 31))
    assert record.days_late_when_recorded == 3 and record.fulfilled_at is None
    escalated_to = {n.user.username for n in Notification.objects.filter(kind="escalated")}
    assert escalated_to == {"sekda", "inspektorat"}
    event = CaseEvent.objects.get(case=routed, action="escalated")
    assert event.actor_role == "system" and not event.visible_to_reporter
    assert event.assignment.agency.code == "DINKES"

    assert [(a, s) for a, s, _ in steps(routed)] == [
        ("DINKES", "escalated"),
        ("DINKES", "missed"),
        ("DINKES", "reminder"),
        ("DPUPR", "missed"),
        ("DPUPR", "reminder"),
    ]


def test_a_second_sweep_at_the_same_moment_adds_nothing(routed):
    late = wita("2026-04-10")
    first = sweep(late)
    assert first["alerts_missed"] == 2 and first["alerts_escalated"] == 2
    totals = (
        DeadlineAlert.objects.count(),
        CaseEvent.objects.count(),
        Notification.objects.count(),
        NonComplianceRecord.objects.count(),
    )
    second = sweep(late)
    assert second["alerts"] == 0
    assert totals == (
        DeadlineAlert.objects.count(),
        CaseEvent.objects.count(),
        Notification.objects.count(),
        NonComplianceRecord.objects.count(),
    )


def test_a_late_answer_keeps_the_record_and_marks_it_fulfilled(routed, staff):
    sweep(wita("2026-04-10"))
    dinkes = routed.assignments.get(agency__code="DINKES")
    with time_machine.travel(wita("2026-04-13", "08:00"), tick=False):
        from aduan.cases import services

        services.return_assignment(staff["officer_dinkes"], dinkes, reason="Bukan kewenangan.")
    sweep(wita("2026-04-13", "09:00"))
    records = NonComplianceRecord.objects.filter(agency__code="DINKES")
    assert records.count() == 1
    assert records.get().fulfilled_at == wita("2026-04-13", "08:00")


def test_resolution_ladder_starts_after_acceptance(staff):
    with time_machine.travel(wita("2026-06-01", "10:00"), tick=False):
        case = build("in_progress", staff)  # DPUPR accepted, DINKES pending
    dpupr = case.assignments.get(agency__code="DPUPR")
    sweep(clock.local(dpupr.due_at) + dt.timedelta(minutes=1))
    resolution = DeadlineAlert.objects.filter(stage=Stage.RESOLUTION)
    assert list(resolution.values_list("assignment__agency__code", "step")) == [("DPUPR", "missed")]


def test_verification_deadline_reminds_the_coordinator(staff):
    with time_machine.travel(wita("2026-06-01", "10:00"), tick=False):
        case = build("received", staff)
    due = clock.local(case.due_at)
    sweep(due - dt.timedelta(hours=12))
    alert = DeadlineAlert.objects.get(case=case)
    assert (alert.stage, alert.step, alert.agency.code) == (
        "verification",
        "reminder",
        "DISKOMINFO",
    )
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["koordinator"]


def test_thresholds_come_from_the_case_policy(routed):
    SlaPolicy.objects.filter(stage=Stage.FIRST_RESPONSE).update(reminder_days_before=3)
    # Three working days before 31 March: 26 March (Thursday) ... so 26 March 09:00 reminds.
    assert sweep(wita("2026-03-25"))["alerts"] == 0
    assert sweep(wita("2026-03-26"))["alerts_reminder"] == 2


def test_a_wbs_case_number_reaches_only_the_inspectorate(staff):
    with time_machine.travel(wita("2026-06-01", "10:00"), tick=False):
        case = build("received", staff, kind="whistleblowing", privacy="anonymous", reporter=None)
    sweep(clock.local(case.due_at) + dt.timedelta(days=10))
    alert = DeadlineAlert.objects.get(case=case, step="escalated")
    assert alert.agency.code == "INSPEKTORAT"
    messages = dict(
        Notification.objects.filter(kind="escalated").values_list("user__username", "message")
    )
    assert case.tracking_number in messages["inspektorat"]
    assert case.tracking_number not in messages["sekda"]
    assert messages["sekda"].endswith("INSPEKTORAT): laporan WBS")
