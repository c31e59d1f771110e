"""The staff read side (issue 4, items 6 and 7): case lists, the agency inbox, the CSV export
and the case page. Everything starts from aduan.cases.access (`visible_cases`,
`visible_assignments`, `may_see_identity`): a selector narrows what the actor may see, never
widens it.

What each role reads here (DESIGN §4):
- coordinator and supervisor: public-track cases; a supervisory case routed to the Inspektorat
  becomes "status only" for them (`restricted`): no title, text, notes, messages or files, no
  actions, and full-text search does not match it (its tracking number still does).
- agency officer and head: their own agency's assignments only (never another agency's share,
  its events or its result files), the case-level events, the messages except another
  agency's internal notes, the reporter's evidence. Never an identity.
- wbs_officer: everything of the cases the access module lets it see, except the identity (a
  confidential identity opens only through the custodian's logged reveal).
- custodian, auditor, sysadmin: no case (visible_cases is empty for them).
- identity: only where `may_see_identity` allows it; every display is audited.
- similar_cases (same reporter by keyed hash, never who): coordinator and wbs_officer only.
Every case page view, identity display, attachment download and export is written to the audit
log, without identity or report text.
"""

from .detail import (
    STAFF_ACTIONS,
    AssignmentInfo,
    AttachmentInfo,
    CaseDetail,
    EventInfo,
    MessageInfo,
    actor_assignment,
    available_actions,
    case_detail,
    staff_attachment,
)
from .lists import (
    CSV_HEADERS,
    AssignmentRow,
    CaseFilters,
    CasePage,
    CaseRow,
    assignment_inbox,
    case_list,
    export_rows,
    filtered_cases,
    may_export,
    parse_page,
    working_days_left,
    write_csv,
)

__all__ = [
    "CSV_HEADERS",
    "STAFF_ACTIONS",
    "AssignmentInfo",
    "AssignmentRow",
    "AttachmentInfo",
    "CaseDetail",
    "CaseFilters",
    "CasePage",
    "CaseRow",
    "EventInfo",
    "MessageInfo",
    "actor_assignment",
    "assignment_inbox",
    "available_actions",
    "case_detail",
    "case_list",
    "export_rows",
    "filtered_cases",
    "may_export",
    "parse_page",
    "staff_attachment",
    "working_days_left",
    "write_csv",
]
