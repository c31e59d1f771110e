"""Every back-office page for every role: allowed 200 (or the role's landing redirect),
forbidden 404 (the same as missing), anonymous → sign-in page with ?next=."""

from urllib.parse import quote

import pytest

from aduan.cases.tests.builders import build

pytestmark = pytest.mark.django_db

ROLES = [
    "coordinator",
    "officer_dpupr",
    "head_dpupr",
    "officer_dinkes",
    "head_dinkes",
    "wbs",
    "custodian",
    "supervisor",
    "auditor",
    "sysadmin",
]
EVERY_LIST_ROLE = {
    "coordinator",
    "officer_dpupr",
    "head_dpupr",
    "officer_dinkes",
    "head_dinkes",
    "wbs",
    "supervisor",
}
AGENCY = {"officer_dpupr", "head_dpupr", "officer_dinkes", "head_dinkes"}
# Page → roles that get 200. Everyone else: 404.
ALLOWED = {
    "/staf/antrean": {"coordinator", "wbs"},
    "/staf/laporan": EVERY_LIST_ROLE,
    "/staf/laporan?status=received&overdue=1&q=jalan": EVERY_LIST_ROLE,
    # The agency officer sees the list, but exporting is for heads (aduan.cases.selectors).
    "/staf/laporan.csv": {"coordinator", "head_dpupr", "head_dinkes", "wbs", "supervisor"},
    "/staf/kotak-masuk": AGENCY | {"wbs"},
    "/staf/laporan/baru": {"coordinator"},
    # The case (routed to DPUPR and DINKES, not supervisory): the coordinator, the supervisor
    # and both agencies; not the Inspektorat, not the roles without case content.
    "CASE": {"coordinator", "supervisor"} | AGENCY,
    # GET on an action: 405 for every signed-in user, whatever the case (reveals nothing).
    "CASE_ACTION": set(),
}
LANDING = {
    "coordinator": "/staf/antrean",
    "officer_dpupr": "/staf/kotak-masuk",
    "head_dpupr": "/staf/kotak-masuk",
    "officer_dinkes": "/staf/kotak-masuk",
    "head_dinkes": "/staf/kotak-masuk",
    "wbs": "/staf/laporan",
    "supervisor": "/staf/laporan",
}


@pytest.fixture
def case(staff):
    return build("in_progress", staff)


def _url(page: str, case) -> str:
    if page == "CASE":
        return f"/staf/laporan/{case.tracking_number}"
    if page == "CASE_ACTION":
        return f"/staf/laporan/{case.tracking_number}/tindakan/route"
    return page


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(ALLOWED))
def test_page_for_role(client, staff, case, role, page):
    client.force_login(staff[role])
    response = client.get(_url(page, case))
    allowed = role in ALLOWED[page]
    expected = 405 if page == "CASE_ACTION" else 200 if allowed else 404
    assert response.status_code == expected, (role, page)
    if expected == 200:
        assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("role", ROLES)
def test_home_sends_each_role_to_its_work(client, staff, role):
    client.force_login(staff[role])
    response = client.get("/staf/")
    if role in LANDING:
        assert response.status_code == 302
        assert response["Location"] == LANDING[role]
    else:
        assert response.status_code == 200
        text = response.content.decode()
        assert "Halaman petugas" in text
        assert ("/admin/" in text) == (role == "sysadmin")


@pytest.mark.parametrize(
    "page",
    [
        "/staf/",
        "/staf/antrean",
        "/staf/laporan",
        "/staf/laporan.csv",
        "/staf/kotak-masuk",
        "/staf/laporan/baru",
        "CASE",
        "CASE_ACTION",
    ],
)
def test_anonymous_is_sent_to_sign_in(client, staff, case, page):
    url = _url(page, case)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/staf/masuk?next={quote(url, safe='')}"
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/staf/masuk?next=")


def test_officer_of_an_uninvolved_agency_sees_nothing_of_the_case(client, staff, case, make_user):
    outsider = make_user("agency_officer", "DISDIKBUD", "opd.disdik")
    client.force_login(outsider)
    number = case.tracking_number
    assert client.get(f"/staf/laporan/{number}").status_code == 404
    assert number not in client.get("/staf/laporan").content.decode()
    assert number not in client.get("/staf/kotak-masuk").content.decode()
    response = client.post(f"/staf/laporan/{number}/tindakan/accept", {"note": "x"})
    assert response.status_code == 404


def test_unknown_case_and_unknown_action_are_404(client, staff, case):
    client.force_login(staff["coordinator"])
    assert client.get("/staf/laporan/ADU-2026-XXXXXX").status_code == 404
    url = f"/staf/laporan/{case.tracking_number}/tindakan/reveal_identity"
    assert client.post(url, {"reason": "x"}).status_code == 404


def test_wbs_officer_sees_a_supervisory_case_routed_to_the_inspectorate(client, staff):
    from aduan.cases import services

    case = build("received", staff, category_code="pungli")
    services.route(staff["coordinator"], case, agencies=["INSPEKTORAT"], instructions="")
    client.force_login(staff["wbs"])
    assert client.get(f"/staf/laporan/{case.tracking_number}").status_code == 200
    # The coordinator now reads its status only.
    client.force_login(staff["coordinator"])
    text = client.get(f"/staf/laporan/{case.tracking_number}").content.decode()
    assert "Lubang besar" not in text
    assert "hanya dapat melihat status" in text
