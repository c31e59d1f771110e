"""The pure tables: every (status, action) pair either moves where the table says or raises."""

import itertools

import pytest

from aduan.cases import workflow
from aduan.cases.workflow import AssignmentStatus, CaseStatus
from aduan.core.errors import InvalidTransition

CASE_PAIRS = list(itertools.product(CaseStatus.values, workflow.CASE_ACTIONS))
ASSIGNMENT_PAIRS = list(itertools.product(AssignmentStatus.values, workflow.ASSIGNMENT_ACTIONS))


@pytest.mark.parametrize(("status", "action"), CASE_PAIRS)
def test_case_table_pair(status, action):
    expected = workflow.CASE_TRANSITIONS.get((status, action))
    if expected is None:
        with pytest.raises(InvalidTransition) as caught:
            workflow.next_case_status(status, action)
        assert caught.value.code == "invalid_transition"
        assert caught.value.status == 409
    else:
        assert workflow.next_case_status(status, action) == expected


@pytest.mark.parametrize(("status", "action"), ASSIGNMENT_PAIRS)
def test_assignment_table_pair(status, action):
    expected = workflow.ASSIGNMENT_TRANSITIONS.get((status, action))
    if expected is None:
        with pytest.raises(InvalidTransition):
            workflow.next_assignment_status(status, action)
    else:
        assert workflow.next_assignment_status(status, action) == expected


def test_final_statuses_have_no_way_out():
    for status in workflow.FINAL_CASE_STATUSES:
        assert workflow.case_actions_from(status) == []


def test_verification_ends_in_exactly_the_four_outcomes():
    leaving = {
        action
        for action in workflow.case_actions_from(CaseStatus.RECEIVED)
        if workflow.CASE_TRANSITIONS[(CaseStatus.RECEIVED, action)] != CaseStatus.RECEIVED
    }
    assert leaving == {
        "archive",
        "refer_out",
        "request_info",
        "route",
        "withdraw",
    }


def test_every_action_names_who_may_take_it():
    for action in set(workflow.CASE_ACTIONS) | set(workflow.ASSIGNMENT_ACTIONS):
        assert workflow.ACTION_ROLES[action], action


def test_only_the_agency_head_approves_results():
    assert workflow.ACTION_ROLES["approve_result"] == {"agency_head"}
    assert not workflow.role_may("agency_officer", "approve_result")
