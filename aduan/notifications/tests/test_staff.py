"""Staff e-mail queued in bulk by the sweep: deadline notices (once per notification) and the
daily digest (once per officer per WITA day), each one statement whatever the number of rows."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aduan.accounts.models import User
from aduan.cases.tests.builders import REPORTER_DATA, build
from aduan.core import clock
from aduan.notifications.content import STAFF_DAILY_DIGEST, STAFF_NOTICE
from aduan.notifications.delivery import deliver_due
from aduan.notifications.models import Channel, OutboundMessage, OutboundStatus
from aduan.notifications.staff import queue_daily_digests, queue_staff_emails
from aduan.sweeps.models import LadderStep

from .conftest import ladder_notice, new_run

IDENTITY = (
    REPORTER_DATA.name,
    "Rahmah",
    REPORTER_DATA.nik,
    REPORTER_DATA.email.lower(),
    "6281250001234",
    "A. Yani Km 5",
)


def queries(function, *args) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        result = function(*args)
    return result, len(captured)


def assert_no_report_content(text: str, case) -> None:
    low = text.lower()
    for secret in (*IDENTITY, case.title, case.description[:30]):
        assert secret.lower() not in low, secret


# Deadline notices ------------------------------------------------------------------------


@pytest.fixture
def routed(staff):
    return build("routed", staff)


def test_missed_and_escalated_notices_are_emailed_reminders_are_not(staff, emails, routed):
    run = new_run()
    reminder = ladder_notice(run, routed, LadderStep.REMINDER, [staff["officer_dpupr"]])
    missed = ladder_notice(run, routed, LadderStep.MISSED, [staff["head_dpupr"]])
    escalated = ladder_notice(
        run, routed, LadderStep.ESCALATED, [staff["supervisor"], staff["wbs"]]
    )

    assert queue_staff_emails(run.pk) == 3
    rows = OutboundMessage.objects.order_by("notification_id")
    assert [row.notification for row in rows] == [*missed, *escalated]
    for row in rows:
        assert row.channel == Channel.EMAIL
        assert row.template == STAFF_NOTICE
        assert row.user_id == row.notification.user_id
        assert row.case_id is None  # one mail may list several cases
        assert row.status == OutboundStatus.PENDING
        assert row.attempts == 0
        assert row.next_attempt_at == row.created_at
    assert not OutboundMessage.objects.filter(notification__in=reminder).exists()
    assert queue_staff_emails(run.pk) == 0  # idempotent
    assert OutboundMessage.objects.count() == 3


def test_only_this_runs_active_users_with_an_address(staff, emails, routed, make_user):
    run, other_run = new_run(), new_run()
    no_email = make_user("agency_head", "DPUPR")
    gone = make_user("agency_head", "DPUPR")
    User.objects.filter(pk=gone.pk).update(email="gone@kalselprov.go.id", is_active=False)
    ladder_notice(run, routed, LadderStep.MISSED, [staff["head_dpupr"], no_email, gone])
    ladder_notice(other_run, routed, LadderStep.ESCALATED, [staff["supervisor"]])
    assert queue_staff_emails(run.pk) == 1
    assert OutboundMessage.objects.get().user == staff["head_dpupr"]


def test_queueing_notices_is_one_statement_whatever_the_number(staff, emails, make_user):
    small, large = new_run(), new_run()
    one_case = build("routed", staff)
    ladder_notice(small, one_case, LadderStep.MISSED, [staff["head_dpupr"]])
    heads = [staff["head_dpupr"], staff["head_dinkes"]]
    for _ in range(3):
        case = build("routed", staff)
        ladder_notice(large, case, LadderStep.MISSED, heads)
        ladder_notice(large, case, LadderStep.ESCALATED, [staff["supervisor"], staff["wbs"]])

    few, few_queries = queries(queue_staff_emails, small.pk)
    many, many_queries = queries(queue_staff_emails, large.pk)
    # One mail per person per run, however many notices: 2 heads + Sekda + Inspektorat.
    assert (few, many) == (1, 4)
    assert few_queries == many_queries == 1
    again, again_queries = queries(queue_staff_emails, large.pk)
    assert (again, again_queries) == (0, 1)


def test_one_mail_lists_all_of_a_persons_notices_of_the_run(staff, emails, mailoutbox):
    run = new_run()
    cases = [build("routed", staff) for _ in range(3)]
    for case in cases:
        ladder_notice(run, case, LadderStep.MISSED, [staff["head_dpupr"]])
    assert queue_staff_emails(run.pk) == 1
    mailoutbox.clear()  # the reporters' own notices from building the cases
    assert deliver_due() == 1
    (mail,) = mailoutbox
    assert mail.to == [emails["head_dpupr"]]
    assert mail.subject == "[Aduan Kalsel] 3 pemberitahuan tenggat"
    for case in cases:
        assert case.tracking_number in mail.body


def test_notice_email_goes_to_the_users_address_without_content(staff, emails, routed):
    run = new_run()
    (notice,) = ladder_notice(run, routed, LadderStep.MISSED, [staff["head_dpupr"]])
    queue_staff_emails(run.pk)
    assert deliver_due() == 1
    (sent,) = mail.outbox
    assert sent.to == [emails["head_dpupr"]]
    assert notice.message in sent.subject
    assert notice.message in sent.body
    assert "http://127.0.0.1:8000/staf/notifikasi" in sent.body
    assert_no_report_content(f"{sent.subject}\n{sent.body}", routed)
    row = OutboundMessage.objects.get()
    assert row.status == OutboundStatus.SENT
    # The address was read at delivery, never kept in the row.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {OutboundMessage._meta.db_table} WHERE id = %s", [row.pk])
        raw = " ".join(str(value) for value in cursor.fetchone())
    assert emails["head_dpupr"] not in raw


def test_address_removed_before_delivery_fails_without_retry(staff, emails, routed):
    run = new_run()
    ladder_notice(run, routed, LadderStep.MISSED, [staff["head_dpupr"]])
    queue_staff_emails(run.pk)
    User.objects.filter(pk=staff["head_dpupr"].pk).update(is_active=False)
    assert deliver_due() == 0
    row = OutboundMessage.objects.get()
    assert (row.status, row.last_error) == (OutboundStatus.FAILED, "NoRecipient")
    assert mail.outbox == []


# Daily digest --------------------------------------------------------------------------------

ROUTED_AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=clock.WITA)  # Monday


def wita(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=clock.WITA)


@pytest.fixture
def workload(staff, emails):
    """Monday: A routed (DPUPR, DINKES pending); B in progress (DPUPR accepted, DINKES
    pending); C received (verification). A's first-response deadline is then the digest day;
    C's verification is overdue by then. D arrives that morning: not due yet."""
    with time_machine.travel(ROUTED_AT, tick=False):
        a = build("routed", staff)
        b = build("in_progress", staff)
        c = build("received", staff)
    day = clock.local_date(a.assignments.get(agency__code="DPUPR").first_response_due_at)
    with time_machine.travel(wita(day, 6, 30), tick=False):
        d = build("received", staff)
    return {"a": a, "b": b, "c": c, "d": d, "day": day}


def test_digest_waits_for_the_hour_then_goes_once_a_day(staff, workload, settings):
    day = workload["day"]
    assert queue_daily_digests(wita(day, 6, 59)) == 0
    assert not OutboundMessage.objects.exists()

    with time_machine.travel(wita(day, 7, 5), tick=False):
        queued = queue_daily_digests(wita(day, 7, 5))
    users = {row.user for row in OutboundMessage.objects.all()}
    assert users == {
        staff["officer_dpupr"],
        staff["head_dpupr"],
        staff["officer_dinkes"],
        staff["head_dinkes"],
        staff["coordinator"],
    }
    assert queued == 5
    for row in OutboundMessage.objects.all():
        assert (row.channel, row.template) == (Channel.EMAIL, STAFF_DAILY_DIGEST)
        assert row.digest_date == day
        assert row.case_id is None and row.notification_id is None
    assert queue_daily_digests(wita(day, 7, 10)) == 0  # same WITA day
    assert queue_daily_digests(wita(day, 16, 0)) == 0

    settings.ADUAN_DIGEST_HOUR = 9
    next_day = day + dt.timedelta(days=1)  # Tuesday
    assert queue_daily_digests(wita(next_day, 8, 0)) == 0
    assert queue_daily_digests(wita(next_day, 9, 0)) > 0


def test_no_digest_on_a_day_off(staff, workload):
    saturday = workload["day"] + dt.timedelta(days=(5 - workload["day"].weekday()) % 7)
    assert saturday.weekday() == 5
    assert queue_daily_digests(wita(saturday, 8, 0)) == 0


def test_digest_skips_inactive_and_addressless_staff(staff, workload):
    User.objects.filter(pk=staff["head_dinkes"].pk).update(is_active=False)
    User.objects.filter(pk=staff["head_dpupr"].pk).update(email="")
    queue_daily_digests(wita(workload["day"], 8, 0))
    users = {row.user for row in OutboundMessage.objects.all()}
    assert staff["head_dinkes"] not in users and staff["head_dpupr"] not in users
    assert staff["officer_dinkes"] in users


def test_digest_is_two_queries_for_one_or_many(staff, emails, make_user):
    with time_machine.travel(ROUTED_AT, tick=False):
        case = build("routed", staff)
    day = clock.local_date(case.assignments.first().first_response_due_at)
    as_of = wita(day, 8, 0)
    User.objects.exclude(pk=staff["officer_dpupr"].pk).update(is_active=False)
    one, one_queries = queries(queue_daily_digests, as_of)
    assert one == 1

    OutboundMessage.objects.all().delete()
    User.objects.update(is_active=True)
    for code in ("DPUPR", "DINKES"):
        for _ in range(3):
            make_user("agency_officer", code)
    User.objects.filter(email="").update(email="petugas@kalselprov.go.id")
    many, many_queries = queries(queue_daily_digests, as_of)
    assert many == 2 + 2 + 6  # officers and heads of both agencies, the extra officers
    assert one_queries == many_queries == 2  # the calendar, one INSERT ... SELECT
    assert queries(queue_daily_digests, as_of) == (0, 2)


def test_digest_lists_the_right_items_without_content(staff, workload, emails):
    a, b, c, d, day = (workload[k] for k in ("a", "b", "c", "d", "day"))
    moment = wita(day, 7, 30)
    with time_machine.travel(moment, tick=False):
        queue_daily_digests(moment)
        deliver_due()
    by_user = {message.to[0]: message for message in mail.outbox}
    assert set(by_user) == {
        emails[k]
        for k in ("officer_dpupr", "head_dpupr", "officer_dinkes", "head_dinkes", "coordinator")
    }

    dpupr = by_user[emails["officer_dpupr"]].body
    assert a.tracking_number in dpupr
    assert "Tanggapan pertama OPD" in dpupr and "jatuh tempo hari ini" in dpupr
    assert b.tracking_number not in dpupr  # DPUPR accepted B: resolution not due soon
    assert c.tracking_number not in dpupr and d.tracking_number not in dpupr
    assert "WITA" in dpupr and "http://127.0.0.1:8000/staf/" in dpupr

    dinkes = by_user[emails["officer_dinkes"]].body
    assert a.tracking_number in dinkes and b.tracking_number in dinkes  # both pending

    coordinator = by_user[emails["coordinator"]].body
    assert c.tracking_number in coordinator and "Verifikasi" in coordinator
    assert "Sudah lewat batas waktu (1):" in coordinator and "lewat " in coordinator
    assert d.tracking_number not in coordinator and a.tracking_number not in coordinator

    for message in mail.outbox:
        for case in (a, b, c, d):
            assert_no_report_content(f"{message.subject}\n{message.body}", case)
        assert "Ringkasan tenggat" in message.subject
