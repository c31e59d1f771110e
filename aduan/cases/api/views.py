"""Staff JSON API for cases (shared/API.md, "Staff"): list, detail, files and actions.

Views parse -> access -> service -> render. Every read goes through aduan.cases.access and
aduan.cases.selectors; every action through its service. Forbidden and missing are the same
404; a visible case and a role that may not act is 403; a wrong state is 409.
"""

import json
import re

from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import Router
from pydantic import ValidationError as PydanticValidationError

from aduan.accounts.api_auth import staff_auth
from aduan.accounts.roles import Role
from aduan.core.api_errors import fields_from_errors
from aduan.core.errors import NotFound, NotPermitted, SealedContentLocked, ValidationFailed
from aduan.intake.services import discard_evidence, store_evidence
from aduan.intake.storage import open_stored

from .. import access, services
from ..actors import role_of
from ..models import CaseKind
from ..selectors import (
    STAFF_ACTIONS,
    CaseFilters,
    actor_assignment,
    case_detail,
    case_list,
    parse_page,
    staff_attachment,
)
from ..selectors.lists import MAX_PER_PAGE, is_status_only
from ..workflow import ASSIGNMENT_LEVEL_ACTIONS, role_may
from .schemas import ACTION_BODIES, ActionIn, CaseDetailOut, CasePageOut, RevealIn, RevealOut
from .shapes import detail_json, page_json

router = Router(auth=staff_auth, tags=["Staf"])
TRACKING_NUMBER = re.compile(r"\A[A-Za-z0-9-]{1,24}\Z")


def get_case_for(actor, tracking_number: str):
    """The access function, behind a format check: a path no tracking number can have (NUL,
    emoji, 300 characters) is the same 404 without reaching the database."""
    if not TRACKING_NUMBER.match(tracking_number):
        raise NotFound()
    return access.get_case_for(actor, tracking_number=tracking_number.upper())


LIST_PARAMETERS = [
    {"name": name, "in": "query", "required": False, "schema": schema, "description": text}
    for name, schema, text in [
        ("status", {"type": "string"}, "Status laporan (received, routed, ...)"),
        ("kind", {"type": "string"}, "complaint, aspiration, information_request, whistleblowing"),
        ("agency", {"type": "string"}, "Kode instansi yang menerima disposisi"),
        ("category", {"type": "string"}, "Kode kategori"),
        ("channel", {"type": "string"}, "Kanal (web, api, letter, ...)"),
        ("overdue", {"type": "boolean"}, "Hanya yang lewat batas waktu"),
        ("due_within", {"type": "integer"}, "Jatuh tempo dalam N hari kerja"),
        ("from", {"type": "string", "format": "date"}, "Diterima sejak (tanggal WITA)"),
        ("to", {"type": "string", "format": "date"}, "Diterima sampai (tanggal WITA)"),
        ("returned", {"type": "boolean"}, "Dikembalikan oleh semua OPD"),
        ("q", {"type": "string"}, "Cari judul dan uraian, atau nomor pelacakan"),
        ("page", {"type": "integer"}, "Halaman, mulai 1"),
        ("per_page", {"type": "integer"}, f"Baris per halaman (1..{MAX_PER_PAGE}, bawaan 50)"),
    ]
]


@router.get(
    "",
    response=CasePageOut,
    summary="Daftar laporan yang boleh dilihat pemanggil",
    openapi_extra={"parameters": LIST_PARAMETERS},
)
def list_cases(request: HttpRequest):
    """Unknown or malformed filter values are ignored (never an error)."""
    per_page = parse_page(request.GET.get("per_page", 50))
    page = case_list(
        request.auth,
        CaseFilters.from_query(request.GET),
        page=parse_page(request.GET.get("page", 1)),
        per_page=per_page,
    )
    return page_json(page)


@router.get(
    "/{tracking_number}",
    response=CaseDetailOut,
    by_alias=True,
    summary="Rincian laporan (identitas hanya bila peran dan kerahasiaan mengizinkan)",
)
def get_case(request: HttpRequest, tracking_number: str):
    case = get_case_for(request.auth, tracking_number)
    return detail_json(case_detail(request.auth, case))


@router.get(
    "/{tracking_number}/attachments/{attachment_id}",
    summary="Unduh lampiran laporan",
    response={200: None},
)
def get_attachment(request: HttpRequest, tracking_number: str, attachment_id: int):
    case = get_case_for(request.auth, tracking_number)
    attachment = staff_attachment(request.auth, case, attachment_id)
    if case.kind == CaseKind.WHISTLEBLOWING and _wbs().is_sealed_file(attachment):
        raise SealedContentLocked()  # the key is unlocked only in the back office
    response = FileResponse(
        iter([open_stored(attachment.storage_name)]), content_type=attachment.content_type
    )
    response["Content-Disposition"] = f'attachment; filename="lampiran-{attachment.pk}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _body(request: HttpRequest, schema: type[ActionIn]) -> ActionIn:
    """JSON, or multipart with the JSON in `payload` (files in `attachments`)."""
    if request.content_type == "multipart/form-data":
        raw = request.POST.get("payload", "").strip()
    else:
        raw = request.body.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(raw) if raw else {}
    except json.JSONDecodeError:
        raise ValidationFailed(fields={"__all__": ["JSON tidak valid."]}) from None
    if not isinstance(data, dict):
        raise ValidationFailed(fields={"__all__": ["Harus berupa objek JSON."]})
    try:
        return schema.model_validate(data)
    except PydanticValidationError as exc:
        raise ValidationFailed(fields=fields_from_errors(exc.errors())) from None


def _wbs():
    """The WBS officer's handling (issue 6), loaded late: that app builds on this one."""
    from aduan.whistleblowing import handling

    return handling


def _perform(actor, case, action: str, data: ActionIn, files=()) -> None:
    # A sealed WBS case: what would be written is sealed, and over the API the officer holds
    # no unlocked key, so those actions answer 409 (open the case in the back office).
    wbs = case.kind == CaseKind.WHISTLEBLOWING or action in _wbs().OFFICER_ACTIONS
    if wbs and _wbs().perform(actor, case, action, data.model_dump(), private_key=None):
        return
    if action in ASSIGNMENT_LEVEL_ACTIONS:
        assignment = actor_assignment(actor, case)
        if assignment is None:
            raise NotFound()
        match action:
            case "accept":
                services.accept(actor, assignment, note=data.note)
            case "return":
                services.return_assignment(actor, assignment, reason=data.reason)
            case "update":
                services.update(
                    actor,
                    assignment,
                    note=data.note,
                    visible_to_reporter=data.visible_to_reporter,
                )
            case "submit_result":
                stored = store_evidence(files)
                try:
                    services.submit_result(actor, assignment, summary=data.summary, evidence=stored)
                except BaseException:
                    discard_evidence(stored)
                    raise
            case "approve_result":
                services.approve_result(actor, assignment)
        return
    match action:
        case "classify":
            services.classify(
                actor,
                case,
                kind=data.kind,
                category=data.category,
                supervision_class=data.supervision_class,
                title=data.title,
            )
        case "request_info":
            services.request_info(actor, case, message=data.message)
        case "archive":
            services.archive(
                actor, case, reason=data.reason, note=data.note, duplicate_of=data.duplicate_of
            )
        case "refer_out":
            services.refer_out(actor, case, destination=data.destination, note=data.note)
        case "route":
            services.route(actor, case, agencies=data.agencies, instructions=data.instructions)
        case "publish_result":
            services.publish_result(actor, case, message=data.message)
        case "close":
            services.close(actor, case, note=data.note)


# Registered before `act`, whose /actions/{action} would otherwise match it first.
@router.post(
    "/{tracking_number}/actions/reveal_identity",
    response=RevealOut,
    summary="Buka identitas pelapor (kustodian; alasan wajib, dicatat, pelapor diberi tahu)",
)
def reveal_identity(request: HttpRequest, tracking_number: str, response: HttpResponse):
    """Only the custodian, with a reason of at least a sentence. Anyone else: 404 for a case
    they cannot see, 403 for one they can. The identity is in this answer only (no-store)."""
    actor = request.auth
    response["Cache-Control"] = "no-store"
    if role_of(actor) != Role.CUSTODIAN:
        get_case_for(actor, tracking_number)
        raise NotPermitted()
    case = services.custodian.case_for_custodian(actor, tracking_number)
    data = _body(request, RevealIn)
    revealed = services.reveal_identity(actor, case, data.reason)
    i = revealed.identity
    return {
        "tracking_number": revealed.tracking_number,
        "status": revealed.status,
        "revealed_at": revealed.at,
        "identity": {
            "name": i.name,
            "nik": i.nik,
            "phone": i.phone,
            "email": i.email,
            "address": i.address,
            "is_asn": i.is_asn,
            "nip": i.nip,
        },
    }


ACTION_DOC = (
    "Tindakan pada laporan. `action` salah satu dari: "
    + ", ".join(f"`{a}`" for a in STAFF_ACTIONS)
    + ". Isi (JSON) menurut tindakannya; jawabannya rincian laporan yang baru. "
    "Lampiran hasil (multipart) belum diterima di sini."
)


@router.post(
    "/{tracking_number}/actions/{action}",
    response=CaseDetailOut,
    by_alias=True,
    summary="Lakukan tindakan alur kerja",
    description=ACTION_DOC,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            {**schema.model_json_schema(), "title": name}
                            for name, schema in ACTION_BODIES.items()
                        ]
                    }
                }
            }
        }
    },
)
def act(request: HttpRequest, tracking_number: str, action: str):
    actor = request.auth
    if action not in ACTION_BODIES:
        raise NotFound()
    case = get_case_for(actor, tracking_number)
    if not role_may(role_of(actor), action):
        raise NotPermitted()
    codes = list(case.assignments.values_list("agency__code", flat=True))
    if is_status_only(role_of(actor), case, codes):
        raise NotPermitted()
    data = _body(request, ACTION_BODIES[action])
    files = request.FILES.getlist("attachments") if action == "submit_result" else []
    _perform(actor, case, action, data, files)
    case = get_case_for(actor, tracking_number)
    return detail_json(case_detail(actor, case))
