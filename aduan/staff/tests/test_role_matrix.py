"""Role-by-route matrix, generated from the URL configuration (issue 4, DESIGN §4).

Every route under /staf/ and /api/v1/cases, /api/v1/auth is requested by every kind of caller
(anonymous, a reporter holding a receipt, each staff role, and an officer of an agency that
has no share in the case). Each answer is compared with the table below; a route missing from
the table fails the test, so a new route cannot go unreviewed. Every answer is also searched
for the reporter's identity (canary), which only the coordinator may see, on an open case.
"""

import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from aduan.cases import services
from aduan.cases.actors import ReporterActor
from aduan.cases.models import Attachment
from aduan.cases.tests.builders import new_report
from aduan.intake.storage import store_bytes

from .conftest import CANARY, CANARY_STRINGS

pytestmark = pytest.mark.django_db

CALLERS = [
    "anonymous", "reporter", "coordinator", "officer_own", "officer_other", "head_own",
    "wbs", "custodian", "supervisor", "auditor", "sysadmin",
]  # fmt: skip
STAFF = set(CALLERS) - {"anonymous", "reporter"}
SIGN_IN = 302  # staff pages send signed-out callers to /staf/masuk
READ_CASE = {"coordinator", "officer_own", "head_own", "supervisor"}


def everyone_else(allowed: set[str], ok=200, other=404, signed_out=SIGN_IN) -> dict:
    return {
        caller: ok if caller in allowed else (signed_out if caller not in STAFF else other)
        for caller in CALLERS
    }


# What each caller gets from each route (GET unless the route says otherwise).
EXPECTED = {
    # Sign-in pages: open to all; the rest need a signed-in staff member.
    ("GET", "accounts:login"): everyone_else(set(STAFF), ok=302, signed_out=200),  # signed in
    ("GET", "accounts:logout"): dict.fromkeys(CALLERS, 200),  # a confirm button (POST)
    ("GET", "accounts:second_factor"): everyone_else(set(), other=302),  # none enrolled
    ("GET", "accounts:enrol"): everyone_else(STAFF),
    ("GET", "accounts:password"): everyone_else(STAFF),
    ("GET", "accounts:tokens"): everyone_else(STAFF),
    ("POST", "accounts:revoke_token"): everyone_else(set(), other=404),
    # Back office.
    ("GET", "staff:home"): everyone_else(STAFF, ok=(200, 302)),
    ("GET", "staff:queue"): everyone_else({"coordinator", "wbs"}),
    ("GET", "staff:case_list"): everyone_else(
        {"coordinator", "officer_own", "officer_other", "head_own", "wbs", "supervisor"}
    ),
    ("GET", "staff:case_csv"): everyone_else({"coordinator", "head_own", "wbs", "supervisor"}),
    ("GET", "staff:intake"): everyone_else({"coordinator"}),
    ("GET", "staff:inbox"): everyone_else({"officer_own", "officer_other", "head_own", "wbs"}),
    ("GET", "staff:case"): everyone_else(READ_CASE),
    ("GET", "staff:attachment"): everyone_else(READ_CASE),
    # An agency's progress note: only the officer of the agency the case was routed to.
    ("POST", "staff:action"): {
        **everyone_else({"officer_own"}, ok=302),
        "coordinator": 403,
        "head_own": 403,
        "supervisor": 403,
    },
    # Notifications (issue 5): in-app inbox, outbox for the sysadmin.
    ("GET", "notifications:inbox"): everyone_else(STAFF),
    ("POST", "notifications:mark_read"): everyone_else(set(), other=404),  # not one's own
    ("POST", "notifications:mark_all_read"): everyone_else(STAFF, ok=302),
    ("GET", "notifications:outbox"): everyone_else({"sysadmin"}),
    ("POST", "notifications:retry"): everyone_else(set(), other=404),  # no such message
    # Dashboards (issue 5): scorecards, ranking, monthly reports.
    ("GET", "dashboards:ranking"): everyone_else({"coordinator", "wbs", "supervisor"}),
    ("GET", "dashboards:agency"): everyone_else(  # <str:code> is DPUPR, the own agency
        {"coordinator", "officer_own", "head_own", "wbs", "supervisor"}
    ),
    ("GET", "dashboards:reports"): everyone_else({"supervisor"}),
    ("GET", "dashboards:report_pdf"): everyone_else(set()),  # pk 999999: missing for all
    ("GET", "dashboards:report_xlsx"): everyone_else(set()),
    # Compliance (issue 5): non-compliance records and the sanctions register.
    # Protection and custodian (issue 6).
    ("GET", "staff:custodian"): everyone_else({"custodian"}),
    ("POST", "api-v1:reveal_identity"): {  # no reason sent: even the custodian is refused
        **everyone_else({"custodian"}, ok=400, signed_out=401),
        "coordinator": 403,
        "officer_own": 403,
        "head_own": 403,
        "supervisor": 403,
    },
    ("GET", "protection:list"): everyone_else({"wbs"}),
    ("GET", "protection:nip_check"): everyone_else({"wbs"}),
    ("GET", "protection:detail"): everyone_else(set()),  # pk 999999: missing for all
    # Audit (issue 6).
    ("GET", "staff:audit"): everyone_else({"auditor"}),
    ("GET", "staff:audit_csv"): everyone_else({"auditor"}),
    ("GET", "staff:audit_jsonl"): everyone_else({"auditor"}),
    ("GET", "compliance:records"): everyone_else(
        {"coordinator", "officer_own", "officer_other", "head_own", "wbs", "supervisor"}
    ),
    ("GET", "compliance:records_csv"): everyone_else(
        {"coordinator", "head_own", "wbs", "supervisor"}
    ),
    ("GET", "compliance:sanctions"): everyone_else({"head_own", "wbs", "supervisor"}),
    ("GET", "compliance:sanctions_csv"): everyone_else({"head_own", "wbs", "supervisor"}),
    ("GET", "compliance:sanctions_xlsx"): everyone_else({"head_own", "wbs", "supervisor"}),
    ("GET", "compliance:sanction_new"): everyone_else({"supervisor"}),
    ("GET", "compliance:sanction"): everyone_else(set()),  # pk 999999: missing for all
    ("GET", "compliance:sanction_document"): everyone_else(set()),
    # API: 401 without credentials, 404 for what the caller may not see.
    ("POST", "api-v1:create_token"): dict.fromkeys(CALLERS, 401),  # wrong password for all
    ("DELETE", "api-v1:revoke_token"): dict.fromkeys(CALLERS, 401),  # needs a Bearer token
    ("GET", "api-v1:list_cases"): everyone_else(STAFF, signed_out=401),
    ("GET", "api-v1:get_case"): everyone_else(READ_CASE, signed_out=401),
    ("GET", "api-v1:get_attachment"): everyone_else(READ_CASE, signed_out=401),
    ("POST", "api-v1:act"): {
        **everyone_else({"officer_own"}, signed_out=401),
        "coordinator": 403,
        "head_own": 403,
        "supervisor": 403,
    },
}


def routes(patterns=None, prefix="", namespace=""):
    """(namespaced name, route) of every URL under the staff and staff-API prefixes."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            route = prefix + str(pattern.pattern)
            if route.startswith(("staf", "api/v1/cases", "api/v1/auth")):
                yield f"{namespace}:{pattern.name}", route


def test_every_route_has_an_expectation():
    names = {name for name, _ in routes()}
    assert names == {name for _, name in EXPECTED}, "add the new route to EXPECTED"


@pytest.fixture
def world(staff, make_user, settings, tmp_path):
    settings.ADUAN_UPLOAD_DIR = tmp_path
    case, receipt = services.create_case(
        ReporterActor(), new_report(privacy="open", reporter=CANARY)
    )
    Attachment.objects.create(
        case=case, storage_name=store_bytes(b"%PDF-1.4\n%%EOF\n", "pdf"),
        content_type="application/pdf", size=15, sha256="0" * 64, from_reporter=True,
        at=case.received_at,
    )  # fmt: skip
    services.route(staff["coordinator"], case, agencies=["DPUPR"])
    services.accept(staff["officer_dpupr"], case.assignments.get())
    users = {
        "coordinator": staff["coordinator"], "officer_own": staff["officer_dpupr"],
        "officer_other": staff["officer_dinkes"], "head_own": staff["head_dpupr"],
        "wbs": staff["wbs"], "custodian": staff["custodian"], "supervisor": staff["supervisor"],
        "auditor": staff["auditor"], "sysadmin": staff["sysadmin"],
    }  # fmt: skip
    return {"case": case, "receipt": receipt, "users": users}


def _url(route: str, world) -> str:
    case = world["case"]
    values = {
        "<str:tracking_number>": case.tracking_number, "<tracking_number>": case.tracking_number,
        "<int:attachment_id>": str(case.attachments.get().pk),
        "<attachment_id>": str(case.attachments.get().pk),
        "<str:action>": "update", "<action>": "update", "<int:pk>": "999999",
        "<str:code>": "DPUPR",
    }  # fmt: skip
    url = "/" + route
    for placeholder, value in values.items():
        url = url.replace(placeholder, value)
    return url


def _request(client, method, name, url):
    if name == "api-v1:create_token":
        body = {"username": "koordinator", "password": "salah", "otp": ""}
        return client.post(url, json.dumps(body), content_type="application/json")
    if name == "api-v1:act":
        body = {"note": "Survei lapangan.", "visible_to_reporter": True}
        return client.post(url, json.dumps(body), content_type="application/json")
    if name == "staff:action":
        return client.post(url, {"note": "Survei lapangan.", "visible_to_reporter": "on"})
    return getattr(client, method.lower())(url)


@pytest.mark.parametrize("caller", CALLERS)
def test_role_matrix_and_identity_canary(client, world, caller):
    if caller == "reporter":  # holds a receipt: it opens /lacak, not the back office
        opened = client.post(
            "/api/v1/track",
            json.dumps({"tracking_number": world["case"].tracking_number,
                        "receipt": world["receipt"]}),
            content_type="application/json",
        )  # fmt: skip
        assert opened.status_code == 200
    elif caller != "anonymous":
        client.force_login(world["users"][caller])
    got, leaks = {}, []
    for name, route in sorted(routes()):
        method = next(m for m, n in EXPECTED if n == name)
        response = _request(client, method, name, _url(route, world))
        got[name] = response.status_code
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")
        sees_identity = caller == "coordinator" and name in ("staff:case", "api-v1:get_case")
        for secret in CANARY_STRINGS:
            if secret in text and not sees_identity:
                leaks.append((name, secret))
        if sees_identity:
            assert CANARY.name in text, f"{name}: the coordinator should see an open identity"
    expected = {}
    for (_, name), table in EXPECTED.items():
        want = table[caller]
        expected[name] = (
            got[name] if got[name] in (want if isinstance(want, tuple) else (want,)) else want
        )
    assert got == expected
    assert leaks == []
