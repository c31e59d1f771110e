"""The reporter's e-mail outbox: content-free, no identity at rest, once per event, retried."""

import dataclasses
import datetime as dt
import logging

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test import override_settings

from aduan.cases import services
from aduan.cases.models import CaseEvent
from aduan.cases.tasks import notify_case_event
from aduan.cases.tests.builders import REPORTER_DATA, build, reporter
from aduan.core import clock
from aduan.notifications.content import REPORTER_CASE_UPDATED
from aduan.notifications.delivery import MAX_ATTEMPTS, backoff, deliver, deliver_due
from aduan.notifications.models import Channel, OutboundMessage, OutboundStatus
from aduan.notifications.reporter import queue_reporter_update

ADDRESS = "siti.rahmah@example.id"
FAILING = {"default": {"BACKEND": "aduan.notifications.tests.test_outbox.FailingBackend"}}


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses, quoting the address as real ones do."""

    def send_messages(self, messages):
        raise ConnectionRefusedError(f"cannot deliver to {messages[0].to[0]}")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=clock.WITA)


def ask_for_info(case, staff, capture):
    with capture(execute=True):
        services.request_info(staff["coordinator"], case, message="Mohon lampirkan foto lokasi.")
    return CaseEvent.objects.get(case=case, action="request_info")


@pytest.fixture
def received(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = build("received", staff)
    mail.outbox.clear()
    return case


def test_request_info_mails_the_reporter_once_without_content(
    received, staff, django_capture_on_commit_callbacks
):
    ask_for_info(received, staff, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [ADDRESS]
    assert sent.subject == "Pembaruan laporan Anda"
    assert "/lacak" in sent.body
    assert "http://127.0.0.1:8000/lacak" in sent.body
    headers = sent.message()
    del headers["To"]  # the only place the address belongs
    text = f"{sent.subject}\n{sent.body}\n{headers.as_string()}".lower()
    for secret in (
        received.tracking_number,
        received.title,
        "siti",
        "rahmah",
        "jalan berlubang",
        "perlu dilengkapi",
        "needs_info",
        "foto lokasi",
    ):
        assert secret.lower() not in text, secret

    message = OutboundMessage.objects.get(case=received)
    assert message.status == OutboundStatus.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert message.next_attempt_at is None
    assert message.channel == Channel.EMAIL
    assert message.template == REPORTER_CASE_UPDATED
    assert "siti" not in str(message).lower()


@override_settings(ADUAN_PUBLIC_URL="https://aduan.kalselprov.go.id/")
def test_link_uses_the_public_url(received, staff, django_capture_on_commit_callbacks):
    ask_for_info(received, staff, django_capture_on_commit_callbacks)
    assert "https://aduan.kalselprov.go.id/lacak " in mail.outbox[0].body


def test_outbox_row_holds_no_address(received, staff, django_capture_on_commit_callbacks):
    ask_for_info(received, staff, django_capture_on_commit_callbacks)
    message = OutboundMessage.objects.get(case=received)
    table = OutboundMessage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [message.pk])
        row = cursor.fetchone()
    raw = " ".join(str(value) for value in row).lower()
    for piece in (ADDRESS, "siti", "rahmah", "example.id", REPORTER_DATA.phone, "6281250001234"):
        assert piece.lower() not in raw


def test_same_event_twice_sends_once(received, staff, django_capture_on_commit_callbacks):
    event = ask_for_info(received, staff, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        notify_case_event.call(event.pk)
        notify_case_event.call(event.pk)
    assert queue_reporter_update(event) == OutboundMessage.objects.get()
    assert deliver(OutboundMessage.objects.get().pk) is False
    assert len(mail.outbox) == 1
    assert OutboundMessage.objects.count() == 1


def test_each_visible_event_gets_its_own_mail(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        build("in_progress", staff)
    # route (visible) and accept (visible) → two mails; create and internal steps → none.
    visible = CaseEvent.objects.filter(visible_to_reporter=True).exclude(action="create")
    assert len(mail.outbox) == visible.count() >= 2
    assert OutboundMessage.objects.filter(status=OutboundStatus.SENT).count() == len(mail.outbox)


def test_anonymous_case_queues_nothing(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = build("needs_info", staff, privacy="anonymous", reporter=None)
    assert case.status == "needs_info"
    assert not OutboundMessage.objects.exists()
    assert mail.outbox == []


def test_reporter_without_email_queues_nothing(staff, django_capture_on_commit_callbacks):
    no_email = dataclasses.replace(REPORTER_DATA, email="")
    with django_capture_on_commit_callbacks(execute=True):
        build("needs_info", staff, reporter=no_email)
    assert not OutboundMessage.objects.exists()
    assert mail.outbox == []


def test_create_event_queues_nothing(received):
    event = CaseEvent.objects.get(case=received, action="create")
    assert event.visible_to_reporter
    assert queue_reporter_update(event) is None
    assert not OutboundMessage.objects.exists()
    assert mail.outbox == []


def test_hidden_event_queues_nothing(received):
    event = CaseEvent.objects.get(case=received, action="create")
    event.visible_to_reporter = False
    event.action = "note"
    assert queue_reporter_update(event) is None


def test_reporters_own_reply_is_not_mailed_back(
    received, staff, django_capture_on_commit_callbacks
):
    ask_for_info(received, staff, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reporter_reply(reporter(received), received, body="Foto terlampir.")
    assert CaseEvent.objects.filter(case=received, action="reporter_reply").exists()
    assert mail.outbox == []
    assert OutboundMessage.objects.count() == 1


def test_failing_backend_retries_with_backoff_then_gives_up(
    received, staff, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    start = at("2026-03-16 10:00")
    with time_machine.travel(start, tick=False), override_settings(MAILERS=FAILING):
        ask_for_info(received, staff, django_capture_on_commit_callbacks)
    message = OutboundMessage.objects.get(case=received)
    assert message.status == OutboundStatus.PENDING
    assert message.attempts == 1
    assert message.next_attempt_at == start + dt.timedelta(minutes=1)
    assert message.next_attempt_at > start
    assert message.last_error == "ConnectionRefusedError"

    # Not due yet: nothing happens.
    soon = start + dt.timedelta(seconds=30)
    with time_machine.travel(soon, tick=False), override_settings(MAILERS=FAILING):
        assert deliver(message.pk) is False
    message.refresh_from_db()
    assert message.attempts == 1

    moment = start
    for attempt in range(2, MAX_ATTEMPTS + 1):
        moment = moment + backoff(attempt - 1)
        with time_machine.travel(moment, tick=False), override_settings(MAILERS=FAILING):
            assert deliver(message.pk) is False
        message.refresh_from_db()
        assert message.attempts == attempt
        if attempt < MAX_ATTEMPTS:
            assert message.status == OutboundStatus.PENDING
            assert message.next_attempt_at == moment + backoff(attempt)
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 5, 25, 125]
    assert message.status == OutboundStatus.FAILED
    assert message.next_attempt_at is None
    assert message.last_error == "ConnectionRefusedError"
    assert message.sent_at is None
    assert mail.outbox == []

    # Given up: a later sweep does not retry.
    with time_machine.travel(moment + dt.timedelta(days=1), tick=False):
        assert deliver_due() == 0
    assert mail.outbox == []
    assert ADDRESS not in caplog.text.lower()
    assert "siti" not in caplog.text.lower()


def test_deliver_due_sends_due_pending_messages(
    received, staff, django_capture_on_commit_callbacks
):
    start = at("2026-03-16 10:00")
    with time_machine.travel(start, tick=False), override_settings(MAILERS=FAILING):
        ask_for_info(received, staff, django_capture_on_commit_callbacks)
    message = OutboundMessage.objects.get(case=received)
    assert message.status == OutboundStatus.PENDING

    with time_machine.travel(start + dt.timedelta(seconds=10), tick=False):
        assert deliver_due() == 0  # backing off
    assert mail.outbox == []

    with time_machine.travel(start + dt.timedelta(minutes=2), tick=False):
        assert deliver_due() == 1
        assert deliver_due() == 0  # sent once only
    message.refresh_from_db()
    assert message.status == OutboundStatus.SENT
    assert message.attempts == 2
    assert message.last_error == ""
    assert [m.to for m in mail.outbox] == [[ADDRESS]]


def test_message_whose_identity_vanished_fails_without_retry(
    received, staff, django_capture_on_commit_callbacks
):
    with override_settings(MAILERS=FAILING):
        ask_for_info(received, staff, django_capture_on_commit_callbacks)
    message = OutboundMessage.objects.get(case=received)
    from aduan.cases.models import ReporterIdentity

    ReporterIdentity.objects.filter(case=received).delete()
    with time_machine.travel(clock.now() + dt.timedelta(minutes=2), tick=False):
        assert deliver(message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboundStatus.FAILED
    assert message.last_error == "NoRecipient"
    assert mail.outbox == []
