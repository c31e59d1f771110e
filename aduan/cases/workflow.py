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
    # The WBS officer on a sealed WBS case (issue 6): the evidence gate and the handler keep
    # the status (insufficient evidence then takes request_info); the conclusion (`conclude`,
    # see CONCLUDE_STEPS) investigates, refers the reporter to the LPSK, hands the case to
    # law enforcement, or answers the reporter through publish_result.
    (S.RECEIVED, "judge_evidence"): S.RECEIVED,
    (S.RECEIVED, "assign_handler"): S.RECEIVED,
    (S.NEEDS_INFO, "assign_handler"): S.NEEDS_INFO,
    (S.ROUTED, "assign_handler"): S.ROUTED,
    (S.IN_PROGRESS, "assign_handler"): S.IN_PROGRESS,
    (S.ANSWERED, "assign_handler"): S.ANSWERED,
    (S.IN_PROGRESS, "investigate"): S.IN_PROGRESS,
    (S.RECEIVED, "refer_protection"): S.RECEIVED,
    (S.NEEDS_INFO, "refer_protection"): S.NEEDS_INFO,
    (S.ROUTED, "refer_protection"): S.ROUTED,
    (S.IN_PROGRESS, "refer_protection"): S.IN_PROGRESS,
    (S.IN_PROGRESS, "refer_enforcement"): S.REFERRED,
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
    # A WBS case handed to law enforcement ends the Inspektorat's share.
    (A.PENDING, "refer_enforcement"): A.DONE,
    (A.ACCEPTED, "refer_enforcement"): A.DONE,
    (A.RESULT_SUBMITTED, "refer_enforcement"): A.DONE,
    (A.APPROVED, "refer_enforcement"): A.DONE,
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
    # Outside the transition table (STATUS_KEEPING_ACTIONS).
    "reveal_identity": frozenset({"custodian"}),
    # The WBS officer (issue 6). `conclude` is taken through one of CONCLUDE_STEPS.
    "judge_evidence": frozenset({"wbs_officer"}),
    "assign_handler": frozenset({"wbs_officer"}),
    "conclude": frozenset({"wbs_officer"}),
    "investigate": frozenset({"wbs_officer"}),
    "refer_protection": frozenset({"wbs_officer"}),
    "refer_enforcement": frozenset({"wbs_officer"}),
}

# Actions only for a sealed WBS case (aduan.whistleblowing.handling), and the workflow steps
# through which the officer's `conclude` moves the case, by outcome: investigate (audit with
# a purpose), refer_protection (LPSK), refer_out while verifying or refer_enforcement once
# taken on (KPK, Kejaksaan, Polri), and publish_result (substantiated or not: the answer
# reaches the reporter).
WBS_ACTIONS = frozenset(
    {"judge_evidence", "assign_handler", "conclude", "investigate", "refer_protection",
     "refer_enforcement"}
)  # fmt: skip
CONCLUDE_STEPS = (
    "investigate",
    "refer_protection",
    "refer_out",
    "refer_enforcement",
    "publish_result",
)

# Actions allowed in every status that never move the case: they have no row in
# CASE_TRANSITIONS (a final status stays final); their service writes the CaseEvent with
# from_status == to_status (aduan.cases.services.custodian).
STATUS_KEEPING_ACTIONS = frozenset({"reveal_identity"})

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
