"""Public JSON API of the reporter's side (shared/API.md, "Public")."""

import datetime as dt
import json
from dataclasses import asdict
from typing import Literal

from django.http import FileResponse, HttpRequest
from ninja import Router, Schema, Status
from pydantic import ValidationError as PydanticValidationError

from aduan.cases.identity import ReporterData
from aduan.cases.models import Channel
from aduan.cases.services import NewReport
from aduan.cases.workflow import CaseStatus
from aduan.core.api_errors import fields_from_errors
from aduan.core.errors import NotFound, ValidationFailed
from aduan.protection.selectors import reporter_protection_json

from . import proof, services, stats, throttle
from .selectors import reporter_attachment, reporter_view_for

router = Router(auth=None, tags=["Pelapor"])


class ReporterIn(Schema):
    name: str = ""
    nik: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    is_asn: bool = False
    nip: str = ""


class ReportIn(Schema):
    kind: Literal["complaint", "aspiration", "information_request"]
    title: str
    description: str
    category: str | None = None
    occurred_on: dt.date | None = None
    location: str = ""
    regency: str | None = None
    privacy: Literal["open", "confidential", "anonymous"]
    is_public: bool = False
    reporter: ReporterIn | None = None
    assistance: str = ""


class ProofOut(Schema):
    code: str
    fingerprint: str
    signature: str


class ReportCreated(Schema):
    tracking_number: str
    receipt: str
    status: str
    status_label: str
    received_at: dt.datetime
    verification_due_at: dt.datetime | None
    proof: ProofOut


class TrackIn(Schema):
    tracking_number: str
    receipt: str


class MessageIn(TrackIn):
    body: str


class FeedbackIn(TrackIn):
    rating: int
    satisfied: bool
    comment: str = ""
    objection: bool = False  # true: object to the answer (reopens the case)


class ProofIn(Schema):
    code: str


def parse(request: HttpRequest, schema: type[Schema]) -> tuple[Schema, list]:
    """JSON body, or multipart with the JSON in `payload` and files in `attachments` (the
    endpoints that take files, here and in aduan.whistleblowing.public_api)."""
    files: list = []
    if request.content_type == "multipart/form-data":
        raw = request.POST.get("payload", "")
        files = request.FILES.getlist("attachments")
    else:
        raw = request.body.decode("utf-8", errors="replace")
    try:
        data = json.loads(raw or "null")
    except json.JSONDecodeError:
        raise ValidationFailed(fields={"payload": ["JSON tidak valid."]}) from None
    if not isinstance(data, dict):
        raise ValidationFailed(fields={"payload": ["Harus berupa objek JSON."]})
    try:
        return schema.model_validate(data), files
    except PydanticValidationError as exc:
        raise ValidationFailed(fields=fields_from_errors(exc.errors())) from None


def multipart_doc(schema: type[Schema]) -> dict:
    """The OpenAPI request body of an endpoint `parse` reads: JSON, or multipart."""
    body = {"$ref": f"#/components/schemas/{schema.__name__}"}
    return {
        "requestBody": {
            "content": {
                "application/json": {"schema": body},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "payload": {"type": "string", "description": "JSON body"},
                            "attachments": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                            },
                        },
                    }
                },
            }
        }
    }


def created_json(case, receipt: str) -> dict:
    """What the 201 of a new report says of its case, here and for a WBS report (each
    endpoint's response schema picks and orders the fields)."""
    return {
        "tracking_number": case.tracking_number,
        "receipt": receipt,
        "status": case.status,
        "status_label": CaseStatus(case.status).label,
        "received_at": case.received_at,
        "verification_due_at": case.verification_due_at,
    }


def report_from(data: ReportIn, channel: str) -> NewReport:
    return NewReport(
        kind=data.kind,
        title=data.title,
        description=data.description,
        privacy=data.privacy,
        channel=channel,
        category_code=data.category or "",
        occurred_on=data.occurred_on,
        location=data.location,
        regency_code=data.regency or "",
        is_public=data.is_public,
        assistance=data.assistance,
        reporter=ReporterData(**data.reporter.model_dump()) if data.reporter else None,
    )


@router.post(
    "/reports",
    response={201: ReportCreated},
    summary="Kirim laporan (JSON, atau multipart dengan berkas bukti)",
    openapi_extra=multipart_doc(ReportIn),
)
def create_report(request: HttpRequest):
    data, files = parse(request, ReportIn)
    submission = services.submit_report(report_from(data, Channel.API), files)
    return Status(
        201,
        {
            **created_json(submission.case, submission.receipt),
            "proof": {
                "code": submission.proof.code,
                "fingerprint": submission.proof.fingerprint,
                "signature": submission.proof.signature,
            },
        },
    )


def _view_json(case, receipt: str) -> dict:
    view = reporter_view_for(case, receipt)
    answer = {
        "tracking_number": view.tracking_number,
        "kind": view.kind,
        "status": view.status,
        "status_label": view.status_label,
        "explanation": view.explanation,
        "title": view.title,
        "received_at": view.received_at,
        "due_at": view.due_at,
        "timeline": [
            {
                "at": e.at,
                "status": e.status,
                "status_label": e.status_label,
                "note": e.note,
                "action": e.action,
            }
            for e in view.timeline
        ],
        "messages": [
            {
                "id": m.id,
                "at": m.at,
                "from": m.sender,
                "body": m.body,
                "attachments": [a.__dict__ for a in m.attachments],
            }
            for m in view.messages
        ],
        "evidence": [a.__dict__ for a in view.evidence],
        "result": view.result,
        "can_reply": view.can_reply,
        "can_give_feedback": view.can_give_feedback,
        "can_object": view.can_object,
        # Issue 6: the reporter's protection requests and retaliation reports.
        "protection": reporter_protection_json(case),
    }
    if view.report is not None:  # a sealed WBS case: the reporter's own 4W+1H, opened
        answer["report"] = asdict(view.report)
    return answer


@router.post("/track", summary="Lacak laporan dengan nomor pelacakan dan kode akses")
def track(request: HttpRequest, data: TrackIn):
    case, _ = services.open_case(throttle.client_key(request), data.tracking_number, data.receipt)
    return _view_json(case, data.receipt)


@router.get("/track/{tracking_number}/status", summary="Status saja, tanpa isi laporan")
def track_status(request: HttpRequest, tracking_number: str):
    case = services.status_only(throttle.client_key(request), tracking_number)
    return {
        "tracking_number": case.tracking_number,
        "status": case.status,
        "status_label": CaseStatus(case.status).label,
    }


@router.post(
    "/track/messages",
    response={201: dict},
    summary="Kirim pesan atau kelengkapan (dengan berkas bukti)",
    openapi_extra=multipart_doc(MessageIn),
)
def track_message(request: HttpRequest):
    data, files = parse(request, MessageIn)
    case, actor = services.open_case(
        throttle.client_key(request), data.tracking_number, data.receipt
    )
    message = services.send_message(case, actor, data.body, files, receipt=data.receipt)
    return Status(201, {"id": message.pk, "at": message.at})


@router.post("/track/feedback", summary="Beri penilaian atau ajukan keberatan")
def track_feedback(request: HttpRequest, data: FeedbackIn):
    case, actor = services.open_case(
        throttle.client_key(request), data.tracking_number, data.receipt
    )
    services.rate(
        case,
        actor,
        rating=data.rating,
        satisfied=data.satisfied,
        comment=data.comment,
        objection=data.objection,
    )
    case.refresh_from_db(fields=["status"])
    return {"status": case.status, "status_label": CaseStatus(case.status).label}


@router.post("/track/attachments/{attachment_id}", summary="Unduh lampiran laporan sendiri")
def track_attachment(request: HttpRequest, attachment_id: int, data: TrackIn):
    case, _ = services.open_case(throttle.client_key(request), data.tracking_number, data.receipt)
    attachment = reporter_attachment(case, attachment_id)
    if attachment is None:
        raise NotFound()
    response = FileResponse(
        iter([services.reporter_file(case, attachment, data.receipt)]),
        content_type=attachment.content_type,
    )
    response["Content-Disposition"] = f'attachment; filename="lampiran-{attachment.pk}"'
    response["Cache-Control"] = "no-store"
    return response


@router.post("/proofs/verify", summary="Periksa bukti laporan")
def verify_proof(request: HttpRequest, data: ProofIn):
    checked = proof.verify_code(data.code)
    if checked is None:
        return {"valid": False}
    return {
        "valid": True,
        "tracking_number": checked.tracking_number,
        "received_at": checked.received_local,
        "fingerprint": checked.fingerprint,
    }


@router.get("/stats", summary="Statistik publik")
def public_stats(request: HttpRequest):
    return stats.public_stats()
