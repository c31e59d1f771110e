"""GET /api/v1/agencies/{code}/scorecard: who may see which agency, the period rules, the shape."""

import pytest
import time_machine

from aduan.accounts.services import create_api_token

from .scenario import NOW, at, build_march

pytestmark = pytest.mark.django_db
URL = "/api/v1/agencies/{}/scorecard"
MARCH = "?from=2026-03-01&to=2026-03-31"

ALL_AGENCIES = {"supervisor", "coordinator", "wbs"}
OWN_ONLY = {"officer_dpupr", "head_dpupr", "officer_dinkes", "head_dinkes"}
NOTHING = {"custodian", "auditor", "sysadmin"}


def get(client, user, path):
    client.force_login(user)
    return client.get(path)


@pytest.mark.parametrize("who", sorted(ALL_AGENCIES | OWN_ONLY | NOTHING))
def test_who_sees_which_scorecard(client, staff, who):
    user = staff[who]
    for code in ("DPUPR", "DINKES"):
        response = get(client, user, URL.format(code))
        own = who.endswith(code.lower())
        allowed = who in ALL_AGENCIES or (who in OWN_ONLY and own)
        assert response.status_code == (200 if allowed else 404), (who, code)
        if allowed:
            assert response.json()["agency_code"] == code
        else:
            assert response.json()["error"]["code"] == "not_found"


def test_without_credentials_401(client, staff):
    response = client.get(URL.format("DPUPR"))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_bearer_token(client, staff):
    _, token = create_api_token(staff["head_dpupr"])
    ok = client.get(URL.format("DPUPR"), headers={"Authorization": f"Bearer {token}"})
    other = client.get(URL.format("DINKES"), headers={"Authorization": f"Bearer {token}"})
    assert (ok.status_code, other.status_code) == (200, 404)


@pytest.mark.parametrize("code", ["NOPE", "EXT-KPK", "DPUPR%00", "x" * 60, "DPUPR'--"])
def test_unknown_or_external_agency_404(client, staff, code):
    assert get(client, staff["supervisor"], URL.format(code)).status_code == 404


def test_lowercase_code_is_the_same_agency(client, staff):
    response = get(client, staff["supervisor"], URL.format("dpupr"))
    assert response.json()["agency_code"] == "DPUPR"


@pytest.mark.parametrize(
    "query, field",
    [
        ("?from=2026-13-01", "from"),
        ("?from=01-03-2026", "from"),
        ("?from=20260301", "from"),
        ("?to=2026-02-30", "to"),
        ("?from=2026-03-31&to=2026-03-01", "to"),
        ("?from=1900-01-01", "from"),
        ("?from=%00", "from"),
    ],
)
def test_bad_period_422(client, staff, query, field):
    response = get(client, staff["supervisor"], URL.format("DPUPR") + query)
    assert response.status_code == 422
    body = response.json()["error"]
    assert body["code"] == "validation_error"
    assert set(body["fields"]) == {field}


def test_forbidden_before_period_check(client, staff):
    # A caller who may not see the agency learns nothing from a bad period: 404, not 422.
    response = get(client, staff["auditor"], URL.format("DPUPR") + "?from=bad")
    assert response.status_code == 404


def test_default_period_is_this_month_to_date(client, staff):
    with time_machine.travel(at("2026-04-20 10:00"), tick=False):
        body = get(client, staff["supervisor"], URL.format("DPUPR")).json()
    assert (body["date_from"], body["date_to"]) == ("2026-04-01", "2026-04-20")
    assert body["as_of"] == "2026-04-20T10:00:00+08:00"


def test_figures_in_the_answer(client, staff):
    build_march(staff)
    with time_machine.travel(at(NOW), tick=False):
        body = get(client, staff["head_dpupr"], URL.format("DPUPR") + MARCH).json()
    assert body == {
        "agency_code": "DPUPR",
        "agency_name": "Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Kalimantan Selatan",
        "date_from": "2026-03-01",
        "date_to": "2026-03-31",
        "as_of": "2026-04-20T10:00:00+08:00",
        "assigned": 5,
        "answered": 2,
        "returned": 1,
        "first_responses_due": 5,
        "first_responses_on_time": 3,
        "first_response_on_time_rate": 60.0,
        "resolutions_due": 3,
        "resolutions_on_time": 2,
        "resolution_on_time_rate": 66.7,
        "median_working_days_to_first_response": 2.0,
        "median_working_days_to_resolution": 9.0,
        "open_now": 5,
        "overdue_now": 4,
        "escalations": 1,
        "non_compliance_records": 2,
        "feedback_count": 2,
        "satisfied_count": 1,
        "mean_rating": 3.0,
        "satisfied_rate": 50.0,
        "compliance_score": 64.0,
    }


def test_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    operation = paths["/api/v1/agencies/{code}/scorecard"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"code", "from", "to"}
