"""Renders docs/workflow.md from the transition tables, so the document cannot drift."""

from pathlib import Path

from django.conf import settings

from . import workflow
from .workflow import AssignmentStatus, CaseStatus

DOC_PATH = Path(settings.BASE_DIR) / "docs" / "workflow.md"

ROLE_LABELS = {"reporter": "pelapor", "system": "sistem"}


def _roles(action: str) -> str:
    return ", ".join(ROLE_LABELS.get(r, r) for r in sorted(workflow.ACTION_ROLES[action]))


def _table(transitions: dict, labels) -> list[str]:
    lines = [
        "| From | Action | To | Who |",
        "|---|---|---|---|",
    ]
    order = {value: index for index, value in enumerate(labels.values)}
    for (source, action), target in sorted(
        transitions.items(), key=lambda item: (order[item[0][0]], item[0][1])
    ):
        lines.append(
            f"| `{source}` ({labels(source).label}) | `{action}` | "
            f"`{target}` ({labels(target).label}) | {_roles(action)} |"
        )
    return lines


def render() -> str:
    lines = [
        "# Workflow",
        "",
        "<!-- Generated from aduan/cases/workflow.py by `python manage.py workflow_doc`."
        " Do not edit: a test fails when this file is stale. -->",
        "",
        "Every transition is applied by one service in `aduan/cases/services/`, which checks the",
        "actor's role, runs in one transaction, writes a `CaseEvent`, sets the deadline through",
        "`deadline_for` and schedules notifications after commit. Any pair not listed raises",
        "`InvalidTransition` (HTTP 409 `invalid_transition`).",
        "",
        f"A new case starts in `{workflow.INITIAL_CASE_STATUS}`. Final statuses: "
        + ", ".join(f"`{s}`" for s in sorted(workflow.FINAL_CASE_STATUSES))
        + ".",
        "",
        "## Case statuses",
        "",
        "| Status | Label |",
        "|---|---|",
        *[f"| `{s.value}` | {s.label} |" for s in CaseStatus],
        "",
        "## Case transitions",
        "",
        *_table(workflow.CASE_TRANSITIONS, CaseStatus),
        "",
        "Agency actions (`accept`, `return`, `update`, `submit_result`, `approve_result`) must be",
        "allowed by both tables: the case's and the assignment's. When every assignment has been",
        "returned the system applies `requeue`: the case goes back to the coordinator's queue,",
        "flagged *returned*, with a fresh verification clock. Supervisory (berkadar pengawasan)",
        "and WBS cases can be routed only to the Inspektorat.",
        "",
        "## Actions that keep the status",
        "",
        "Allowed in every status, final ones included; they move nothing and have no row in",
        "the transition table. Their service still writes a `CaseEvent`.",
        "",
        "| Action | Who |",
        "|---|---|",
        *[f"| `{a}` | {_roles(a)} |" for a in sorted(workflow.STATUS_KEEPING_ACTIONS)],
        "",
        "`reveal_identity` opens a confidential or open reporter's sealed identity for the",
        "custodian (reason required, audited, told to the reporter on `/lacak`); an anonymous",
        "report has nothing to reveal.",
        "",
        "## WBS officer actions (issue 6)",
        "",
        "Only on a sealed WBS case, only for `wbs_officer` (never one in conflict with the case:",
        "they do not see it). `judge_evidence` records whether the initial evidence suffices;",
        "when it does not, the reporter is asked for more (`request_info`, message sealed) and",
        "the case cannot be archived for lack of evidence (`too_general`, `not_relevant`,",
        "`other`) until the reporter-information window after that request has passed.",
        "`assign_handler` names the handling officer. `conclude` takes one of "
        + ", ".join(f"`{a}`" for a in workflow.CONCLUDE_STEPS)
        + " by its outcome: investigate; refer_lpsk (the case goes on); refer_kpk,",
        "refer_kejaksaan, refer_polri (referred); substantiated or unsubstantiated (answered,",
        "the result published to the reporter). A report about the Inspektur or the Sekda takes",
        "the external path: never routed to the Inspektorat, referred only to Itjen Kemendagri.",
        "",
        "## Assignment statuses",
        "",
        "| Status | Label |",
        "|---|---|",
        *[f"| `{s.value}` | {s.label} |" for s in AssignmentStatus],
        "",
        "## Assignment transitions",
        "",
        *_table(workflow.ASSIGNMENT_TRANSITIONS, AssignmentStatus),
        "",
        "`publish_result` needs every assignment that was not returned to be `approved`, or",
        "`result_submitted` when the resolution policy does not require the head's approval.",
        "An objection (`object`, at most `ADUAN_MAX_OBJECTIONS` times, within the feedback window)",
        "moves `done` assignments back to `accepted` with a fresh resolution clock.",
        "",
        "## Clocks",
        "",
        "| Status | Clock running | Policy stage |",
        "|---|---|---|",
        "| `received` | verification (resumes with the working days already used) |"
        " `verification` |",
        "| `needs_info` | reporter completes the report (calendar days) | `reporter_info` |",
        "| `routed`, `in_progress` | each assignment: first response and resolution |"
        " `first_response`, `resolution` |",
        "| `answered` | reporter's feedback / objection window | `feedback_window` |",
        "",
    ]
    return "\n".join(lines)
