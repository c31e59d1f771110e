"""Outbox retries on a failing gateway (issue 5, "tests that must exist"): backoff of 1, 5, 25
and 125 minutes, then it gives up, visibly, on the sysadmin's page, and "Coba lagi" sends it."""

import dataclasses
import datetime as dt
import logging

import time_machine

from aduan.cases.tests.builders import REPORTER_DATA, build
from aduan.core import clock
from aduan.core.models import AuditRecord
from aduan.notifications.delivery import MAX_ATTEMPTS, backoff, deliver, deliver_due
from aduan.notifications.models import Channel, OutboundMessage, OutboundStatus

PHONE_ONLY = dataclasses.replace(REPORTER_DATA, email="")
START = dt.datetime(2026, 3, 16, 10, 0, tzinfo=clock.WITA)


def test_failing_webhook_backs_off_gives_up_and_shows_on_the_outbox_page(
    staff, settings, webhook, client, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    settings.ADUAN_SMS_GATEWAY = webhook.config()
    webhook.status = 500
    with (
        time_machine.travel(START, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        case = build("needs_info", staff, reporter=PHONE_ONLY)
    message = OutboundMessage.objects.get(case=case)
    assert message.channel == Channel.SMS
    assert (message.status, message.attempts) == (OutboundStatus.PENDING, 1)
    assert message.last_error == "GatewayRejected"
    assert message.next_attempt_at == START + dt.timedelta(minutes=1)

    moment, waits = START, []
    for attempt in range(2, MAX_ATTEMPTS + 1):
        wait = message.next_attempt_at - moment
        waits.append(wait)
        with time_machine.travel(moment + wait - dt.timedelta(seconds=1), tick=False):
            assert deliver_due() == 0  # not yet
        moment = moment + wait
        with time_machine.travel(moment, tick=False):
            assert deliver_due() == 0  # tried, failed again
        message.refresh_from_db()
        assert message.attempts == attempt
    assert waits == [dt.timedelta(minutes=m) for m in (1, 5, 25, 125)]
    assert waits == [backoff(n) for n in range(1, MAX_ATTEMPTS)]
    assert message.status == OutboundStatus.FAILED
    assert message.next_attempt_at is None
    assert len(webhook.requests) == MAX_ATTEMPTS

    with time_machine.travel(moment + dt.timedelta(days=2), tick=False):
        assert deliver_due() == 0  # given up: no more tries
        assert deliver(message.pk) is False
    assert len(webhook.requests) == MAX_ATTEMPTS
    assert "6281250001234" not in caplog.text and "0812" not in caplog.text

    # Visible to the sysadmin, without the address.
    client.force_login(staff["sysadmin"])
    page = client.get("/staf/pesan-keluar").content.decode()
    assert f"#{message.pk}" in page
    assert "GatewayRejected" in page and "Gagal" in page and "Coba lagi" in page
    assert case.tracking_number in page
    assert "6281250001234" not in page and "Siti" not in page and case.title not in page

    # "Coba lagi": back in the queue with fresh attempts, sent once the gateway answers.
    webhook.status = 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staf/pesan-keluar/{message.pk}/coba-lagi")
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == OutboundStatus.SENT
    assert message.attempts == 1
    assert len(webhook.requests) == MAX_ATTEMPTS + 1
    audit = AuditRecord.objects.get(action="outbound_retry")
    assert audit.actor == staff["sysadmin"].username
    assert audit.target == f"outbound:{message.pk}"
    assert audit.details["attempts"] == MAX_ATTEMPTS
    assert audit.details["last_error"] == "GatewayRejected"
    assert "6281250001234" not in str(audit.details)
    after = client.get("/staf/pesan-keluar").content.decode()
    assert "dimasukkan kembali ke antrean" in after  # the flash message, once
    assert "Tidak ada pesan yang gagal atau menunggu." in after
