"""The escalation ladder duty: reminders, missed-deadline notices, escalations and the
non-compliance records, for every open deadline at once.

Each step is a handful of set-based statements whatever the number of cases:
1. INSERT the step's DeadlineAlert rows (the mark; unique per deadline and step, so a repeated
   sweep inserts nothing and everything below, which reads only this run's alerts, does nothing);
2. one INSERT of timeline events for all of this run's alerts;
3. one INSERT of in-app notifications per step (recipients joined in SQL);
4. one INSERT of non-compliance records for this run's escalations.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from aduan.accounts.models import User
from aduan.accounts.roles import Role
from aduan.agencies.models import (
    COORDINATOR_AGENCY_CODE,
    INSPECTORATE_CODE,
    Agency,
    SlaPolicy,
    Stage,
)
from aduan.cases.models import Assignment, Case, CaseEvent, CaseKind
from aduan.cases.workflow import AssignmentStatus, CaseStatus
from aduan.compliance.models import NonComplianceRecord
from aduan.core import clock
from aduan.core.sql import (
    db_datetime,
    execute,
    insert_from_select,
    quoted_column,
    quoted_table,
    selecting,
)
from aduan.notifications.models import Notification, NotificationKind
from aduan.workdays.calendar import WorkCalendar

from . import ladder
from .models import DeadlineAlert, LadderStep, SweepRun

# The deadlines the ladder watches, in the order a case meets them.
LADDER_STAGES = (Stage.VERIFICATION, Stage.FIRST_RESPONSE, Stage.RESOLUTION)
CASE_IS_OPEN_AT_AGENCY = (CaseStatus.ROUTED, CaseStatus.IN_PROGRESS)

EVENT_ACTION = {
    LadderStep.REMINDER: "deadline_reminder",
    LadderStep.MISSED: "deadline_missed",
    LadderStep.ESCALATED: "escalated",
}
NOTIFICATION_KIND = {
    LadderStep.REMINDER: NotificationKind.DEADLINE_REMINDER,
    LadderStep.MISSED: NotificationKind.DEADLINE_MISSED,
    LadderStep.ESCALATED: NotificationKind.ESCALATED,
}
NOTICE_PREFIX = {
    LadderStep.REMINDER: "Pengingat tenggat",
    LadderStep.MISSED: "Tenggat terlewati",
    LadderStep.ESCALATED: "Eskalasi tenggat",
}
STAGE_PHRASE = {
    Stage.VERIFICATION: "verifikasi laporan",
    Stage.FIRST_RESPONSE: "tanggapan pertama OPD",
    Stage.RESOLUTION: "penyelesaian tindak lanjut",
}
STEP_NOTE = {
    LadderStep.REMINDER: "Pengingat: tenggat {stage} segera berakhir; petugas diberi tahu.",
    LadderStep.MISSED: "Tenggat {stage} terlewati; kepala instansi diberi tahu.",
    LadderStep.ESCALATED: (
        "Eskalasi: tenggat {stage} terlewati lebih dari batas toleransi; diteruskan ke Sekda dan "
        "Inspektorat, dan dicatat sebagai ketidakpatuhan instansi."
    ),
}
# Who hears of each step, as a SQL condition on the user u and the alert a.
RECIPIENTS = {
    LadderStep.REMINDER: (
        "u.agency_id = a.agency_id AND u.role IN (%s, %s, %s)",
        [Role.AGENCY_OFFICER, Role.COORDINATOR, Role.WBS_OFFICER],
    ),
    LadderStep.MISSED: ("u.agency_id = a.agency_id AND u.role = %s", [Role.AGENCY_HEAD]),
    LadderStep.ESCALATED: ("u.role IN (%s, %s)", [Role.SUPERVISOR, Role.WBS_OFFICER]),
}


@dataclass(frozen=True)
class Subject:
    """Where one stage's open deadlines live: rows, their due column, the agency that owes."""

    queryset: QuerySet
    due: str
    case_prefix: str
    columns: dict


def _subject(stage: str) -> Subject:
    if stage == Stage.VERIFICATION:
        codes = dict(
            Agency.objects.filter(
                code__in=[COORDINATOR_AGENCY_CODE, INSPECTORATE_CODE]
            ).values_list("code", "pk")
        )
        owner = SqlCase(
            When(kind=CaseKind.WHISTLEBLOWING, then=Value(codes.get(INSPECTORATE_CODE, 0))),
            default=Value(codes.get(COORDINATOR_AGENCY_CODE, 0)),
            output_field=IntegerField(),
        )
        waiting = Case.objects.filter(status=CaseStatus.RECEIVED, due_at__isnull=False)
        # An agency missing from the reference data owes nothing: its cases are filtered out
        # below, so the placeholder 0 in `owner` is never written.
        if COORDINATOR_AGENCY_CODE not in codes:
            waiting = waiting.filter(kind=CaseKind.WHISTLEBLOWING)
        if INSPECTORATE_CODE not in codes:
            waiting = waiting.exclude(kind=CaseKind.WHISTLEBLOWING)
        return Subject(
            queryset=waiting,
            due="due_at",
            case_prefix="",
            columns={"case": F("pk"), "assignment": Value(None, IntegerField()), "agency": owner},
        )
    waiting = AssignmentStatus.PENDING if stage == Stage.FIRST_RESPONSE else "accepted"
    return Subject(
        queryset=Assignment.objects.filter(status=waiting, case__status__in=CASE_IS_OPEN_AT_AGENCY),
        due="first_response_due_at" if stage == Stage.FIRST_RESPONSE else "due_at",
        case_prefix="case__",
        columns={"case": F("case_id"), "assignment": F("pk"), "agency": F("agency_id")},
    )


def _step_filter(
    step: str, stage: str, subject: Subject, policies, as_of: dt.datetime, calendar: WorkCalendar
) -> tuple[Q, object]:
    """(condition on the subject rows, the threshold expression to store) for one step."""
    due = subject.due
    if step == LadderStep.MISSED:
        return Q(**{f"{due}__lt": as_of}), Value(0, IntegerField())
    attribute = "reminder_days_before" if step == LadderStep.REMINDER else "escalation_days_after"
    threshold = ladder.threshold_expression(policies, stage, attribute, subject.case_prefix)
    condition = Q(pk__in=[])
    today = clock.local_date(as_of)
    for days in ladder.distinct_thresholds(policies, stage, attribute):
        if step == LadderStep.REMINDER:
            window = Q(**{f"{due}__lte": ladder.reminder_cutoff(today, days, calendar)})
        else:
            window = Q(**{f"{due}__lt": ladder.escalation_cutoff(as_of, days, calendar)})
        condition |= Q(ladder_threshold=days) & window
    if step == LadderStep.REMINDER:
        condition &= Q(**{f"{due}__gte": as_of})  # already missed: the next step speaks
    return condition, threshold


def mark_steps(run: SweepRun, policies: list[SlaPolicy], calendar: WorkCalendar) -> int:
    """Inserts this run's alerts for every stage and step; returns how many."""
    inserted = 0
    for stage in LADDER_STAGES:
        subject = _subject(stage)
        for step in LadderStep:
            condition, threshold = _step_filter(step, stage, subject, policies, run.as_of, calendar)
            rows = subject.queryset.alias(ladder_threshold=threshold).filter(condition)
            columns = {
                **subject.columns,
                "stage": Value(stage),
                "step": Value(step.value),
                "due_at": F(subject.due),
                "threshold_days": threshold,
                "created_at": Value(run.as_of),
                "run": Value(run.pk),
            }
            inserted += insert_from_select(DeadlineAlert, list(columns), selecting(rows, columns))
    return inserted


def _case_expression(mapping: dict[tuple, str], params: list) -> str:
    """CASE over (stage, step) pairs as SQL, its literals passed as parameters."""
    parts = []
    for (stage, step), text in mapping.items():
        parts.append("WHEN a.stage = %s AND a.step = %s THEN %s")
        params.extend([stage, step, text])
    return f"CASE {' '.join(parts)} ELSE '' END"


def write_events(run: SweepRun) -> int:
    """One timeline event per alert of this run (internal: the reporter does not see these)."""
    event, alert, case = CaseEvent, DeadlineAlert, Case
    params: list = []
    action = _case_expression(
        {(stage, step): EVENT_ACTION[step] for stage in LADDER_STAGES for step in LadderStep},
        params,
    )
    note = _case_expression(
        {
            (stage, step): STEP_NOTE[step].format(stage=STAGE_PHRASE[stage])
            for stage in LADDER_STAGES
            for step in LadderStep
        },
        params,
    )
    columns = ", ".join(
        quoted_column(event, name)
        for name in (
            "case", "assignment", "at", "action", "actor_role", "from_status", "to_status",
            "note", "visible_to_reporter", "data",
        )
    )  # fmt: skip
    # Names come from model metadata and the CASE literals are parameters: nothing user-given.
    sql = (
        f"INSERT INTO {quoted_table(event)} ({columns}) "  # noqa: S608
        f"SELECT a.case_id, a.assignment_id, %s, {action}, 'system', c.status, c.status, "
        f"{note}, %s, %s FROM {quoted_table(alert)} a "
        f"JOIN {quoted_table(case)} c ON c.id = a.case_id WHERE a.run_id = %s"
    )
    return execute(sql, [db_datetime(run.as_of), *params, False, "{}", run.pk])


def write_notifications(run: SweepRun) -> int:
    """In-app notices: per step, one INSERT joining the alerts to their recipients."""
    written = 0
    for step in LadderStep:
        recipient_sql, recipient_params = RECIPIENTS[step]
        columns = ", ".join(
            quoted_column(Notification, name)
            for name in ("user", "case", "alert", "kind", "message", "created_at")
        )
        # A WBS case's number is not shown to the supervisor: only the Inspektorat handles it.
        # e.g. "Eskalasi tenggat (tanggapan pertama OPD, DPUPR): ADU-2026-7KQ4MZ".
        stage_params: list = []
        stage_phrase = (
            "CASE " + " ".join("WHEN a.stage = %s THEN %s" for _ in STAGE_PHRASE) + " ELSE '' END"
        )
        for stage, phrase in STAGE_PHRASE.items():
            stage_params.extend([stage, phrase])
        message = (
            f"CAST(%s AS TEXT) || ' (' || {stage_phrase} || ', ' || g.code || '): ' || "
            "CASE WHEN c.kind = %s AND u.role <> %s THEN 'laporan WBS' ELSE c.tracking_number END"
        )
        sql = (
            f"INSERT INTO {quoted_table(Notification)} ({columns}) "  # noqa: S608
            f"SELECT u.id, a.case_id, a.id, %s, {message}, %s "
            f"FROM {quoted_table(DeadlineAlert)} a "
            f"JOIN {quoted_table(Case)} c ON c.id = a.case_id "
            f"JOIN {quoted_table(Agency)} g ON g.id = a.agency_id "
            f"JOIN {quoted_table(User)} u ON {recipient_sql} "
            f"WHERE a.run_id = %s AND a.step = %s AND u.is_active = %s "
            f"ON CONFLICT DO NOTHING"
        )
        params = [
            NOTIFICATION_KIND[step],
            NOTICE_PREFIX[step],
            *stage_params,
            CaseKind.WHISTLEBLOWING,
            Role.WBS_OFFICER,
            db_datetime(run.as_of),
            *recipient_params,
            run.pk,
            step.value,
            True,
        ]
        written += execute(sql, params)
    return written


def write_noncompliance(run: SweepRun) -> int:
    """A non-compliance record against the agency for each escalation of this run."""
    rows = DeadlineAlert.objects.filter(run=run, step=LadderStep.ESCALATED)
    columns = {
        "agency": F("agency_id"),
        "case": F("case_id"),
        "assignment": F("assignment_id"),
        "stage": F("stage"),
        "due_at": F("due_at"),
        "recorded_at": Value(run.as_of),
        "days_late_when_recorded": F("threshold_days"),
    }
    return insert_from_select(NonComplianceRecord, list(columns), selecting(rows, columns))


# When the owed thing was finally done, per stage (the record itself stays).
_FULFILLED_BY = {
    Stage.FIRST_RESPONSE: Coalesce("accepted_at", "returned_at"),
    Stage.RESOLUTION: Coalesce("result_submitted_at", "returned_at"),
}
VERIFICATION_ACTIONS = ("route", "archive", "refer_out", "request_info")


def mark_fulfilled() -> int:
    """Fills `fulfilled_at` of records whose agency has acted since; one UPDATE per stage."""
    updated = 0
    owed = NonComplianceRecord.objects.filter(fulfilled_at__isnull=True)
    for stage, moment in _FULFILLED_BY.items():
        done = Assignment.objects.filter(pk=OuterRef("assignment_id")).values(done=moment)[:1]
        updated += (
            owed.filter(stage=stage)
            .annotate(done=Subquery(done))
            .filter(done__isnull=False)
            .update(fulfilled_at=Subquery(done))
        )
    verified = (
        CaseEvent.objects.filter(
            case_id=OuterRef("case_id"), action__in=VERIFICATION_ACTIONS, at__gte=OuterRef("due_at")
        )
        .values("case_id")
        .annotate(first=Min("at"))
        .values("first")[:1]
    )
    updated += (
        owed.filter(stage=Stage.VERIFICATION)
        .annotate(done=Subquery(verified))
        .filter(done__isnull=False)
        .update(fulfilled_at=Subquery(verified))
    )
    return updated


def climb(run: SweepRun, policies: list[SlaPolicy], calendar: WorkCalendar) -> dict[str, int]:
    """The whole ladder for one run. Returns counts for the run's record."""
    counts = {"fulfilled": mark_fulfilled()}
    counts["alerts"] = mark_steps(run, policies, calendar)
    if counts["alerts"]:
        counts["events"] = write_events(run)
        counts["notifications"] = write_notifications(run)
        counts["noncompliance"] = write_noncompliance(run)
    by_step = dict(
        DeadlineAlert.objects.filter(run=run)
        .values_list("step")
        .annotate(n=Count("id"))
        .values_list("step", "n")
    )
    for step in LadderStep:
        counts[f"alerts_{step.value}"] = by_step.get(step.value, 0)
    return counts
