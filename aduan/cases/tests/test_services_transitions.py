"""Every (status, action) pair of the case table through the real services, on a real database:
allowed pairs succeed and write their event; all others raise and change nothing."""

import itertools

import pytest

from aduan.cases import services, workflow
from aduan.cases.actors import SYSTEM_ACTOR
from aduan.cases.models import Assignment, CaseEvent
from aduan.cases.workflow import AssignmentStatus, CaseStatus
from aduan.core.errors import InvalidTransition

from .builders import assignment, build, refresh, reporter

pytestmark = pytest.mark.django_db


def _force(case, agency, status):
    """Puts one assignment in the state its own table needs, so only the case table judges."""
    Assignment.objects.filter(case=case, agency__code=agency).update(status=status)
    if not Assignment.objects.filter(case=case, agency__code=agency).exists():
        services_route_row(case, agency, status)
    return assignment(case, agency)


def services_route_row(case, agency_code, status):
    from aduan.agencies.models import Agency
    from aduan.core import clock

    now = clock.now()
    Assignment.objects.create(
        case=case,
        agency=Agency.objects.get(code=agency_code),
        status=status,
        routed_at=now,
        clock_started_at=now,
        first_response_due_at=now,
        due_at=now,
    )


def run(action, case, staff):
    """Calls the service behind `action`, preparing what the action itself needs."""
    c, s = staff["coordinator"], staff
    match action:
        case "classify":
            return services.classify(c, case, category="kesehatan", title="Antrean obat RSUD")
        case "request_info":
            return services.request_info(c, case, message="Lengkapi alamat kejadian.")
        case "reporter_reply":
            return services.reporter_reply(reporter(case), case, body="Alamatnya Jl. A. Yani.")
        case "withdraw":
            return services.withdraw(reporter(case), case)
        case "archive":
            return services.archive(c, case, reason="not_relevant")
        case "refer_out":
            return services.refer_out(c, case, destination="EXT-BPJS")
        case "route":
            return services.route(c, case, agencies=["DPUPR"])
        case "accept":
            a = _force(case, "DINKES", AssignmentStatus.PENDING)
            return services.accept(s["officer_dinkes"], a)
        case "return":
            _force(case, "DPUPR", AssignmentStatus.ACCEPTED)
            a = _force(case, "DINKES", AssignmentStatus.PENDING)
            return services.return_assignment(s["officer_dinkes"], a, reason="Bukan kewenangan.")
        case "requeue":
            for code in ("DPUPR", "DINKES"):
                _force(case, code, AssignmentStatus.PENDING)
            services.return_assignment(s["officer_dpupr"], assignment(case, "DPUPR"), reason="a")
            return services.return_assignment(
                s["officer_dinkes"], assignment(case, "DINKES"), reason="b"
            )
        case "update":
            a = _force(case, "DPUPR", AssignmentStatus.ACCEPTED)
            return services.update(s["officer_dpupr"], a, note="Survei.", visible_to_reporter=True)
        case "submit_result":
            a = _force(case, "DPUPR", AssignmentStatus.ACCEPTED)
            return services.submit_result(s["officer_dpupr"], a, summary="Selesai diperbaiki.")
        case "approve_result":
            a = _force(case, "DPUPR", AssignmentStatus.RESULT_SUBMITTED)
            return services.approve_result(s["head_dpupr"], a)
        case "publish_result":
            Assignment.objects.filter(case=case).update(status=AssignmentStatus.RETURNED)
            _force(case, "DPUPR", AssignmentStatus.RESULT_SUBMITTED)
            return services.publish_result(c, case, message="Sudah diperbaiki.")
        case "feedback":
            return services.give_feedback(reporter(case), case, rating=4, satisfied=True)
        case "object":
            return services.give_feedback(
                reporter(case), case, rating=1, satisfied=False, objection=True
            )
        case "close":
            return services.close(SYSTEM_ACTOR, case)
    raise AssertionError(action)


# The WBS officer's actions need a sealed WBS case and an unlocked key: the same sweep over
# every status runs in aduan/whistleblowing/tests/test_handling.py.
PUBLIC_TRACK_ACTIONS = [a for a in workflow.CASE_ACTIONS if a not in workflow.WBS_ACTIONS]


@pytest.mark.parametrize(
    ("status", "action"), list(itertools.product(CaseStatus.values, PUBLIC_TRACK_ACTIONS))
)
def test_case_action_in_status(status, action, staff):
    case = build(status, staff)
    expected = workflow.CASE_TRANSITIONS.get((status, action))
    events_before = CaseEvent.objects.filter(case=case).count()
    if expected is None:
        with pytest.raises(InvalidTransition):
            run(action, case, staff)
        assert refresh(case).status == status
        assert CaseEvent.objects.filter(case=case).count() == events_before
        return
    run(action, case, staff)
    case = refresh(case)
    event = CaseEvent.objects.filter(case=case, action=action).latest("id")
    assert event.from_status == status
    assert event.to_status == expected
    assert case.status == expected


ASSIGNMENT_LEVEL = sorted(workflow.ASSIGNMENT_LEVEL_ACTIONS)


@pytest.mark.parametrize(
    ("status", "action"), list(itertools.product(AssignmentStatus.values, ASSIGNMENT_LEVEL))
)
def test_assignment_action_in_status(status, action, staff):
    """The assignment table judges, with the case in progress (where the case allows all)."""
    case = build("in_progress", staff)
    a = assignment(case, "DPUPR")
    Assignment.objects.filter(pk=a.pk).update(status=status)
    officer, head = staff["officer_dpupr"], staff["head_dpupr"]
    call = {
        "accept": lambda: services.accept(officer, a),
        "return": lambda: services.return_assignment(officer, a, reason="Bukan kewenangan."),
        "update": lambda: services.update(officer, a, note="Catatan.", visible_to_reporter=False),
        "submit_result": lambda: services.submit_result(officer, a, summary="Hasil."),
        "approve_result": lambda: services.approve_result(head, a),
    }[action]
    expected = workflow.ASSIGNMENT_TRANSITIONS.get((status, action))
    if expected is None:
        with pytest.raises(InvalidTransition):
            call()
        a.refresh_from_db()
        assert a.status == status
        return
    call()
    a.refresh_from_db()
    assert a.status == expected
    assert CaseEvent.objects.filter(assignment=a, action=action).exists()
