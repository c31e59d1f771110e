"""The WBS officer's services (issue 6 items 2-4): the evidence gate and its archive rule,
sealed messages, the handler and conflicts, the conclusion."""

import datetime as dt
import itertools

import pytest
import time_machine
from django.db import connection

from aduan.agencies.models import Agency
from aduan.cases import services as case_services
from aduan.cases import workflow
from aduan.cases.actors import ReporterActor
from aduan.cases.models import Assignment, Case, CaseEvent, Message
from aduan.cases.workflow import AssignmentStatus, CaseStatus
from aduan.core import clock
from aduan.core.audit import AuditRecord
from aduan.core.errors import InvalidTransition, NotFound, SealedContentLocked, ValidationFailed
from aduan.intake.selectors import reporter_view
from aduan.whistleblowing import handling, sealing
from aduan.whistleblowing.models import Conflict, SealedMessage, SealedReport

from .officer import (
    CANARY_MESSAGE,
    CANARY_NOTE,
    CANARY_REASON,
    sealed_case,
    take_on,
    with_key,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    user = make_user("wbs_officer", "INSPEKTORAT", "wbs.satu")
    user.key = with_key(user)
    return user


def raw_rows(table: str) -> str:
    """Every column of every row, as the database holds them."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        return repr(cursor.fetchall())


def insufficient(officer, case):
    return handling.judge_evidence(
        officer,
        case,
        sufficient=False,
        reason=f"Hanya cerita tanpa dokumen. {CANARY_REASON}",
        message=f"Mohon kirim foto kuitansi. {CANARY_MESSAGE}",
        private_key=officer.key,
    )


# The evidence gate ----------------------------------------------------------------------------


def test_insufficient_evidence_asks_the_reporter_sealed_and_pauses_the_clock(officer):
    case, receipt = sealed_case()
    insufficient(officer, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.NEEDS_INFO
    sealed = SealedReport.objects.get(case=case)
    assert sealed.evidence_sufficient is False and sealed.evidence_requested_at is not None
    # Nothing of what the officer wrote is in the clear, in any table.
    for table in ("cases_message", "whistleblowing_sealedmessage", "whistleblowing_sealedreport",
                  "cases_caseevent", "core_auditrecord"):  # fmt: skip
        text = raw_rows(table)
        assert CANARY_MESSAGE not in text and CANARY_REASON not in text, table
    message = Message.objects.get(case=case)
    assert message.body == "" and not message.internal
    key = sealing.content_key_for_reporter(case.pk, receipt)  # the reporter reads it
    assert CANARY_MESSAGE in handling.open_message(
        key, case, SealedMessage.objects.get(message=message)
    )
    officer_key = handling.content_key(officer, officer.key, case)
    reason = handling.open_field(officer_key, case, "evidence_reason", sealed.evidence_reason_enc)
    assert reason.endswith(CANARY_REASON)
    judged = CaseEvent.objects.get(case=case, action="judge_evidence")
    assert not judged.visible_to_reporter and judged.data == {"sufficient": False}
    asked = CaseEvent.objects.get(case=case, action="request_info")
    assert asked.visible_to_reporter and asked.to_status == CaseStatus.NEEDS_INFO
    assert AuditRecord.objects.filter(action="wbs_evidence_judged").exists()


def test_the_reason_is_mandatory_and_so_is_the_request_when_insufficient(officer):
    case, _ = sealed_case()
    with pytest.raises(ValidationFailed) as caught:
        handling.judge_evidence(
            officer, case, sufficient=False, reason=" ", message="", private_key=officer.key
        )
    assert set(caught.value.fields) == {"reason", "message"}
    handling.judge_evidence(
        officer, case, sufficient=True, reason="Ada salinan kontrak.", private_key=officer.key
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    assert SealedReport.objects.get(case=case).evidence_requested_at is None


def test_without_an_unlocked_key_nothing_sealed_is_written(officer):
    case, _ = sealed_case()
    with pytest.raises(SealedContentLocked) as caught:
        handling.judge_evidence(
            officer, case, sufficient=False, reason="a", message="b", private_key=None
        )
    assert "buka melalui situs petugas" in caught.value.message.lower()
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and not Message.objects.filter(case=case).exists()


def test_archive_for_lack_of_evidence_only_after_the_request_window(officer):
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        case, _ = sealed_case()
        with pytest.raises(InvalidTransition) as caught:  # never asked for more
            case_services.archive(officer, case, reason="too_general")
        assert caught.value.status == 409 and "diminta melengkapi" in caught.value.message
        insufficient(officer, case)
        case_services.reporter_reply(ReporterActor(case_id=case.pk), case, body="Sudah saya kirim.")
    with time_machine.travel(start + dt.timedelta(days=20), tick=False):
        for reason in ("too_general", "not_relevant", "other"):
            with pytest.raises(InvalidTransition) as caught:
                case_services.archive(officer, case, reason=reason)
            assert "baru berakhir" in caught.value.message
        case.refresh_from_db()
        assert case.status == CaseStatus.RECEIVED
    with time_machine.travel(start + dt.timedelta(days=31), tick=False):
        case_services.archive(officer, case, reason="too_general")
    case.refresh_from_db()
    assert case.status == CaseStatus.ARCHIVED


def test_abusive_reports_are_archived_without_the_gate(officer):
    case, _ = sealed_case()
    case_services.archive(officer, case, reason="abusive")
    case.refresh_from_db()
    assert case.status == CaseStatus.ARCHIVED


# Messages -------------------------------------------------------------------------------------


def test_officer_messages_are_stored_sealed(officer):
    case, _ = sealed_case()
    for internal in (False, True):
        message = handling.post_sealed_message(
            officer, case, body=CANARY_MESSAGE, internal=internal, private_key=officer.key
        )
        assert Message.objects.get(pk=message.pk).body == ""
    assert CANARY_MESSAGE not in raw_rows("cases_message")
    assert CANARY_MESSAGE not in raw_rows("whistleblowing_sealedmessage")
    assert SealedMessage.objects.filter(message__case=case).count() == 2
    with pytest.raises(SealedContentLocked):
        handling.post_sealed_message(officer, case, body="Halo.", internal=False, private_key=None)


# The handler and conflicts --------------------------------------------------------------------


def test_a_conflicted_officer_cannot_be_assigned_and_does_not_see_the_case(officer, make_user):
    seconded = make_user("wbs_officer", "DPUPR", "wbs.dpupr")  # works in the reported agency
    named = make_user("wbs_officer", "INSPEKTORAT", "wbs.nama")
    named.first_name, named.last_name = "Burung Kenari", "Prasetyo"
    named.save()
    for user in (seconded, named):
        with_key(user)
    case, _ = sealed_case()
    reasons = dict(Conflict.objects.filter(case=case).values_list("user__username", "reason"))
    assert reasons == {
        "wbs.dpupr": "bekerja di instansi terlapor",
        "wbs.nama": "disebut dalam laporan",
    }
    for user in (seconded, named):
        with pytest.raises(ValidationFailed) as caught:
            handling.assign_handler(officer, case, handler=user.username)
        assert "benturan kepentingan" in caught.value.fields["handler"][0]
        with pytest.raises(NotFound):  # they cannot act on it either
            handling.assign_handler(user, case, handler=officer.username)
    assert SealedReport.objects.get(case=case).handler is None
    handling.assign_handler(officer, case, handler=officer.username)
    assert SealedReport.objects.get(case=case).handler == officer
    event = CaseEvent.objects.get(case=case, action="assign_handler")
    assert not event.visible_to_reporter
    with pytest.raises(ValidationFailed):
        handling.assign_handler(officer, case, handler="koordinator-tidak-ada")


# The conclusion -------------------------------------------------------------------------------


def test_substantiated_is_published_to_the_reporter(officer):
    case, receipt = sealed_case()
    take_on(officer, case)
    handling.conclude(
        officer,
        case,
        outcome="substantiated",
        note=f"Setoran terbukti dari rekening koran. {CANARY_NOTE}",
        message=f"Laporan Anda terbukti; sanksi diproses. {CANARY_MESSAGE}",
        private_key=officer.key,
    )
    case.refresh_from_db()
    sealed = SealedReport.objects.get(case=case)
    assert case.status == CaseStatus.ANSWERED and sealed.outcome == "substantiated"
    assert case.assignments.get().status == AssignmentStatus.DONE
    assert case.due_at is not None  # the feedback window runs
    assert AuditRecord.objects.filter(action="wbs_concluded", details__outcome="substantiated")
    for table in ("cases_case", "cases_message", "cases_caseevent", "cases_assignment",
                  "whistleblowing_sealedreport", "core_auditrecord"):  # fmt: skip
        text = raw_rows(table)
        assert CANARY_NOTE not in text and CANARY_MESSAGE not in text, table
    # What the reporter sees on /lacak: the result, and the officer's sealed message.
    seen = reporter_view(case)
    assert seen.result and "terbukti" in seen.result["summary"]
    assert seen.can_give_feedback
    published = CaseEvent.objects.get(case=case, action="publish_result")
    assert published.visible_to_reporter and published.data["outcome"] == "substantiated"
    key = sealing.content_key_for_reporter(case.pk, receipt)
    sent = SealedMessage.objects.get(pk=published.data["message_id"])
    assert CANARY_MESSAGE in handling.open_message(key, case, sent)


def test_referral_to_law_enforcement_records_the_destination(officer):
    case, _ = sealed_case()
    take_on(officer, case)
    handling.conclude(
        officer, case, outcome="refer_kpk", note="Unsur pidana korupsi.", private_key=officer.key
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.REFERRED and case.referred_to.code == "EXT-KPK"
    assert case.assignments.get().status == AssignmentStatus.DONE
    event = CaseEvent.objects.get(case=case, action="refer_enforcement")
    assert event.data["destination"] == "EXT-KPK" and event.visible_to_reporter


def test_investigate_and_lpsk_keep_the_case_going(officer):
    case, _ = sealed_case()
    handling.conclude(
        officer, case, outcome="refer_lpsk", note="Pelapor diancam.", private_key=officer.key
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    with pytest.raises(InvalidTransition):  # an audit starts once the case is taken on
        handling.conclude(officer, case, outcome="investigate", note="a", private_key=officer.key)
    take_on(officer, case)
    handling.conclude(officer, case, outcome="investigate", note="ATT.", private_key=officer.key)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    assert SealedReport.objects.get(case=case).outcome == "investigate"
    with pytest.raises(ValidationFailed) as caught:  # the reporter must be told the result
        handling.conclude(
            officer, case, outcome="unsubstantiated", note="x", private_key=officer.key
        )
    assert "message" in caught.value.fields


def test_the_generic_publish_result_is_refused_on_a_sealed_case(officer):
    case, _ = sealed_case()
    take_on(officer, case)
    with pytest.raises(InvalidTransition):
        handling.perform(officer, case, "publish_result", {"message": "x"}, officer.key)


# Every status for every WBS step ---------------------------------------------------------------

OFFICER_CALLS = {
    "judge_evidence": lambda o, c: handling.judge_evidence(
        o, c, sufficient=True, reason="Cukup.", private_key=o.key
    ),
    "assign_handler": lambda o, c: handling.assign_handler(o, c, handler=o.username),
}
# One outcome per conclusion step (aduan.cases.workflow.CONCLUDE_STEPS).
OUTCOMES = ("investigate", "refer_lpsk", "refer_polri", "substantiated")


def _conclude(outcome):
    return lambda o, c: handling.conclude(
        o, c, outcome=outcome, note="Catatan.", message="Hasil.", private_key=o.key
    )


def test_the_sweep_covers_every_wbs_step():
    steps = {handling.conclude_step(o, s) for o in OUTCOMES for s in CaseStatus.values}
    assert steps == set(workflow.CONCLUDE_STEPS)
    assert set(OFFICER_CALLS) | {"conclude"} | steps >= workflow.WBS_ACTIONS


SHARE_BY_STATUS = {
    CaseStatus.ROUTED: AssignmentStatus.PENDING,
    CaseStatus.IN_PROGRESS: AssignmentStatus.ACCEPTED,
    CaseStatus.ANSWERED: AssignmentStatus.DONE,
    CaseStatus.CLOSED: AssignmentStatus.DONE,
}


def _in_status(case: Case, status: str) -> Case:
    """Forces the status (and the Inspektorat's share) so that only the tables judge."""
    share = SHARE_BY_STATUS.get(status)
    if share is not None:
        now = clock.now()
        Assignment.objects.create(
            case=case, agency=Agency.objects.get(code="INSPEKTORAT"), status=share,
            routed_at=now, clock_started_at=now, first_response_due_at=now, due_at=now,
        )  # fmt: skip
    Case.objects.filter(pk=case.pk).update(status=status)
    case.refresh_from_db()
    return case


@pytest.mark.parametrize(
    ("status", "action"),
    list(itertools.product(CaseStatus.values, [*sorted(OFFICER_CALLS), *OUTCOMES])),
)
def test_wbs_step_in_status(status, action, officer):
    """Every status for every officer action and conclusion step, on a sealed case: allowed
    pairs move as the table says and write their event; the others change nothing."""
    case = _in_status(sealed_case()[0], status)
    if action in OFFICER_CALLS:
        step, call = action, OFFICER_CALLS[action]
    else:
        step, call = handling.conclude_step(action, status), _conclude(action)
    expected = workflow.CASE_TRANSITIONS.get((status, step))
    before = CaseEvent.objects.filter(case=case).count()
    if expected is None:
        with pytest.raises(InvalidTransition):
            call(officer, case)
        case.refresh_from_db()
        assert case.status == status
        assert CaseEvent.objects.filter(case=case).count() == before
        return
    call(officer, case)
    case.refresh_from_db()
    event = CaseEvent.objects.filter(case=case, action=step).latest("id")
    assert (event.from_status, event.to_status, case.status) == (status, expected, expected)


def test_a_conflicted_officer_is_not_notified_of_the_case(
    officer, make_user, django_capture_on_commit_callbacks
):
    from aduan.notifications.models import Notification

    seconded = make_user("wbs_officer", "DPUPR", "wbs.dpupr")
    with django_capture_on_commit_callbacks(execute=True):
        case, _ = sealed_case()
    told = set(Notification.objects.filter(case=case).values_list("user__username", flat=True))
    assert officer.username in told and seconded.username not in told
