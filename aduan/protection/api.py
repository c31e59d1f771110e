"""Public JSON API of protection (the reporter holding the receipt), beside /api/v1/track:

- POST /api/v1/track/protection  {tracking_number, receipt, kind, description}
- POST /api/v1/track/retaliation {tracking_number, receipt, adverse_action, description}

Both answer 201 with the new record as /api/v1/track lists it under "protection". Wrong number
and wrong receipt give the one 404 of /api/v1/track, throttled alike.
"""

from django.http import HttpRequest
from ninja import Router, Status

from aduan.intake import services as intake_services
from aduan.intake import throttle
from aduan.intake.api import TrackIn

from . import services
from .selectors import reporter_protection_json

router = Router(auth=None, tags=["Pelapor"])


class ProtectionIn(TrackIn):
    kind: str
    description: str


class RetaliationIn(TrackIn):
    adverse_action: str
    description: str


def _open_case(request: HttpRequest, data: TrackIn):
    """The case and its reporter actor, checked and throttled as by /api/v1/track."""
    return intake_services.open_case(
        throttle.client_key(request), data.tracking_number, data.receipt
    )


def _created(case, record) -> Status:
    entry = next(p for p in reporter_protection_json(case) if p["reference"] == record.reference)
    return Status(201, entry)


@router.post(
    "/track/protection",
    response={201: dict},
    summary="Minta perlindungan pelapor (kerahasiaan, ancaman, mutasi, bantuan, LPSK)",
)
def request_protection(request: HttpRequest, data: ProtectionIn):
    case, actor = _open_case(request, data)
    record = services.request_protection(actor, case, kind=data.kind, description=data.description)
    return _created(case, record)


@router.post(
    "/track/retaliation",
    response={201: dict},
    summary="Laporkan pembalasan terhadap pelapor (diteruskan kepada Inspektorat)",
)
def report_retaliation(request: HttpRequest, data: RetaliationIn):
    case, actor = _open_case(request, data)
    record = services.report_retaliation(
        actor, case, adverse_action=data.adverse_action, description=data.description
    )
    return _created(case, record)
