"""Plays a demo case's history up to its planned status: the events, assignments, messages
and feedback the services would have written, with the same deadline function. In open mode
(demo_open) a routed case may have a second agency, which follows the first one's history."""

import datetime as dt

from aduan.agencies.models import INSPECTORATE_CODE, Stage, SupervisionClass

from . import deadlines, demo_content, demo_open
from .models import ArchiveReason, Assignment, CaseEvent, CaseKind, Feedback, Message
from .workflow import AssignmentStatus, CaseStatus

S = CaseStatus
PATHS = {
    S.RECEIVED: [],
    S.NEEDS_INFO: ["request_info"],
    S.WITHDRAWN: ["request_info", "withdraw"],
    S.ARCHIVED: ["archive"],
    S.REFERRED: ["refer_out"],
    S.ROUTED: ["route"],
    S.IN_PROGRESS: ["route", "accept", "update"],
    S.ANSWERED: ["route", "accept", "submit_result", "publish_result"],
    S.CLOSED: ["route", "accept", "submit_result", "publish_result", "feedback"],
}
FALLBACK_AGENCIES = ("DPUPR", "DINKES", "DISDIKBUD")


class HistoryBuilder:
    def __init__(self, ctx):
        self.ctx = ctx
        self.events: list[CaseEvent] = []
        self.assignments: list[Assignment] = []
        self.messages: list[Message] = []
        self.feedback: list[Feedback] = []

    # -- helpers -----------------------------------------------------------------------
    def _event(self, case, action, at, before, after, role, actor=None, **extra):
        self.events.append(
            CaseEvent(
                case=case, at=at, action=action, actor=actor, actor_role=role,
                from_status=before, to_status=after, note=extra.get("note", ""),
                visible_to_reporter=extra.get("visible", True),
                data=extra.get("data", {}), assignment=extra.get("assignment"),
            )
        )  # fmt: skip

    def _verifier(self, case):
        wbs = case.kind == CaseKind.WHISTLEBLOWING
        return (
            ("wbs_officer", self.ctx.users.get("inspektorat"))
            if wbs
            else ("coordinator", self.ctx.users.get("koordinator"))
        )

    def _agency_for(self, case):
        if case.supervision_class == SupervisionClass.SUPERVISORY:
            return self.ctx.agencies[INSPECTORATE_CODE]
        default = case.category.default_agency if case.category else None
        if default is not None and default.code in self.ctx.agencies:
            return default
        return self.ctx.agencies[self.ctx.rng.choice(FALLBACK_AGENCIES)]

    # -- the play ------------------------------------------------------------------------
    def play(self, case) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        if ctx.second_agencies is not None:
            ctx.second_agencies.count_case()
        target, moment = case.status, case.received_at
        case.status = S.RECEIVED
        self._event(case, "create", moment, "", S.RECEIVED, "reporter", note="Laporan diterima.")
        role, verifier = self._verifier(case)
        assignment = None
        for action in PATHS[target]:
            before = case.status
            moment = self._next_moment(case, action, moment)
            if action == "request_info":
                case.status = S.NEEDS_INFO
                case.clock_days_used = 1
                case.clock_started_at = moment
                self.messages.append(
                    Message(case=case, at=moment, author=verifier,
                            body="Mohon lengkapi lokasi tepat dan foto kejadian.")
                )  # fmt: skip
            elif action == "withdraw":
                case.status, case.closed_at = S.WITHDRAWN, moment
                role = "system"
            elif action == "archive":
                case.status, case.closed_at = S.ARCHIVED, moment
                case.archive_reason = rng.choice(ArchiveReason.values)
            elif action == "refer_out":
                case.status, case.closed_at = S.REFERRED, moment
                case.referred_to = rng.choice(ctx.external)
            elif action == "route":
                case.status = S.ROUTED
                assignment = self._route(case, moment)
            elif action == "accept":
                case.status = S.IN_PROGRESS
                assignment.status, assignment.accepted_at = AssignmentStatus.ACCEPTED, moment
                role, verifier = "agency_officer", ctx.officers.get(assignment.agency_id)
            elif action == "update":
                pass
            elif action == "submit_result":
                assignment.status = AssignmentStatus.RESULT_SUBMITTED
                assignment.result_submitted_at = moment
                assignment.result_summary = rng.choice(demo_content.RESULTS)
            elif action == "publish_result":
                case.status, case.answered_at = S.ANSWERED, moment
                case.result_summary = assignment.result_summary
                case.clock_started_at = moment
                assignment.status, assignment.completed_at = AssignmentStatus.DONE, moment
                role, verifier = self._verifier(case)
            elif action == "feedback":
                case.status, case.closed_at = S.CLOSED, moment
                satisfied = rng.random() < 0.75
                self.feedback.append(
                    Feedback(case=case, at=moment, rating=rng.randint(4, 5) if satisfied
                             else rng.randint(1, 3), satisfied=satisfied)
                )  # fmt: skip
                role, verifier = "reporter", None
            self._event(
                case, action, moment, before, case.status,
                "reporter" if action == "feedback" else role,
                verifier if action != "feedback" else None,
                assignment=assignment if action in {"accept", "update", "submit_result"} else None,
                visible=action != "submit_result",
                note=rng.choice(demo_content.UPDATE_NOTES) if action == "update" else "",
                data=self._route_data(case) if action == "route" else {},
            )  # fmt: skip
            if assignment is not None:
                self._others_follow(case, target, action, assignment)
        self._set_due(case)

    def _next_moment(self, case, action, moment) -> dt.datetime:
        ctx = self.ctx
        span = {"withdraw": (30, 32), "feedback": (1, 9), "publish_result": (0.2, 2)}
        low, high = span.get(action, (0.1, 3))
        if case.received_at + dt.timedelta(days=low) > ctx.now:
            low = 0
        return min(moment + dt.timedelta(days=ctx.rng.uniform(low, high)), ctx.now)

    def _route(self, case, moment) -> Assignment:
        """The case's assignment(s); returns the first, whose history the case follows."""
        first = self._assignment(case, self._agency_for(case), moment)
        case._demo_assignments = [first]
        if self.ctx.second_agencies is not None:
            other = self.ctx.second_agencies.pick(case, first.agency)
            if other is not None:
                case._demo_assignments.append(self._assignment(case, other, moment))
        return first

    def _assignment(self, case, agency, moment) -> Assignment:
        ctx = self.ctx
        assignment = Assignment(
            case=case, agency=agency, routed_at=moment, clock_started_at=moment,
            routed_by=self._verifier(case)[1], instructions="Mohon ditindaklanjuti.",
        )  # fmt: skip
        assignment.first_response_due_at, assignment.due_at = deadlines.assignment_deadlines(
            case, assignment, ctx.calendar, ctx.policies
        )
        self.assignments.append(assignment)
        return assignment

    @staticmethod
    def _route_data(case) -> dict:
        return {"agencies": [a.agency.code for a in case._demo_assignments]}

    def _others_follow(self, case, target, action, first) -> None:
        """The other agencies of a case after the first one's `action`: still pending on a
        routed case; on an in_progress one most have accepted too; on an answered (or closed)
        one they worked alongside the first."""
        rng = self.ctx.rng
        for other in case._demo_assignments[1:]:
            officer = self.ctx.officers.get(other.agency_id)
            if action == "accept":
                if target == S.IN_PROGRESS and rng.random() >= demo_open.SECOND_ACCEPTED:
                    continue
                at = first.accepted_at
                if target == S.IN_PROGRESS:
                    at += (self.ctx.now - first.accepted_at) * rng.random()
                other.status, other.accepted_at = AssignmentStatus.ACCEPTED, at
            elif action == "submit_result":
                other.status, at = AssignmentStatus.RESULT_SUBMITTED, first.result_submitted_at
                other.result_submitted_at = at
                other.result_summary = rng.choice(demo_content.RESULTS)
            elif action == "publish_result":
                other.status, other.completed_at = AssignmentStatus.DONE, first.completed_at
                continue
            else:
                continue
            self._event(
                case, action, at, S.IN_PROGRESS, S.IN_PROGRESS, "agency_officer", officer,
                assignment=other, visible=action != "submit_result",
            )  # fmt: skip

    def _set_due(self, case) -> None:
        ctx = self.ctx
        if case.status in (S.ROUTED, S.IN_PROGRESS):
            case.due_at = max(a.due_at for a in case._demo_assignments)
        elif case.status in (S.RECEIVED, S.NEEDS_INFO, S.ANSWERED):
            case.due_at = deadlines.case_stage_deadline(case, ctx.calendar, ctx.policies)
            if case.status == S.RECEIVED:
                case.verification_due_at = case.due_at
        else:
            case.due_at = None
        if case.status == S.NEEDS_INFO:
            policy = deadlines.case_policy(case, Stage.VERIFICATION, ctx.policies)
            case.verification_due_at = deadlines.deadline_for(
                Stage.VERIFICATION, case.clock_started_at, policy,
                days_used=case.clock_days_used, calendar=ctx.calendar,
            )  # fmt: skip
