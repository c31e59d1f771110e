"""Selector results -> the JSON of API.md (names of the contract, never renamed)."""

from aduan.core import clock

from ..selectors import AttachmentInfo, CaseDetail, CasePage, CaseRow


def _overdue(due_at) -> bool:
    return due_at is not None and due_at < clock.now()


def summary_json(row: CaseRow) -> dict:
    return {
        "tracking_number": row.tracking_number,
        "kind": row.kind,
        "kind_label": row.kind_label,
        "status": row.status,
        "status_label": row.status_label,
        "title": row.title,
        "category": row.category_code,
        "category_name": row.category_name,
        "channel": row.channel,
        "received_at": row.received_at,
        "due_at": row.due_at,
        "working_days_left": row.working_days_left,
        "overdue": _overdue(row.due_at),
        "returned": row.returned,
        "agencies": row.agencies,
        "restricted": row.restricted,
    }


def page_json(page: CasePage) -> dict:
    return {
        "items": [summary_json(row) for row in page.items],
        "page": page.page,
        "pages": page.pages,
        "total": page.total,
        "per_page": page.per_page,
    }


def _files(items: list[AttachmentInfo]) -> list[dict]:
    return [
        {
            "id": a.id,
            "content_type": a.content_type,
            "size": a.size,
            "source": a.source,
            "from_reporter": a.from_reporter,
            "at": a.at,
        }
        for a in items
    ]


def detail_json(d: CaseDetail) -> dict:
    identity = None
    if d.identity is not None:
        i = d.identity
        identity = {
            "name": i.name,
            "nik": i.nik,
            "phone": i.phone,
            "email": i.email,
            "address": i.address,
            "is_asn": i.is_asn,
            "nip": i.nip,
        }
    result = None
    if d.result_summary and d.status in ("answered", "closed"):
        result = {"summary": d.result_summary, "answered_at": d.answered_at}
    return {
        "tracking_number": d.tracking_number,
        "register_number": d.register_number,
        "kind": d.kind,
        "kind_label": d.kind_label,
        "supervision_class": d.supervision_class,
        "supervision_class_label": d.supervision_class_label,
        "privacy": d.privacy,
        "privacy_label": d.privacy_label,
        "channel": d.channel,
        "channel_label": d.channel_label,
        "is_public": d.is_public,
        "status": d.status,
        "status_label": d.status_label,
        "title": d.title,
        "description": d.description,
        "category": d.category_code,
        "category_name": d.category_name,
        "occurred_on": d.occurred_on,
        "location": d.location,
        "regency": d.regency_code,
        "regency_name": d.regency_name,
        "assistance": d.assistance,
        "received_at": d.received_at,
        "due_at": d.due_at,
        "verification_due_at": d.verification_due_at,
        "answered_at": d.answered_at,
        "closed_at": d.closed_at,
        "working_days_left": d.working_days_left,
        "overdue": _overdue(d.due_at),
        "returned": d.returned,
        "objection_count": d.objection_count,
        "archive_reason": d.archive_reason,
        "duplicate_of": d.duplicate_of,
        "referred_to": d.referred_to_code,
        "referred_to_name": d.referred_to_name,
        "result": result,
        "timeline": [
            {"at": e.at, "status": e.to_status, "status_label": e.status_label, "note": e.note}
            for e in d.events
            if e.visible_to_reporter
        ],
        "assignments": [
            {
                "id": a.id,
                "agency": a.agency_code,
                "agency_name": a.agency_name,
                "status": a.status,
                "status_label": a.status_label,
                "instructions": a.instructions,
                "routed_at": a.routed_at,
                "first_response_due_at": a.first_response_due_at,
                "due_at": a.due_at,
                "working_days_left": a.working_days_left,
                "accepted_at": a.accepted_at,
                "result_submitted_at": a.result_submitted_at,
                "result_summary": a.result_summary,
                "approved_at": a.approved_at,
                "returned_at": a.returned_at,
                "returned_reason": a.returned_reason,
                "completed_at": a.completed_at,
                "own": a.own,
                "attachments": _files(a.attachments),
            }
            for a in d.assignments
        ],
        "events": [
            {
                "id": e.id,
                "at": e.at,
                "action": e.action,
                "actor": e.actor,
                "actor_role": e.actor_role,
                "from_status": e.from_status,
                "status": e.to_status,
                "status_label": e.status_label,
                "note": e.note,
                "visible_to_reporter": e.visible_to_reporter,
                "agency": e.agency_code,
            }
            for e in d.events
        ],
        "messages": [
            {
                "id": m.id,
                "at": m.at,
                "from": m.sender,
                "author": m.author,
                "author_role": m.author_role,
                "body": m.body,
                "internal": m.internal,
                "attachments": _files(m.attachments),
            }
            for m in d.messages
        ],
        "evidence": _files(d.attachments),
        "identity": identity,
        "similar_cases": d.similar_cases,
        "available_actions": d.available_actions,
        "restricted": d.restricted,
        "own_assignment_id": d.own_assignment_id,
    }
