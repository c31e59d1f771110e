"""Who sees which case (DESIGN §4): one visible_cases per actor, forbidden looks missing."""

import pytest

from aduan.cases import services
from aduan.cases.access import get_case_for, may_see_identity, visible_cases
from aduan.cases.actors import SYSTEM_ACTOR, ReporterActor
from aduan.core.errors import NotFound

from .builders import build, new_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(staff):
    public = build("routed", staff)  # DPUPR and DINKES
    supervisory = build("received", staff, category_code="pungli")
    services.route(staff["coordinator"], supervisory, agencies=["INSPEKTORAT"])
    wbs, _ = services.create_case(
        ReporterActor(), new_report(kind="whistleblowing", privacy="anonymous", reporter=None)
    )
    unrouted = build("received", staff)
    return {"public": public, "supervisory": supervisory, "wbs": wbs, "unrouted": unrouted}


def _seen(actor, cases) -> set[str]:
    ids = set(visible_cases(actor).values_list("pk", flat=True))
    return {name for name, case in cases.items() if case.pk in ids}


def test_visibility_by_role(staff, cases):
    assert _seen(staff["coordinator"], cases) == {"public", "supervisory", "unrouted"}
    assert _seen(staff["officer_dpupr"], cases) == {"public"}
    assert _seen(staff["head_dinkes"], cases) == {"public"}
    assert _seen(staff["wbs"], cases) == {"supervisory", "wbs"}
    assert _seen(staff["supervisor"], cases) == {"public", "supervisory", "unrouted"}
    for role in ("custodian", "auditor", "sysadmin"):
        assert _seen(staff[role], cases) == set(), role
    assert _seen(SYSTEM_ACTOR, cases) == set(cases)


def test_reporter_sees_only_own_case(cases):
    assert _seen(ReporterActor(case_id=cases["wbs"].pk), cases) == {"wbs"}
    assert _seen(ReporterActor(), cases) == set()


def test_forbidden_and_missing_look_the_same(staff, cases):
    number = cases["wbs"].tracking_number
    with pytest.raises(NotFound) as forbidden:
        get_case_for(staff["coordinator"], tracking_number=number)
    with pytest.raises(NotFound) as missing:
        get_case_for(staff["coordinator"], tracking_number="ADU-2026-XXXXXX")
    assert forbidden.value.as_body() == missing.value.as_body()
    assert get_case_for(staff["wbs"], tracking_number=number).pk == cases["wbs"].pk


def test_identity_only_to_coordinator_and_only_when_open(staff, cases):
    open_case = build("received", staff, privacy="open")
    assert may_see_identity(staff["coordinator"], open_case)
    assert not may_see_identity(staff["coordinator"], cases["public"])  # confidential
    for role in ("officer_dpupr", "head_dpupr", "wbs", "supervisor", "custodian", "sysadmin"):
        assert not may_see_identity(staff[role], open_case), role


def test_services_refuse_cases_the_actor_cannot_see(staff, cases):
    """Defence in depth: even handed the object, a service acts only on visible cases."""
    wbs = cases["wbs"]
    with pytest.raises(NotFound):
        services.request_info(staff["coordinator"], wbs, message="Lengkapi.")
    with pytest.raises(NotFound):
        services.archive(staff["coordinator"], wbs, reason="other")
    with pytest.raises(NotFound):
        services.withdraw(ReporterActor(case_id=cases["public"].pk), wbs)
    wbs.refresh_from_db()
    assert wbs.status == "received"


def test_an_officer_in_conflict_does_not_see_the_case(staff, cases, make_user):
    """Issue 6: named in the report, or working in the reported agency (recorded at intake)."""
    from aduan.core import clock
    from aduan.whistleblowing.models import Conflict

    colleague = make_user("wbs_officer", "INSPEKTORAT")
    Conflict.objects.create(
        case=cases["wbs"],
        user=staff["wbs"],
        reason="disebut dalam laporan",
        recorded_at=clock.now(),
    )
    assert _seen(staff["wbs"], cases) == {"supervisory"}
    assert _seen(colleague, cases) == {"supervisory", "wbs"}
    with pytest.raises(NotFound):
        get_case_for(staff["wbs"], tracking_number=cases["wbs"].tracking_number)
