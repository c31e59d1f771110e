"""Staff API, actions: POST /api/v1/cases/{n}/actions/{action} for every action of API.md,
with its state checks (409), role checks (403) and visibility (404)."""

import pytest

from aduan.agencies.models import SlaPolicy, Stage
from aduan.cases import services
from aduan.cases.actors import ReporterActor
from aduan.cases.models import Case, Message

from .builders import assignment, build, new_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def act(client):
    def post(user, case, action, body=None, raw=None):
        client.logout()
        client.force_login(user)
        return client.post(
            f"/api/v1/cases/{case.tracking_number}/actions/{action}",
            data=raw if raw is not None else ({} if body is None else body),
            content_type="application/json",
        )

    return post


def status_of(case) -> str:
    return Case.objects.get(pk=case.pk).status


def assert_error(response, status: int, code: str):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    assert isinstance(error["fields"], dict)
    return error


def test_request_info_then_wrong_state(act, staff):
    case = build("received", staff)
    response = act(staff["coordinator"], case, "request_info", {"message": "Lampirkan foto."})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "needs_info" and body["tracking_number"] == case.tracking_number
    assert Message.objects.get(case=case).body == "Lampirkan foto."
    assert_error(
        act(staff["coordinator"], case, "route", {"agencies": ["DPUPR"]}), 409, "invalid_transition"
    )
    assert_error(
        act(staff["coordinator"], case, "request_info", {"message": "x"}), 409, "invalid_transition"
    )


def test_archive_as_duplicate_and_refer_out(act, staff):
    original = build("received", staff)
    copy = build("received", staff)
    response = act(
        staff["coordinator"],
        copy,
        "archive",
        {"reason": "duplicate", "note": "Sama.", "duplicate_of": original.tracking_number},
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["duplicate_of"]) == (
        "archived",
        original.tracking_number,
    )
    assert_error(act(staff["coordinator"], copy, "close", {}), 409, "invalid_transition")
    referred = act(
        staff["coordinator"], original, "refer_out", {"destination": "EXT-PLN", "note": "Listrik."}
    )
    assert referred.status_code == 200
    assert (referred.json()["status"], referred.json()["referred_to"]) == ("referred", "EXT-PLN")


def test_bad_bodies_are_400(act, staff):
    case = build("received", staff)
    coordinator = staff["coordinator"]
    error = assert_error(
        act(coordinator, case, "archive", {"reason": "bosan"}), 400, "validation_error"
    )
    assert "reason" in error["fields"]
    assert (
        "message"
        in assert_error(act(coordinator, case, "request_info", {}), 400, "validation_error")[
            "fields"
        ]
    )
    assert_error(
        act(coordinator, case, "request_info", {"message": "   "}), 400, "validation_error"
    )
    assert_error(act(coordinator, case, "route", {"agencies": "DPUPR"}), 400, "validation_error")
    assert_error(act(coordinator, case, "route", {"agencies": ["NOPE"]}), 400, "validation_error")
    assert_error(act(coordinator, case, "route", raw="{not json"), 400, "validation_error")
    assert_error(act(coordinator, case, "route", raw="[1, 2]"), 400, "validation_error")
    assert_error(
        act(coordinator, case, "refer_out", {"destination": "DPUPR"}), 400, "validation_error"
    )
    assert_error(
        act(coordinator, case, "request_info", {"message": "x" * 20_001}), 400, "validation_error"
    )
    for hostile in ({"message": "a\x00b"}, {"message": "\ud800"}, {"message": ["x"]}):
        assert_error(act(coordinator, case, "request_info", hostile), 400, "validation_error")
    assert_error(
        act(coordinator, case, "route", {"agencies": ["DP\x00UPR"]}), 400, "validation_error"
    )
    assert_error(act(coordinator, case, "route", {"agencies": [1, 2]}), 400, "validation_error")
    assert_error(
        act(coordinator, case, "route", raw='{"agencies": ["\\ud800"]}'), 400, "validation_error"
    )
    assert status_of(case) == "received"


def test_unknown_action_is_404(act, staff):
    case = build("received", staff)
    # reveal_identity exists now (the custodian's, tests in test_custodian.py).
    assert_error(act(staff["coordinator"], case, "teleport", {"reason": "x"}), 404, "not_found")
    assert_error(act(staff["coordinator"], case, "requeue"), 404, "not_found")
    assert_error(act(staff["coordinator"], case, "feedback"), 404, "not_found")


def test_route_and_the_agency_walk_to_answer_and_close(act, staff):
    case = build("received", staff)
    routed = act(
        staff["coordinator"],
        case,
        "route",
        {"agencies": ["DPUPR", "DINKES"], "instructions": "Cek."},
    )
    assert routed.status_code == 200 and routed.json()["status"] == "routed"
    accepted = act(staff["officer_dpupr"], case, "accept", {"note": "Kami tangani."})
    assert accepted.status_code == 200
    body = accepted.json()
    assert body["status"] == "in_progress"
    assert [(a["agency"], a["status"]) for a in body["assignments"]] == [("DPUPR", "accepted")]
    assert body["available_actions"] == ["return", "update", "submit_result"]
    assert_error(act(staff["officer_dpupr"], case, "accept"), 409, "invalid_transition")
    updated = act(
        staff["officer_dpupr"],
        case,
        "update",
        {"note": "Material dipesan.", "visible_to_reporter": True},
    )
    assert updated.status_code == 200
    assert any(t["note"] == "Material dipesan." for t in updated.json()["timeline"])
    assert_error(
        act(staff["coordinator"], case, "publish_result", {"message": "x"}),
        409,
        "invalid_transition",
    )
    assert (
        act(staff["officer_dpupr"], case, "submit_result", {"summary": "Ditambal."}).status_code
        == 200
    )
    assert_error(
        act(staff["officer_dpupr"], case, "submit_result", {"summary": "x"}),
        409,
        "invalid_transition",
    )
    returned = act(staff["officer_dinkes"], case, "return", {"reason": "Bukan kewenangan kami."})
    assert returned.status_code == 200
    assert returned.json()["assignments"][0]["returned_reason"] == "Bukan kewenangan kami."
    assert status_of(case) == "in_progress"  # DPUPR still holds it
    published = act(
        staff["coordinator"], case, "publish_result", {"message": "Jalan sudah ditambal."}
    )
    assert published.status_code == 200
    body = published.json()
    assert body["status"] == "answered" and body["result"]["summary"] == "Jalan sudah ditambal."
    assert body["available_actions"] == ["close"]
    closed = act(staff["coordinator"], case, "close", {"note": "Selesai."})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert_error(act(staff["coordinator"], case, "close"), 409, "invalid_transition")


def test_head_approval_when_the_policy_requires_it(act, staff):
    SlaPolicy.objects.filter(stage=Stage.RESOLUTION).update(requires_head_approval=True)
    case = build("in_progress", staff)
    services.return_assignment(staff["officer_dinkes"], assignment(case, "DINKES"), reason="x")
    assert_error(act(staff["head_dpupr"], case, "approve_result"), 409, "invalid_transition")
    services.submit_result(staff["officer_dpupr"], assignment(case, "DPUPR"), summary="Ditambal.")
    assert_error(
        act(staff["coordinator"], case, "publish_result", {"message": "x"}),
        409,
        "invalid_transition",
    )
    approved = act(staff["head_dpupr"], case, "approve_result", raw="")
    assert approved.status_code == 200
    assert approved.json()["assignments"][0]["status"] == "approved"
    assert (
        act(staff["coordinator"], case, "publish_result", {"message": "Beres."}).status_code == 200
    )


def test_all_assignments_returned_back_to_the_queue(act, staff):
    case = build("routed", staff)
    assert act(staff["officer_dpupr"], case, "return", {"reason": "Bukan kami."}).status_code == 200
    assert status_of(case) == "routed"
    response = act(staff["officer_dinkes"], case, "return", {"reason": "Bukan kami juga."})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["returned"]) == ("received", True)
    assert_error(act(staff["officer_dinkes"], case, "accept"), 409, "invalid_transition")
    queue = act(staff["coordinator"], case, "route", {"agencies": ["DISHUB"]})
    assert queue.status_code == 200
    assert (queue.json()["status"], queue.json()["returned"]) == ("routed", False)
    assert_error(
        act(staff["officer_dpupr"], case, "return", {"reason": "lagi"}), 409, "invalid_transition"
    )


def test_supervisory_case_only_to_the_inspectorate(act, staff):
    case = build("received", staff, category_code="pungli")
    for agencies in (["DPUPR"], ["INSPEKTORAT", "DPUPR"], ["DINKES"]):
        error = assert_error(
            act(staff["coordinator"], case, "route", {"agencies": agencies}),
            422,
            "routing_not_allowed",
        )
        assert "agencies" in error["fields"]
    assert status_of(case) == "received"
    response = act(staff["coordinator"], case, "route", {"agencies": ["INSPEKTORAT"]})
    assert response.status_code == 200 and response.json()["restricted"] is True
    # From here the Inspektorat acts on its share; the coordinator sees the status only.
    assert act(staff["wbs"], case, "accept", {"note": "Diperiksa."}).status_code == 200
    assert act(staff["wbs"], case, "update", {"note": "Klarifikasi."}).status_code == 200
    assert act(staff["wbs"], case, "submit_result", {"summary": "Terbukti."}).status_code == 200
    assert_error(
        act(staff["coordinator"], case, "publish_result", {"message": "x"}), 403, "forbidden"
    )
    assert act(staff["wbs"], case, "publish_result", {"message": "Ditindak."}).status_code == 200
    assert act(staff["wbs"], case, "close").status_code == 200


def test_wbs_case_actions_by_the_inspectorate(act, staff):
    wbs, _ = services.create_case(
        ReporterActor(), new_report(kind="whistleblowing", privacy="anonymous", reporter=None)
    )
    assert_error(
        act(staff["coordinator"], wbs, "route", {"agencies": ["INSPEKTORAT"]}), 404, "not_found"
    )
    response = act(staff["wbs"], wbs, "request_info", {"message": "Siapa, kapan, di mana?"})
    assert response.status_code == 200 and response.json()["status"] == "needs_info"


def test_wrong_role_on_a_visible_case_is_403(act, staff):
    case = build("routed", staff)
    assert_error(act(staff["supervisor"], case, "close"), 403, "forbidden")
    assert_error(act(staff["supervisor"], case, "route", {"agencies": ["DPUPR"]}), 403, "forbidden")
    assert_error(act(staff["head_dpupr"], case, "accept"), 403, "forbidden")
    assert_error(
        act(staff["officer_dpupr"], case, "route", {"agencies": ["DPUPR"]}), 403, "forbidden"
    )
    assert_error(act(staff["officer_dpupr"], case, "approve_result"), 403, "forbidden")
    assert_error(act(staff["coordinator"], case, "accept"), 403, "forbidden")
    assert_error(act(staff["coordinator"], case, "return", {"reason": "x"}), 403, "forbidden")
    # 403 comes before the body is read: no hint about what a body should hold.
    assert_error(act(staff["supervisor"], case, "archive", raw="{nonsense"), 403, "forbidden")
    assert status_of(case) == "routed"


def test_invisible_case_is_404_for_every_action(act, staff):
    case = build("routed", staff)  # DPUPR and DINKES
    unrouted = build("received", staff)
    for role in ("custodian", "auditor", "sysadmin"):
        assert_error(act(staff[role], case, "close"), 404, "not_found")
    assert_error(act(staff["officer_dpupr"], unrouted, "accept"), 404, "not_found")
    assert_error(act(staff["wbs"], case, "accept"), 404, "not_found")
    missing = Case(tracking_number="ADU-2026-ZZZZZZ")
    assert_error(act(staff["coordinator"], missing, "close"), 404, "not_found")
    assert status_of(case) == "routed"


def test_agency_without_an_assignment_on_a_visible_case_is_404(act, staff):
    """A WBS officer sees a WBS case that has no Inspektorat share yet: no assignment, 404."""
    wbs, _ = services.create_case(
        ReporterActor(), new_report(kind="whistleblowing", privacy="anonymous", reporter=None)
    )
    assert_error(act(staff["wbs"], wbs, "accept"), 404, "not_found")
