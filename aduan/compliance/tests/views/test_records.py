"""/staf/ketidakpatuhan: the register page, per role."""

import pytest

from aduan.compliance.services import record_sanction

from ..conftest import new_sanction

pytestmark = pytest.mark.django_db

URL = "/staf/ketidakpatuhan"


@pytest.mark.parametrize(
    ("role", "sees", "hidden"),
    [
        ("wbs", {"dpupr", "dinkes", "wbs"}, set()),
        ("supervisor", {"dpupr", "dinkes"}, {"wbs"}),  # the WBS row shows, its number not
        ("coordinator", {"dpupr", "dinkes"}, {"wbs"}),
        ("officer_dpupr", {"dpupr"}, {"dinkes", "wbs"}),
        ("head_dinkes", {"dinkes"}, {"dpupr", "wbs"}),
    ],
)
def test_each_role_reads_its_rows(client, staff, register, role, sees, hidden):
    client.force_login(staff[role])
    response = client.get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    for name in sees:
        assert register[name].case.tracking_number in text
    for name in hidden:
        assert register[name].case.tracking_number not in text
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("role", ["custodian", "auditor", "sysadmin"])
def test_roles_without_case_content_get_404(client, staff, register, role):
    client.force_login(staff[role])
    assert client.get(URL).status_code == 404


def test_signed_out_goes_to_sign_in(client, register):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/staf/masuk" in response["Location"]


def test_the_page_shows_the_deadline_the_days_and_the_sanction(client, staff, register):
    record_sanction(staff["supervisor"], new_sanction([register["dpupr"]]))
    client.force_login(staff["head_dpupr"])
    text = client.get(URL).content.decode()
    case = register["dpupr"].case
    assert f'href="/staf/laporan/{case.tracking_number}"' in text
    assert "Tanggapan pertama OPD" in text
    assert "Selasa, 17 Maret 2026" in text
    assert "masih terutang" in text
    assert "Teguran tertulis" in text
    assert 'href="/staf/ketidakpatuhan.csv"' in text
    assert 'name="agency"' not in text  # own agency only: no agency choice


def test_a_case_the_reader_cannot_open_is_not_linked(client, staff, register):
    client.force_login(staff["wbs"])
    text = client.get(URL, {"agency": "DPUPR"}).content.decode()
    number = register["dpupr"].case.tracking_number
    assert f"<code>{number}</code>" in text
    assert f'href="/staf/laporan/{number}"' not in text


def test_a_wbs_report_the_reader_cannot_open_shows_no_number(client, staff, register):
    client.force_login(staff["supervisor"])
    text = client.get(URL, {"stage": "verification"}).content.decode()
    assert "Laporan WBS (nomor dirahasiakan)" in text
    assert "Inspektorat Daerah" in text
    assert register["wbs"].case.tracking_number not in text
    client.force_login(staff["wbs"])
    text = client.get(URL, {"stage": "verification"}).content.decode()
    assert f'href="/staf/laporan/{register["wbs"].case.tracking_number}"' in text


def test_filters_and_malformed_values(client, staff, register):
    client.force_login(staff["supervisor"])
    text = client.get(URL, {"agency": "DINKES", "state": "owed"}).content.decode()
    assert register["dinkes"].case.tracking_number in text
    assert "ketidakpatuhan.csv?agency=DINKES&amp;state=owed" in text
    response = client.get(URL, {"from": "bukan-tanggal", "page": "x", "stage": "<b>"})
    assert response.status_code == 200


def test_officers_do_not_get_the_export_link(client, staff, register):
    client.force_login(staff["officer_dpupr"])
    assert "ketidakpatuhan.csv" not in client.get(URL).content.decode()
