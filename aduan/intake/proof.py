"""Proof of report (bukti laporan): tracking number, time received and a fingerprint of what
was submitted, signed by the system (Ed25519). /verifikasi checks it later, so a reporter can
prove that — and when — they reported, without revealing who they are."""

import datetime as dt
import re
from dataclasses import dataclass

from aduan import crypto
from aduan.cases.models import Case
from aduan.core import clock

DOMAIN = "aduan-bukti-v1"
CODE_PATTERN = re.compile(
    r"^(?P<number>[A-Z]{3}-\d{4}-[A-Z0-9]{4,12})\.(?P<ts>\d{9,11})\.(?P<fp>[0-9a-f]{64})\."
    r"(?P<sig>[A-Za-z0-9_-]{80,90})$"
)


@dataclass(frozen=True)
class Proof:
    tracking_number: str
    received_at: dt.datetime
    fingerprint: str
    signature: str

    @property
    def code(self) -> str:
        """One line to copy, print or paste into /verifikasi."""
        stamp = int(self.received_at.timestamp())
        return f"{self.tracking_number}.{stamp}.{self.fingerprint}.{self.signature}"

    @property
    def received_local(self) -> dt.datetime:
        return clock.local(self.received_at)


def _message(tracking_number: str, stamp: int, fingerprint: str) -> bytes:
    return f"{DOMAIN}|{tracking_number}|{stamp}|{fingerprint}".encode()


def issue(case: Case) -> Proof:
    received = case.received_at.replace(microsecond=0)
    stamp = int(received.timestamp())
    signature = crypto.sign(_message(case.tracking_number, stamp, case.content_fingerprint))
    return Proof(case.tracking_number, received, case.content_fingerprint, signature)


def verify_code(code: str) -> Proof | None:
    """The proof if its signature is ours and the case it names exists as stated."""
    match = CODE_PATTERN.match("".join(code.split()))
    if not match:
        return None
    number, stamp, fingerprint = match["number"], int(match["ts"]), match["fp"]
    if not crypto.verify(_message(number, stamp, fingerprint), match["sig"]):
        return None
    received = dt.datetime.fromtimestamp(stamp, tz=dt.UTC)
    exists = Case.objects.filter(
        tracking_number=number,
        content_fingerprint=fingerprint,
        received_at__gte=received,
        received_at__lt=received + dt.timedelta(seconds=1),
    ).exists()
    return Proof(number, received, fingerprint, match["sig"]) if exists else None
