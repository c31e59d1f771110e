"""The WBS portal's JSON API (shared/API.md, "WBS intake lives under /api/v1/wbs/..."):
`POST /api/v1/wbs/reports`, JSON or multipart like `POST /api/v1/reports`. The case is followed
through the same `POST /api/v1/track` (aduan.intake.api), which opens a sealed WBS report with
the receipt. docs/api-wbs.md describes it."""

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status

from aduan.cases.identity import ReporterData
from aduan.cases.models import Channel
from aduan.cases.workflow import CaseStatus
from aduan.intake.api import _multipart_doc, _parse

from . import portal
from .services import WbsReport

router = Router(auth=None, tags=["WBS"])


class WbsReporterIn(Schema):
    """Optional: giving it makes the report confidential (sealed for the custodians only)."""

    name: str = ""
    nik: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    is_asn: bool = False
    nip: str = ""


class WbsReportIn(Schema):
    what: str
    reported_name: str
    reported_position: str = ""
    reported_agency: str | None = None
    reported_rank: Literal["other", "inspektur", "sekda"] = "other"
    where: str = ""
    when: str = ""
    how: str = ""
    title: str = ""
    reporter: WbsReporterIn | None = None


class WbsReportCreated(Schema):
    tracking_number: str
    receipt: str
    status: str
    status_label: str
    privacy: str
    received_at: dt.datetime
    verification_due_at: dt.datetime | None


def report_from(data: WbsReportIn, channel: str) -> WbsReport:
    reporter = None
    if data.reporter is not None:
        fields = data.reporter.model_dump()
        fields["is_asn"] = bool(fields["is_asn"] or fields["nip"].strip())
        reporter = ReporterData(**fields)
    return WbsReport(
        what=data.what,
        reported_name=data.reported_name,
        reported_position=data.reported_position,
        reported_agency_code=data.reported_agency or "",
        reported_rank=data.reported_rank,
        where=data.where,
        when=data.when,
        how=data.how,
        title=data.title,
        reporter=reporter,
        channel=channel,
    )


@router.post(
    "/reports",
    response={201: WbsReportCreated},
    summary="Kirim laporan WBS (JSON, atau multipart dengan berkas bukti)",
    openapi_extra=_multipart_doc(WbsReportIn),
)
def create_wbs_report(request: HttpRequest):
    data, files = _parse(request, WbsReportIn)
    case, receipt = portal.receive(report_from(data, Channel.API), files)
    return Status(
        201,
        {
            "tracking_number": case.tracking_number,
            "receipt": receipt,
            "status": case.status,
            "status_label": CaseStatus(case.status).label,
            "privacy": case.privacy,
            "received_at": case.received_at,
            "verification_due_at": case.verification_due_at,
        },
    )
