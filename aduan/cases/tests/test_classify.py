"""The verifier classifies a report: kind, category, supervisory or not, a neutral title."""

import json

import pytest

from aduan.cases import services
from aduan.core.errors import NotPermitted, RoutingNotAllowed, ValidationFailed

from .builders import build, refresh

pytestmark = pytest.mark.django_db


def test_classify_changes_only_what_is_given_and_writes_an_event(staff):
    case = build("received", staff)
    services.classify(staff["coordinator"], case, category="kesehatan", title="Antrean RSUD")
    case = refresh(case)
    assert (case.category.code, case.title, case.kind) == ("kesehatan", "Antrean RSUD", "complaint")
    assert case.status == "received" and case.verification_due_at is not None
    event = case.events.get(action="classify")
    assert not event.visible_to_reporter and event.actor_role == "coordinator"


def test_a_supervisory_category_makes_the_case_supervisory(staff):
    case = build("received", staff)
    services.classify(staff["coordinator"], case, category="pungli")
    case = refresh(case)
    assert case.supervision_class == "supervisory"
    with pytest.raises(RoutingNotAllowed):
        services.route(staff["coordinator"], case, agencies=["DPUPR"])
    services.classify(staff["coordinator"], case, supervision_class="non_supervisory")
    services.route(staff["coordinator"], refresh(case), agencies=["DPUPR"])


def test_classify_refuses_bad_values_and_other_roles(staff):
    case = build("received", staff)
    with pytest.raises(ValidationFailed) as caught:
        services.classify(
            staff["coordinator"], case, kind="whistleblowing", category="x", title=" "
        )
    assert set(caught.value.fields) == {"kind", "category", "title"}
    with pytest.raises(NotPermitted):
        services.classify(staff["supervisor"], case, title="Judul lain")
    assert refresh(case).title.startswith("Jalan berlubang")


def test_classify_through_the_api(client, staff):
    case = build("received", staff)
    client.force_login(staff["coordinator"])
    response = client.post(
        f"/api/v1/cases/{case.tracking_number}/actions/classify",
        json.dumps({"kind": "aspiration", "title": "Usulan perbaikan jalan"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["kind"] == "aspiration"
    assert refresh(case).title == "Usulan perbaikan jalan"
