"""Cases the clock ends: withdrawal after the 30-day information window, closing after the
reporter's feedback window (10 working days after the answer)."""

import datetime as dt

import pytest
import time_machine

from aduan.cases.models import Case, CaseEvent
from aduan.cases.tests.builders import build
from aduan.core import clock
from aduan.notifications.models import OutboundMessage
from aduan.sweeps import lifecycle
from aduan.sweeps.models import SweepRun

pytestmark = pytest.mark.django_db


def wita(day: str, time: str = "09:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}:00+08:00")


def sweep(moment: dt.datetime) -> dict:
    run = SweepRun.objects.create(started_at=moment, as_of=moment)
    return lifecycle.end_expired(run)


def test_withdrawn_after_thirty_calendar_days(staff):
    with time_machine.travel(wita("2026-05-04", "10:00"), tick=False):
        case = build("needs_info", staff)
    assert clock.local(case.due_at) == clock.end_of_day(dt.date(2026, 6, 3))

    assert sweep(wita("2026-06-03", "23:59"))["withdrawn"] == 0
    assert Case.objects.get(pk=case.pk).status == "needs_info"

    counts = sweep(wita("2026-06-04", "00:01"))
    assert counts["withdrawn"] == 1
    case.refresh_from_db()
    assert case.status == "withdrawn" and case.due_at is None
    assert case.closed_at == wita("2026-06-04", "00:01")
    event = CaseEvent.objects.get(case=case, action="withdraw")
    assert (event.from_status, event.to_status, event.actor_role) == (
        "needs_info",
        "withdrawn",
        "system",
    )
    assert event.visible_to_reporter and "dicabut otomatis" in event.note.lower()
    # The reporter left an e-mail: one content-free notice, queued once.
    message = OutboundMessage.objects.get(event=event)
    assert message.template == "reporter_case_updated" and message.user_id is None

    again = sweep(wita("2026-06-04", "00:01"))
    assert again["withdrawn"] == 0
    assert CaseEvent.objects.filter(case=case, action="withdraw").count() == 1
    assert OutboundMessage.objects.filter(case=case).count() == 1


def test_closed_after_the_feedback_window(staff):
    with time_machine.travel(wita("2026-07-01", "10:00"), tick=False):
        case = build("answered", staff)
    due = clock.local(case.due_at)
    # 10 working days after Wed 1 July 2026: Wed 15 July.
    assert due == clock.end_of_day(dt.date(2026, 7, 15))

    assert sweep(due - dt.timedelta(minutes=1))["closed"] == 0
    assert sweep(due + dt.timedelta(minutes=2))["closed"] == 1
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_at == due + dt.timedelta(minutes=2)
    event = CaseEvent.objects.get(case=case, action="close")
    assert event.from_status == "answered" and event.visible_to_reporter
    assert sweep(due + dt.timedelta(minutes=2))["closed"] == 0


def test_anonymous_reporter_gets_no_message(staff):
    with time_machine.travel(wita("2026-05-04", "10:00"), tick=False):
        case = build("needs_info", staff, privacy="anonymous", reporter=None)
    sweep(wita("2026-06-10"))
    case.refresh_from_db()
    assert case.status == "withdrawn"
    assert not OutboundMessage.objects.filter(case=case).exists()


def test_other_statuses_are_untouched(staff):
    with time_machine.travel(wita("2026-05-04", "10:00"), tick=False):
        cases = [build(status, staff) for status in ("received", "routed", "in_progress")]
    sweep(wita("2027-01-10"))
    assert [Case.objects.get(pk=c.pk).status for c in cases] == [
        "received",
        "routed",
        "in_progress",
    ]


def test_phone_only_reporter_gets_an_sms_when_a_gateway_exists(staff, settings):
    from aduan.cases.identity import ReporterData

    settings.ADUAN_SMS_GATEWAY = {"BACKEND": "console", "URL": "", "TOKEN": "", "TIMEOUT": 5}
    phone_only = ReporterData(name="Rahmat", nik="", phone="0812 3333 4444", email="", address="")
    with time_machine.travel(wita("2026-05-04", "10:00"), tick=False):
        case = build("needs_info", staff, reporter=phone_only)
    sweep(wita("2026-06-10"))
    message = OutboundMessage.objects.get(case=case, event__action="withdraw")
    assert message.channel == "sms" and message.next_attempt_at is None
