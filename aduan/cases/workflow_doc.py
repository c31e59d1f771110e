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
