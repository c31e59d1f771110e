"""Identity canary: a report with a unique name and NIK (privacy=open). Only the coordinator
sees it; every other page any staff role can reach never contains it."""

import pytest

from aduan.cases import services
from aduan.cases.tests.builders import assignment, build
from aduan.core.models import AuditRecord

from .conftest import CANARY, CANARY_STRINGS

pytestmark = pytest.mark.django_db

PAGES = ["/staf/", "/staf/antrean", "/staf/laporan", "/staf/laporan.csv", "/staf/kotak-masuk"]


def reachable(client, case) -> list[str]:
    urls = [*PAGES, f"/staf/laporan/{case.tracking_number}"]
    return [client.get(url, follow=True).content.decode() for url in urls]


@pytest.mark.parametrize(
    "role",
    ["officer_dpupr", "head_dpupr", "officer_dinkes", "head_dinkes", "supervisor", "wbs"],
)
def test_no_identity_for_other_roles_even_when_open(client, staff, canary_case, role):
    services.accept(staff["officer_dpupr"], assignment(canary_case, "DPUPR"), note="Kami cek.")
    client.force_login(staff[role])
    for text in reachable(client, canary_case):
        for secret in CANARY_STRINGS:
            assert secret not in text, (role, secret)


def test_coordinator_sees_an_open_identity_and_the_display_is_audited(client, staff, canary_case):
    client.force_login(staff["coordinator"])
    before = AuditRecord.objects.filter(action="identity_display").count()
    text = client.get(f"/staf/laporan/{canary_case.tracking_number}").content.decode()
    assert CANARY.name in text and CANARY.nik in text
    assert "Identitas pelapor (terbuka)" in text
    assert AuditRecord.objects.filter(action="identity_display").count() == before + 1
    # The lists and the export never carry it.
    for url in ["/staf/antrean", "/staf/laporan", "/staf/laporan.csv"]:
        body = client.get(url).content.decode()
        assert CANARY.name not in body and CANARY.nik not in body


def test_coordinator_does_not_see_a_confidential_identity(client, staff):
    case = build("received", staff, privacy="confidential", reporter=CANARY)
    client.force_login(staff["coordinator"])
    text = client.get(f"/staf/laporan/{case.tracking_number}").content.decode()
    for secret in CANARY_STRINGS:
        assert secret not in text
    assert "Identitas pelapor" not in text


def test_similar_reports_by_the_same_reporter_are_linked_without_identity(client, staff):
    first = build("received", staff, privacy="confidential", reporter=CANARY)
    second = build("received", staff, privacy="confidential", reporter=CANARY)
    client.force_login(staff["coordinator"])
    text = client.get(f"/staf/laporan/{second.tracking_number}").content.decode()
    assert "Laporan lain dari pelapor yang sama" in text
    assert f'href="/staf/laporan/{first.tracking_number}"' in text
    for secret in CANARY_STRINGS:
        assert secret not in text
