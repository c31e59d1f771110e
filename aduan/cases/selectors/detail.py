"""The case page for staff (issue 4, item 7): what each role may read of one case, the
actions it may take now, and staff downloads. The caller obtains the case through
aduan.cases.access.get_case_for (forbidden looks like missing); the rules per role are in
the package docstring. Every view is audited ("case_view"), and so is every identity display.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q

from aduan.accounts.roles import AGENCY_ROLES, Role
from aduan.agencies.models import INSPECTORATE_CODE
from aduan.core import audit, clock
from aduan.core.errors import NotFound
from aduan.workdays.selectors import load_calendar

from ..access import may_see_identity, visible_cases
from ..actors import role_of
from ..identity import ReporterData, open_identity
from ..models import Assignment, Attachment, Case, CaseEvent, CaseKind, Message, ReporterIdentity
from ..services.assignments import needs_head_approval
from ..workflow import (
    ASSIGNMENT_LEVEL_ACTIONS,
    ASSIGNMENT_TRANSITIONS,
    CONCLUDE_STEPS,
    WBS_ACTIONS,
    AssignmentStatus,
    CaseStatus,
    case_actions_from,
    role_may,
)
from .lists import RESTRICTED_TITLE, is_status_only, working_days_left

# The staff actions of API.md, in the order a page shows its buttons.
STAFF_ACTIONS = (
    "classify",
    "judge_evidence",
    "request_info",
    "archive",
    "refer_out",
    "route",
    "accept",
    "return",
    "update",
    "submit_result",
    "approve_result",
    "assign_handler",
    "conclude",
    "publish_result",
    "close",
)
SIMILAR_CASE_ROLES = frozenset({Role.COORDINATOR, Role.WBS_OFFICER})
MAX_SIMILAR = 20


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    content_type: str
    size: int
    source: str  # "evidence" | "message" | "result"
    from_reporter: bool
    at: dt.datetime


@dataclass(frozen=True)
class AssignmentInfo:
    id: int
    agency_code: str
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
    own: bool  # the reader's agency's share (the Inspektorat's for a WBS officer)
    attachments: list[AttachmentInfo] = field(default_factory=list)


@dataclass(frozen=True)
class EventInfo:
    id: int
    at: dt.datetime
    action: str
    actor: str  # staff username; "" for the reporter and the system
    actor_role: str
    from_status: str
    to_status: str
    status_label: str
    note: str
    visible_to_reporter: bool
    agency_code: str  # the assignment's agency for agency-level events


@dataclass(frozen=True)
class MessageInfo:
    id: int
    at: dt.datetime
    sender: str  # "reporter" | "staff"
    author: str  # staff username, "" for the reporter
    author_role: str
    body: str
    internal: bool
    attachments: list[AttachmentInfo] = field(default_factory=list)


@dataclass(frozen=True)
class CaseDetail:
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
    category_code: str
    category_name: str
    occurred_on: dt.date | None
    location: str
    regency_code: str
    regency_name: str
    assistance: str
    received_at: dt.datetime
    due_at: dt.datetime | None
    verification_due_at: dt.datetime | None
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    working_days_left: int | None
    returned: bool
    objection_count: int
    archive_reason: str
    duplicate_of: str  # tracking number of the original, for duplicates
    referred_to_code: str
    referred_to_name: str
    result_summary: str  # the answer published to the reporter
    assignments: list[AssignmentInfo]
    events: list[EventInfo]
    messages: list[MessageInfo]
    attachments: list[AttachmentInfo]  # the reporter's evidence
    identity: ReporterData | None  # only where may_see_identity(actor, case)
    similar_cases: list[str]  # same reporter (keyed hash), other cases the actor may see
    available_actions: list[str]
    restricted: bool  # "status only" for this reader
    own_assignment_id: int | None  # the share the reader's agency acts on, if any


# Who reads what -------------------------------------------------------------------------------


def _is_own(actor, assignment: Assignment) -> bool:
    role = role_of(actor)
    if role in AGENCY_ROLES:
        return assignment.agency_id == actor.agency_id
    if role == Role.WBS_OFFICER:
        return assignment.agency.code == INSPECTORATE_CODE
    return False


def _assignment_readable(actor, assignment: Assignment) -> bool:
    return role_of(actor) not in AGENCY_ROLES or assignment.agency_id == actor.agency_id


def _message_readable(actor, message: Message) -> bool:
    """Agency staff read every message except another agency's internal notes."""
    if role_of(actor) not in AGENCY_ROLES or not message.internal or message.author is None:
        return True
    author = message.author
    return not (author.role in AGENCY_ROLES and author.agency_id != actor.agency_id)


def _attachment_readable(actor, item: Attachment) -> bool:
    if item.assignment_id and not _assignment_readable(actor, item.assignment):
        return False
    return not (item.message_id and not _message_readable(actor, item.message))


def actor_assignment(actor, case: Case, assignments: list[Assignment] | None = None):
    """The share of `case` the actor's agency acts on (the Inspektorat's for a WBS officer):
    the newest one not returned, else the newest. None if there is none."""
    if role_of(actor) not in AGENCY_ROLES | {Role.WBS_OFFICER}:
        return None
    if assignments is None:
        assignments = list(case.assignments.select_related("agency"))
    own = [a for a in assignments if _is_own(actor, a)]
    own.sort(key=lambda a: (a.status == AssignmentStatus.RETURNED, -a.routed_at.timestamp(), -a.pk))
    return own[0] if own else None


def _results_ready(case: Case, assignments: list[Assignment]) -> bool:
    """As services.assignments.ensure_results_ready, without raising."""
    active = [a for a in assignments if a.status != AssignmentStatus.RETURNED]
    if not active or any(
        a.status not in (AssignmentStatus.RESULT_SUBMITTED, AssignmentStatus.APPROVED)
        for a in active
    ):
        return False
    if all(a.status == AssignmentStatus.APPROVED for a in active):
        return True
    return not needs_head_approval(case)


def _is_sealed_wbs(case: Case) -> bool:
    """A WBS case whose text exists only sealed (aduan.whistleblowing, loaded lazily)."""
    if case.kind != CaseKind.WHISTLEBLOWING:
        return False
    sealed = apps.get_model("whistleblowing", "SealedReport")
    return sealed.objects.filter(case_id=case.pk).exists()


def available_actions(
    actor, case: Case, assignments: list[Assignment], *, restricted: bool = False
) -> list[str]:
    """The staff actions (STAFF_ACTIONS) the actor can take on the case now: the workflow
    table, the role, the actor's own assignment for agency actions, results for publishing."""
    if restricted:
        return []
    role = role_of(actor)
    possible = set(case_actions_from(case.status))
    own = actor_assignment(actor, case, assignments)
    sealed_wbs = _is_sealed_wbs(case)
    actions = []
    for action in STAFF_ACTIONS:
        if action in WBS_ACTIONS:  # the WBS officer's own, on a sealed WBS case only
            steps = set(CONCLUDE_STEPS if action == "conclude" else (action,))
            if sealed_wbs and role_may(role, action) and steps & possible:
                actions.append(action)
            continue
        if action == "publish_result" and sealed_wbs:
            continue  # answered through `conclude`, sealed
        if action not in possible or not role_may(role, action):
            continue
        if action in ASSIGNMENT_LEVEL_ACTIONS and (
            own is None or (own.status, action) not in ASSIGNMENT_TRANSITIONS
        ):
            continue
        if action == "publish_result" and not _results_ready(case, assignments):
            continue
        actions.append(action)
    return actions


# Building the page ----------------------------------------------------------------------------


def _username(user) -> str:
    return user.username if user is not None else ""


def _attachment_info(item: Attachment) -> AttachmentInfo:
    source = "result" if item.assignment_id else "message" if item.message_id else "evidence"
    return AttachmentInfo(
        id=item.pk,
        content_type=item.content_type,
        size=item.size,
        source=source,
        from_reporter=item.from_reporter,
        at=item.at,
    )


def _assignment_info(a: Assignment, own: bool, files, now, calendar, hidden: bool):
    is_open = a.status not in (AssignmentStatus.DONE, AssignmentStatus.RETURNED)
    next_due = a.first_response_due_at if a.status == AssignmentStatus.PENDING else a.due_at
    return AssignmentInfo(
        id=a.pk,
        agency_code=a.agency.code,
        agency_name=a.agency.name,
        status=a.status,
        status_label=AssignmentStatus(a.status).label,
        instructions="" if hidden else a.instructions,
        routed_at=a.routed_at,
        first_response_due_at=a.first_response_due_at,
        due_at=a.due_at,
        working_days_left=working_days_left(next_due, now, calendar) if is_open else None,
        accepted_at=a.accepted_at,
        result_submitted_at=a.result_submitted_at,
        result_summary="" if hidden else a.result_summary,
        approved_at=a.approved_at,
        returned_at=a.returned_at,
        returned_reason="" if hidden else a.returned_reason,
        completed_at=a.completed_at,
        own=own,
        attachments=[] if hidden else files.get(a.pk, []),
    )


def _event_info(e: CaseEvent, hidden: bool) -> EventInfo:
    return EventInfo(
        id=e.pk,
        at=e.at,
        action=e.action,
        actor="" if hidden else _username(e.actor),
        actor_role=e.actor_role,
        from_status=e.from_status,
        to_status=e.to_status,
        status_label=CaseStatus(e.to_status).label,
        note="" if hidden else e.note,
        visible_to_reporter=e.visible_to_reporter,
        agency_code=e.assignment.agency.code if e.assignment_id else "",
    )


def _similar_cases(actor, case: Case, identity: ReporterIdentity | None) -> list[str]:
    if identity is None:
        return []
    same = Q()
    for name in ("nik_hash", "phone_hash", "email_hash"):
        value = getattr(identity, name)
        if value:
            same |= Q(**{name: value})
    if not same:
        return []
    reporters = ReporterIdentity.objects.filter(same).exclude(case_id=case.pk).values("case_id")
    numbers = (
        visible_cases(actor)
        .filter(pk__in=reporters)
        .order_by("-received_at")
        .values_list("tracking_number", flat=True)
    )
    return list(numbers[:MAX_SIMILAR])


def case_detail(actor, case: Case) -> CaseDetail:
    """Everything the actor may read of one case. Audited as "case_view"; an identity shown
    is audited as "identity_display" (never with the identity itself)."""
    role, now = role_of(actor), clock.now()
    try:
        case = (
            visible_cases(actor)
            .select_related("category", "regency", "referred_to", "duplicate_of")
            .get(pk=case.pk)
        )
    except Case.DoesNotExist:
        raise NotFound() from None
    target = f"case:{case.tracking_number}"
    calendar = load_calendar()
    every = list(case.assignments.select_related("agency").order_by("routed_at", "pk"))
    hidden = is_status_only(role, case, [a.agency.code for a in every])
    files: dict[str, dict] = {"evidence": {}, "message": {}, "result": {}}
    if not hidden:
        items = Attachment.objects.filter(case=case).select_related("assignment", "message__author")
        for item in items.order_by("at", "pk"):
            if _attachment_readable(actor, item):
                info = _attachment_info(item)
                key = {"result": item.assignment_id, "message": item.message_id}.get(info.source)
                files[info.source].setdefault(key or 0, []).append(info)
    events = case.events.select_related("actor", "assignment__agency")
    if role in AGENCY_ROLES:
        events = events.filter(Q(assignment__isnull=True) | Q(assignment__agency=actor.agency_id))
    messages = [] if hidden else case.messages.select_related("author").order_by("at", "pk")
    identity_row, identity = None, None
    if not hidden and (may_see_identity(actor, case) or role in SIMILAR_CASE_ROLES):
        identity_row = ReporterIdentity.objects.filter(case_id=case.pk).first()
    if identity_row is not None and not hidden and may_see_identity(actor, case):
        identity = open_identity(identity_row)
    own = actor_assignment(actor, case, every)
    detail = CaseDetail(
        tracking_number=case.tracking_number,
        register_number=case.register_number,
        kind=case.kind,
        kind_label=case.get_kind_display(),
        supervision_class=case.supervision_class,
        supervision_class_label=case.get_supervision_class_display(),
        privacy=case.privacy,
        privacy_label=case.get_privacy_display(),
        channel=case.channel,
        channel_label=case.get_channel_display(),
        is_public=case.is_public,
        status=case.status,
        status_label=case.get_status_display(),
        title=RESTRICTED_TITLE if hidden else case.title,
        description="" if hidden else case.description,
        category_code=case.category.code if case.category else "",
        category_name=case.category.name if case.category else "",
        occurred_on=None if hidden else case.occurred_on,
        location="" if hidden else case.location,
        regency_code=case.regency.code if case.regency else "",
        regency_name=case.regency.name if case.regency else "",
        assistance="" if hidden else case.assistance,
        received_at=case.received_at,
        due_at=case.due_at,
        verification_due_at=case.verification_due_at,
        answered_at=case.answered_at,
        closed_at=case.closed_at,
        working_days_left=working_days_left(case.due_at, now, calendar),
        returned=case.returned,
        objection_count=case.objection_count,
        archive_reason=case.archive_reason,
        duplicate_of=case.duplicate_of.tracking_number if case.duplicate_of else "",
        referred_to_code=case.referred_to.code if case.referred_to else "",
        referred_to_name=case.referred_to.name if case.referred_to else "",
        result_summary="" if hidden else case.result_summary,
        assignments=[
            _assignment_info(a, _is_own(actor, a), files["result"], now, calendar, hidden)
            for a in every
            if _assignment_readable(actor, a)
        ],
        events=[_event_info(e, hidden) for e in events.order_by("at", "pk")],
        messages=[
            MessageInfo(
                id=m.pk,
                at=m.at,
                sender="reporter" if m.from_reporter else "staff",
                author=_username(m.author),
                author_role=m.author.role if m.author else "",
                body=m.body,
                internal=m.internal,
                attachments=files["message"].get(m.pk, []),
            )
            for m in messages
            if _message_readable(actor, m)
        ],
        attachments=files["evidence"].get(0, []),
        identity=identity,
        similar_cases=[] if hidden else _similar_cases(actor, case, identity_row),
        available_actions=available_actions(actor, case, every, restricted=hidden),
        restricted=hidden,
        own_assignment_id=own.pk if own else None,
    )
    audit.record(actor, "case_view", target=target)
    if identity is not None:
        audit.record(actor, "identity_display", target=target)
    return detail


def staff_attachment(actor, case: Case, attachment_id: int) -> Attachment:
    """An attachment of a case the actor may see, if the actor may read it (NotFound
    otherwise). The download is audited ("attachment_download", the attachment's id)."""
    try:
        attachment_id = int(attachment_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    if not 0 < attachment_id < 2**63:  # beyond any id, and beyond what the databases take
        raise NotFound()
    case = visible_cases(actor).filter(pk=case.pk).first()
    item = (
        Attachment.objects.filter(case=case, pk=attachment_id)
        .select_related("assignment", "message__author")
        .first()
        if case is not None
        else None
    )
    if item is None or not _attachment_readable(actor, item):
        raise NotFound()
    codes = case.assignments.values_list("agency__code", flat=True)
    if is_status_only(role_of(actor), case, list(codes)):
        raise NotFound()
    audit.record(
        actor, "attachment_download", target=f"case:{case.tracking_number}", attachment=item.pk
    )
    return item
