"""How outbound messages leave the system: one interface for every channel.

`send(outgoing)` hands one message to the gateway of its channel, or raises. E-mail goes
through Django's MAILERS; SMS and WhatsApp each through the gateway their setting names
(`ADUAN_SMS_GATEWAY`, `ADUAN_WHATSAPP_GATEWAY`):

    {"BACKEND": "console" | "webhook", "URL": "https://...", "TOKEN": "...", "TIMEOUT": 10}

- console: writes to the log *that* a message left on a channel for outbound #id, never the
  number or the text (development).
- webhook: HTTP POST of JSON {"to": ..., "text": ...} to URL, with `Authorization: Bearer
  TOKEN` when a token is set; any non-2xx answer or network error raises.

No setting (None) → ChannelUnavailable. Exceptions raised here are recorded by class name
only (the delivery never stores or logs their message: transport errors quote addresses).
"""

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage

from aduan.cases.identity import normalise_phone

from .models import Channel

logger = logging.getLogger(__name__)

MAILER_ALIAS = "default"
DEFAULT_TIMEOUT = 10.0
GATEWAY_SETTINGS = {
    Channel.SMS: "ADUAN_SMS_GATEWAY",
    Channel.WHATSAPP: "ADUAN_WHATSAPP_GATEWAY",
}


class ChannelUnavailable(Exception):
    """No gateway is configured for this channel."""


class GatewayMisconfigured(Exception):
    """The gateway setting names an unknown backend or an unusable URL."""


class GatewayRejected(Exception):
    """The webhook answered, but not with a 2xx status."""


@dataclass(frozen=True)
class Outgoing:
    """One message on its way out. `address` and the text exist only in memory."""

    outbound_id: int
    channel: str
    address: str
    subject: str
    text: str


class EmailGateway:
    def send(self, outgoing: Outgoing) -> None:
        EmailMessage(
            subject=outgoing.subject,
            body=outgoing.text,
            to=[outgoing.address],
            headers={"Auto-Submitted": "auto-generated"},
        ).send(using=MAILER_ALIAS)


class ConsoleGateway:
    """Development: says that a message was sent, and nothing of what or to whom."""

    def send(self, outgoing: Outgoing) -> None:
        logger.info(
            "console gateway: %s message sent for outbound #%s",
            outgoing.channel,
            outgoing.outbound_id,
        )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is not a delivery: urllib would re-send the POST as a GET elsewhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class WebhookGateway:
    def __init__(self, url: str, token: str = "", timeout: float = DEFAULT_TIMEOUT) -> None:
        if not url.startswith(("http://", "https://")):
            raise GatewayMisconfigured()
        self.url = url
        self.token = token
        self.timeout = timeout

    def send(self, outgoing: Outgoing) -> None:
        body = json.dumps({"to": outgoing.address, "text": outgoing.text}).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        # The scheme is checked in __init__ (http/https only).
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")  # noqa: S310
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=self.timeout) as response:
                status = response.status
        except urllib.error.HTTPError as error:  # 4xx/5xx, and refused redirects
            error.close()
            raise GatewayRejected() from None
        if not 200 <= status < 300:
            raise GatewayRejected()


def _configured(channel: str) -> dict | None:
    name = GATEWAY_SETTINGS.get(channel)
    config = getattr(settings, name, None) if name else None
    return config or None


def is_available(channel: str) -> bool:
    """Is there a gateway for this channel? (E-mail always has one.)"""
    return channel == Channel.EMAIL or _configured(channel) is not None


def gateway_for(channel: str):
    if channel == Channel.EMAIL:
        return EmailGateway()
    config = _configured(channel)
    if config is None:
        raise ChannelUnavailable()
    backend = str(config.get("BACKEND", "")).lower()
    if backend == "console":
        return ConsoleGateway()
    if backend == "webhook":
        return WebhookGateway(
            url=str(config.get("URL") or ""),
            token=str(config.get("TOKEN") or ""),
            timeout=float(config.get("TIMEOUT") or DEFAULT_TIMEOUT),
        )
    raise GatewayMisconfigured()


def send(outgoing: Outgoing) -> None:
    """Hands the message to its channel's gateway; raises on any failure."""
    if outgoing.channel in GATEWAY_SETTINGS:
        outgoing = Outgoing(
            outbound_id=outgoing.outbound_id,
            channel=outgoing.channel,
            address=normalise_phone(outgoing.address),  # 62…, digits only
            subject=outgoing.subject,
            text=outgoing.text,
        )
    gateway_for(outgoing.channel).send(outgoing)
