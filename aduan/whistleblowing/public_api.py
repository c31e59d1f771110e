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
from aduan.intake.api import ReporterIn, created_json, multipart_doc, parse

from . import portal
from .services import WbsReport

router = Router(auth=None, tags=["WBS"])


class WbsReporterIn(ReporterIn):
    """Optional: giving it makes the report confidential (sealed for the custodians only)."""


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
    openapi_extra=multipart_doc(WbsReportIn),
)
def create_wbs_report(request: HttpRequest):
    data, files = parse(request, WbsReportIn)
    case, receipt = portal.receive(report_from(data, Channel.API), files)
    return Status(201, {**created_json(case, receipt), "privacy": case.privacy})
