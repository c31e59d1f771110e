"""The workflow as data (DESIGN §3): which action may move which status where, and who may
take it. Pure: no database, no clock. Services are the only callers; docs/workflow.md is
generated from these tables (`manage.py workflow_doc`).
"""

from django.db import models

from aduan.core.errors import InvalidTransition


class CaseStatus(models.TextChoices):
    RECEIVED = "received", "Diterima"
    NEEDS_INFO = "needs_info", "Perlu Dilengkapi"
    ROUTED = "routed", "Didisposisikan"
    IN_PROGRESS = "in_progress", "Ditindaklanjuti"
    ANSWERED = "answered", "Dijawab"
    CLOSED = "closed", "Selesai"
    ARCHIVED = "archived", "Diarsipkan"
    REFERRED = "referred", "Dialihkan"
    WITHDRAWN = "withdrawn", "Dicabut"


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", "Menunggu diterima"
    ACCEPTED = "accepted", "Diterima OPD"
    RESULT_SUBMITTED = "result_submitted", "Hasil dikirim"
    APPROVED = "approved", "Disetujui kepala OPD"
    DONE = "done", "Selesai"
    RETURNED = "returned", "Dikembalikan (bukan kewenangan)"


S = CaseStatus
A = AssignmentStatus

# Who can start the flow: the status a new case starts in.
INITIAL_CASE_STATUS = S.RECEIVED

# (current case status, action) -> next case status.
CASE_TRANSITIONS: dict[tuple[str, str], str] = {
    # Verification may classify (kind, category, class, a neutral title) and ends in exactly
    # one of route, request_info, archive, refer_out.
    (S.RECEIVED, "classify"): S.RECEIVED,
    (S.RECEIVED, "request_info"): S.NEEDS_INFO,
    (S.RECEIVED, "archive"): S.ARCHIVED,
    (S.RECEIVED, "refer_out"): S.REFERRED,
    (S.RECEIVED, "route"): S.ROUTED,
    (S.NEEDS_INFO, "reporter_reply"): S.RECEIVED,
    (S.RECEIVED, "withdraw"): S.WITHDRAWN,
    (S.NEEDS_INFO, "withdraw"): S.WITHDRAWN,
    # Agency work on a routed case (an assignment must allow it too).
    (S.ROUTED, "accept"): S.IN_PROGRESS,
    (S.IN_PROGRESS, "accept"): S.IN_PROGRESS,
    (S.ROUTED, "return"): S.ROUTED,
    (S.IN_PROGRESS, "return"): S.IN_PROGRESS,
    (S.IN_PROGRESS, "update"): S.IN_PROGRESS,
    (S.IN_PROGRESS, "submit_result"): S.IN_PROGRESS,
    (S.IN_PROGRESS, "approve_result"): S.IN_PROGRESS,
    # Every assignment returned: back to the coordinator's queue, flagged "returned".
    (S.ROUTED, "requeue"): S.RECEIVED,
    (S.IN_PROGRESS, "requeue"): S.RECEIVED,
    (S.IN_PROGRESS, "publish_result"): S.ANSWERED,
    (S.ANSWERED, "feedback"): S.CLOSED,
    (S.ANSWERED, "object"): S.IN_PROGRESS,
    (S.ANSWERED, "close"): S.CLOSED,
}

# (current assignment status, action) -> next assignment status.
ASSIGNMENT_TRANSITIONS: dict[tuple[str, str], str] = {
    (A.PENDING, "accept"): A.ACCEPTED,
    (A.PENDING, "return"): A.RETURNED,
    (A.ACCEPTED, "return"): A.RETURNED,
    (A.ACCEPTED, "update"): A.ACCEPTED,
    (A.ACCEPTED, "submit_result"): A.RESULT_SUBMITTED,
    (A.RESULT_SUBMITTED, "approve_result"): A.APPROVED,
    (A.RESULT_SUBMITTED, "publish_result"): A.DONE,
    (A.APPROVED, "publish_result"): A.DONE,
    (A.DONE, "object"): A.ACCEPTED,
}

CASE_ACTIONS = sorted({action for _, action in CASE_TRANSITIONS})
ASSIGNMENT_ACTIONS = sorted({action for _, action in ASSIGNMENT_TRANSITIONS})

# Actions taken on one assignment (the case moves by CASE_TRANSITIONS alongside).
ASSIGNMENT_LEVEL_ACTIONS = frozenset(
    {"accept", "return", "update", "submit_result", "approve_result"}
)

REPORTER = "reporter"
SYSTEM = "system"

# Who may take each action. "reporter" is the receipt holder, "system" the sweeps.
ACTION_ROLES: dict[str, frozenset[str]] = {
    "create": frozenset({REPORTER, "coordinator", "wbs_officer"}),
    "classify": frozenset({"coordinator", "wbs_officer"}),
    "request_info": frozenset({"coordinator", "wbs_officer"}),
    "reporter_reply": frozenset({REPORTER}),
    "withdraw": frozenset({REPORTER, SYSTEM}),
    "archive": frozenset({"coordinator", "wbs_officer"}),
    "refer_out": frozenset({"coordinator", "wbs_officer"}),
    "route": frozenset({"coordinator", "wbs_officer"}),
    "accept": frozenset({"agency_officer", "wbs_officer"}),
    "return": frozenset({"agency_officer", "wbs_officer"}),
    "update": frozenset({"agency_officer", "wbs_officer"}),
    "submit_result": frozenset({"agency_officer", "wbs_officer"}),
    "approve_result": frozenset({"agency_head"}),
    "requeue": frozenset({SYSTEM}),
    "publish_result": frozenset({"coordinator", "wbs_officer"}),
    "feedback": frozenset({REPORTER}),
    "object": frozenset({REPORTER}),
    "close": frozenset({"coordinator", "wbs_officer", SYSTEM}),
}

OPEN_CASE_STATUSES = frozenset({S.RECEIVED, S.NEEDS_INFO, S.ROUTED, S.IN_PROGRESS, S.ANSWERED})
FINAL_CASE_STATUSES = frozenset(set(S) - OPEN_CASE_STATUSES)
OPEN_ASSIGNMENT_STATUSES = frozenset({A.PENDING, A.ACCEPTED, A.RESULT_SUBMITTED, A.APPROVED})


def next_case_status(status: str, action: str) -> str:
    try:
        return CASE_TRANSITIONS[(status, action)]
    except KeyError:
        raise InvalidTransition(action, status) from None


def next_assignment_status(status: str, action: str) -> str:
    try:
        return ASSIGNMENT_TRANSITIONS[(status, action)]
    except KeyError:
        raise InvalidTransition(action, status) from None


def case_actions_from(status: str) -> list[str]:
    return sorted(action for (state, action) in CASE_TRANSITIONS if state == status)


def role_may(role: str, action: str) -> bool:
    return role in ACTION_ROLES.get(action, frozenset())
