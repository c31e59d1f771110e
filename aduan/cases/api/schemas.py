"""Shapes of the staff API (shared/API.md, "Staff"). Fields may be added, never renamed."""

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field, field_validator

TEXT = 20_000  # longest note, message or summary accepted


# Out ------------------------------------------------------------------------------------------


class CaseSummaryOut(Schema):
    tracking_number: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    title: str
    category: str  # code, "" if none
    category_name: str
    channel: str
    received_at: dt.datetime
    due_at: dt.datetime | None
    working_days_left: int | None  # negative when overdue
    overdue: bool
    returned: bool
    agencies: list[str]
    restricted: bool  # "status only" for this reader


class CasePageOut(Schema):
    items: list[CaseSummaryOut]
    page: int
    pages: int
    total: int
    per_page: int


class AttachmentOut(Schema):
    id: int
    content_type: str
    size: int
    source: str  # evidence | message | result
    from_reporter: bool
    at: dt.datetime


class AssignmentOut(Schema):
    id: int
    agency: str
    agency_name: str
    status: str
    status_label: str
    instructions: str
    routed_at: dt.datetime
    first_response_due_at: dt.datetime
    due_at: dt.datetime
    working_days_left: int | None
    accepted_at: dt.datetime | None
    result_submitted_at: dt.datetime | None
    result_summary: str
    approved_at: dt.datetime | None
    returned_at: dt.datetime | None
    returned_reason: str
    completed_at: dt.datetime | None
    own: bool
    attachments: list[AttachmentOut]


class TimelineOut(Schema):
    at: dt.datetime
    status: str
    status_label: str
    note: str


class EventOut(Schema):
    id: int
    at: dt.datetime
    action: str
    actor: str
    actor_role: str
    from_status: str
    status: str
    status_label: str
    note: str
    visible_to_reporter: bool
    agency: str


class MessageOut(Schema):
    model_config = ConfigDict(populate_by_name=True)

    id: int
    at: dt.datetime
    sender: Literal["reporter", "staff"] = Field(alias="from")
    author: str
    author_role: str
    body: str
    internal: bool
    attachments: list[AttachmentOut]


class IdentityOut(Schema):
    name: str
    nik: str
    phone: str
    email: str
    address: str
    is_asn: bool
    nip: str


class RevealOut(Schema):
    """The custodian's answer: the identity, once. Never cached (Cache-Control: no-store)."""

    tracking_number: str
    status: str
    revealed_at: dt.datetime
    identity: IdentityOut


class ResultOut(Schema):
    summary: str
    answered_at: dt.datetime | None


class CaseDetailOut(Schema):
    tracking_number: str
    register_number: str
    kind: str
    kind_label: str
    supervision_class: str
    supervision_class_label: str
    privacy: str
    privacy_label: str
    channel: str
    channel_label: str
    is_public: bool
    status: str
    status_label: str
    title: str
    description: str
    category: str
    category_name: str
    occurred_on: dt.date | None
    location: str
    regency: str
    regency_name: str
    assistance: str
    received_at: dt.datetime
    due_at: dt.datetime | None
    verification_due_at: dt.datetime | None
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    working_days_left: int | None
    overdue: bool
    returned: bool
    objection_count: int
    archive_reason: str
    duplicate_of: str
    referred_to: str
    referred_to_name: str
    result: ResultOut | None
    timeline: list[TimelineOut]
    assignments: list[AssignmentOut]
    events: list[EventOut]
    messages: list[MessageOut]
    evidence: list[AttachmentOut]
    identity: IdentityOut | None
    similar_cases: list[str]
    available_actions: list[str]
    restricted: bool
    own_assignment_id: int | None


# In (one body per action, as in API.md's table) -------------------------------------------------


def _storable(value: str) -> str:
    if "\x00" in value or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ValueError("text a database cannot store (NUL or a lone surrogate)")
    return value


class ActionIn(Schema):
    model_config = ConfigDict(extra="ignore")

    @field_validator("*", mode="after")
    @classmethod
    def storable_text(cls, value):
        """NUL and lone surrogates are refused (400) before they reach a database."""
        if isinstance(value, str):
            return _storable(value)
        if isinstance(value, list):
            return [_storable(v) if isinstance(v, str) else v for v in value]
        return value


class ClassifyIn(ActionIn):
    """Only the fields given change; `category` "" clears the category."""

    kind: Literal["complaint", "aspiration", "information_request"] | None = None
    category: str | None = Field(None, max_length=60)
    supervision_class: Literal["supervisory", "non_supervisory"] | None = None
    title: str | None = Field(None, max_length=200)


class RequestInfoIn(ActionIn):
    message: str = Field(max_length=TEXT)


class ArchiveIn(ActionIn):
    reason: Literal["duplicate", "not_relevant", "too_general", "abusive", "other"]
    note: str = Field("", max_length=TEXT)
    duplicate_of: str = Field("", max_length=40)


class ReferOutIn(ActionIn):
    destination: str = Field(max_length=40)
    note: str = Field("", max_length=TEXT)


class RouteIn(ActionIn):
    agencies: list[str] = Field(max_length=50)
    instructions: str = Field("", max_length=TEXT)


class NoteIn(ActionIn):
    note: str = Field("", max_length=TEXT)


class ReturnIn(ActionIn):
    reason: str = Field(max_length=TEXT)


class UpdateIn(ActionIn):
    note: str = Field(max_length=TEXT)
    visible_to_reporter: bool = False


class SubmitResultIn(ActionIn):
    summary: str = Field(max_length=TEXT)


class EmptyIn(ActionIn):
    pass


class PublishResultIn(ActionIn):
    message: str = Field(max_length=TEXT)


class JudgeEvidenceIn(ActionIn):
    """WBS evidence gate. Sealed content: over the API it answers 409
    `sealed_content_locked` (open the case in the back office, where the key is unlocked)."""

    sufficient: bool
    reason: str = Field(max_length=TEXT)
    message: str = Field("", max_length=TEXT)


class AssignHandlerIn(ActionIn):
    handler: str = Field(max_length=150)  # the WBS officer's username


class ConcludeIn(ActionIn):
    """WBS conclusion. Sealed content: over the API it answers 409 `sealed_content_locked`."""

    outcome: Literal[
        "investigate",
        "refer_kpk",
        "refer_kejaksaan",
        "refer_polri",
        "refer_lpsk",
        "substantiated",
        "unsubstantiated",
    ]
    note: str = Field(max_length=TEXT)
    message: str = Field("", max_length=TEXT)


class RevealIn(ActionIn):
    """The custodian's reveal (its own route, not in ACTION_BODIES): the reason is required."""

    reason: str = Field("", max_length=TEXT)


ACTION_BODIES: dict[str, type[ActionIn]] = {
    "classify": ClassifyIn,
    "request_info": RequestInfoIn,
    "archive": ArchiveIn,
    "refer_out": ReferOutIn,
    "route": RouteIn,
    "accept": NoteIn,
    "return": ReturnIn,
    "update": UpdateIn,
    "submit_result": SubmitResultIn,
    "approve_result": EmptyIn,
    "publish_result": PublishResultIn,
    "close": NoteIn,
    # The WBS officer on a sealed WBS case (issue 6).
    "judge_evidence": JudgeEvidenceIn,
    "assign_handler": AssignHandlerIn,
    "conclude": ConcludeIn,
}
