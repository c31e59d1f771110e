"""One service per workflow action (DESIGN §3). Each checks the actor's role, runs in one
transaction, writes a CaseEvent, sets deadlines and schedules side effects after commit."""

from .assignments import accept, approve_result, return_assignment, submit_result, update
from .custodian import reveal_identity
from .intake import (
    NewReport,
    StoredEvidence,
    create_case,
    post_reporter_message,
    reporter_reply,
    withdraw,
)
from .recompute import recompute_open_deadlines
from .results import close, give_feedback, publish_result
from .verification import archive, classify, refer_out, request_info, route

__all__ = [
    "NewReport",
    "StoredEvidence",
    "accept",
    "approve_result",
    "archive",
    "classify",
    "close",
    "create_case",
    "give_feedback",
    "post_reporter_message",
    "publish_result",
    "recompute_open_deadlines",
    "refer_out",
    "reporter_reply",
    "request_info",
    "return_assignment",
    "reveal_identity",
    "route",
    "submit_result",
    "update",
    "withdraw",
]
