"""SMS / WhatsApp gateways behind one interface: the webhook and console backends, and the
reporter's content-free SMS when they left only a phone number."""

import dataclasses
import logging
import socket
import urllib.error

import pytest
from django.core import mail

from aduan.cases.models import CaseEvent
from aduan.cases.tests.builders import REPORTER_DATA, build
from aduan.notifications import gateways
from aduan.notifications.content import REPORTER_CASE_UPDATED
from aduan.notifications.gateways import (
    ChannelUnavailable,
    GatewayMisconfigured,
    GatewayRejected,
    Outgoing,
)
from aduan.notifications.models import Channel, OutboundMessage, OutboundStatus

PHONE = "6281250001234"  # REPORTER_DATA.phone as stored
PHONE_ONLY = dataclasses.replace(REPORTER_DATA, email="")


def sms(text="Ada pembaruan.", address="0812 5000 1234", channel=Channel.SMS) -> Outgoing:
    return Outgoing(outbound_id=7, channel=channel, address=address, subject="", text=text)


def test_webhook_posts_json_with_bearer_token(webhook, settings):
    settings.ADUAN_WHATSAPP_GATEWAY = webhook.config(token="tok-123")
    gateways.send(sms("Halo.", channel=Channel.WHATSAPP))
    (request,) = webhook.requests
    assert request["path"] == "/kirim"
    assert request["body"] == {"to": PHONE, "text": "Halo."}
    assert request["headers"]["Authorization"] == "Bearer tok-123"
    assert request["headers"]["Content-Type"] == "application/json"


def test_webhook_without_token_sends_no_authorization(webhook, settings):
    settings.ADUAN_SMS_GATEWAY = webhook.config(token="")
    gateways.send(sms())
    assert "Authorization" not in webhook.requests[0]["headers"]


@pytest.mark.parametrize("status", [500, 404, 401, 302])
def test_webhook_non_2xx_raises(webhook, settings, status):
    settings.ADUAN_SMS_GATEWAY = webhook.config()
    webhook.status = status
    with pytest.raises(GatewayRejected):
        gateways.send(sms())
    assert len(webhook.requests) == 1  # a redirect is not followed


def test_webhook_network_error_raises(settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.ADUAN_SMS_GATEWAY = {"BACKEND": "webhook", "URL": f"http://127.0.0.1:{port}/x"}
    with pytest.raises(urllib.error.URLError):
        gateways.send(sms())


@pytest.mark.parametrize(
    "config",
    [
        {"BACKEND": "webhook", "URL": "file:///etc/passwd"},
        {"BACKEND": "webhook", "URL": ""},
        {"BACKEND": "carrier-pigeon"},
    ],
)
def test_misconfigured_gateway_raises(settings, config):
    settings.ADUAN_SMS_GATEWAY = config
    with pytest.raises(GatewayMisconfigured):
        gateways.send(sms())


def test_no_gateway_configured_means_channel_unavailable(settings):
    settings.ADUAN_SMS_GATEWAY = None
    settings.ADUAN_WHATSAPP_GATEWAY = None
    assert not gateways.is_available(Channel.SMS)
    assert gateways.is_available(Channel.EMAIL)
    for channel in (Channel.SMS, Channel.WHATSAPP):
        with pytest.raises(ChannelUnavailable):
            gateways.send(sms(channel=channel))


def test_console_gateway_logs_the_channel_and_id_only(settings, caplog):
    settings.ADUAN_SMS_GATEWAY = {"BACKEND": "console"}
    caplog.set_level(logging.DEBUG)
    gateways.send(sms("Rahasia: Siti Rahmah melapor."))
    assert "sms message sent for outbound #7" in caplog.text
    for secret in (PHONE, "0812", "5000 1234", "Siti", "Rahasia"):
        assert secret not in caplog.text


def test_phone_only_reporter_gets_a_content_free_sms(
    staff, settings, caplog, django_capture_on_commit_callbacks
):
    settings.ADUAN_SMS_GATEWAY = {"BACKEND": "console"}
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        case = build("needs_info", staff, reporter=PHONE_ONLY)
    message = OutboundMessage.objects.get(case=case)
    assert message.channel == Channel.SMS
    assert message.template == REPORTER_CASE_UPDATED
    assert message.status == OutboundStatus.SENT
    assert message.event == CaseEvent.objects.get(case=case, action="request_info")
    assert mail.outbox == []
    assert f"sms message sent for outbound #{message.pk}" in caplog.text
    for secret in (PHONE, "0812", "Siti", "Rahmah", case.tracking_number, case.title):
        assert secret not in caplog.text


def test_phone_only_reporter_sms_body_is_content_free(
    staff, settings, webhook, django_capture_on_commit_callbacks
):
    settings.ADUAN_SMS_GATEWAY = webhook.config()
    with django_capture_on_commit_callbacks(execute=True):
        case = build("needs_info", staff, reporter=PHONE_ONLY)
    (request,) = webhook.requests
    assert request["body"]["to"] == PHONE
    text = request["body"]["text"]
    assert "/lacak" in text and len(text) <= 160
    for secret in (case.tracking_number, case.title, "Siti", "foto lokasi", "Perlu"):
        assert secret.lower() not in text.lower()


def test_reporter_with_email_still_gets_email_not_sms(
    staff, settings, webhook, django_capture_on_commit_callbacks
):
    settings.ADUAN_SMS_GATEWAY = webhook.config()
    with django_capture_on_commit_callbacks(execute=True):
        case = build("needs_info", staff)
    assert OutboundMessage.objects.get(case=case).channel == Channel.EMAIL
    assert len(mail.outbox) == 1
    assert webhook.requests == []


def test_phone_only_reporter_without_gateway_gets_nothing(
    staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        build("needs_info", staff, reporter=PHONE_ONLY)
    assert not OutboundMessage.objects.exists()
