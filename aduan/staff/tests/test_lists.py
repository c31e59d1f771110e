"""The verification queue, the case list with filters and pagination, the CSV export and the
agency inbox."""

import csv
import io
import re

import pytest
import time_machine

from aduan.cases import services
from aduan.cases.models import Case
from aduan.cases.tests.builders import assignment, build
from aduan.core.models import AuditRecord
from aduan.staff.templatetags.staff_tags import due_state

from .conftest import CANARY, CANARY_STRINGS

pytestmark = pytest.mark.django_db

ROW_NUMBERS = re.compile(r'href="/staf/laporan/([A-Z]+-\d{4}-[A-Z0-9]+)"')


def numbers(response) -> list[str]:
    return list(dict.fromkeys(ROW_NUMBERS.findall(response.content.decode())))


def test_queue_lists_received_cases_nearest_deadline_first(client, staff):
    with time_machine.travel("2026-03-09 09:00 +08:00", tick=False):
        older = build("received", staff, title="Laporan pertama yang lebih lama")
    with time_machine.travel("2026-03-11 09:00 +08:00", tick=False):
        newer = build("received", staff, title="Laporan kedua yang lebih baru")
        routed = build("routed", staff, title="Sudah didisposisikan")
    with time_machine.travel("2026-03-12 09:00 +08:00", tick=False):
        client.force_login(staff["coordinator"])
        response = client.get("/staf/antrean")
    assert response.status_code == 200
    listed = numbers(response)
    assert listed == [older.tracking_number, newer.tracking_number]
    assert routed.tracking_number not in listed
    text = response.content.decode()
    # Working days left in words as well as colour.
    assert "Jatuh tempo hari ini" in text  # older: due Thu 12 March
    assert 'class="badge due-soon"' in text


def test_queue_flags_a_case_every_agency_returned(client, staff):
    case = build("routed", staff)
    for agency, officer in (("DPUPR", "officer_dpupr"), ("DINKES", "officer_dinkes")):
        services.return_assignment(staff[officer], assignment(case, agency), reason="Bukan kami.")
    client.force_login(staff["coordinator"])
    response = client.get("/staf/antrean")
    assert case.tracking_number in numbers(response)
    assert "Dikembalikan OPD" in response.content.decode()


@pytest.mark.parametrize(
    ("days", "css", "words"),
    [
        (None, "due-none", "tanpa batas waktu berjalan"),
        (-3, "due-overdue", "Lewat 3 hari kerja"),
        (0, "due-soon", "Jatuh tempo hari ini"),
        (1, "due-soon", "Sisa 1 hari kerja"),
        (4, "due-ok", "Sisa 4 hari kerja"),
    ],
)
def test_deadline_badge_has_words_not_only_colour(days, css, words):
    assert due_state(days) == (css, words)


def test_list_filters_and_keeps_them_in_the_csv_link(client, staff):
    received = build("received", staff, title="Lampu jalan padam di Martapura")
    routed = build("routed", staff)
    client.force_login(staff["coordinator"])
    response = client.get("/staf/laporan", {"status": "received", "q": "lampu"})
    assert numbers(response) == [received.tracking_number]
    text = response.content.decode()
    assert "/staf/laporan.csv?" in text and "status=received" in text
    response = client.get("/staf/laporan", {"agency": "DINKES"})
    assert numbers(response) == [routed.tracking_number]
    # Nonsense filters are ignored, never an error page.
    response = client.get("/staf/laporan", {"due_within": "abc", "from": "kemarin"})
    assert response.status_code == 200


def test_list_paginates(client, staff, monkeypatch):
    from aduan.cases import selectors

    for n in range(3):
        build("received", staff, title=f"Laporan nomor {n} untuk halaman")
    original = selectors.case_list
    monkeypatch.setattr(
        selectors, "case_list", lambda actor, filters, page=1: original(actor, filters, page, 2)
    )
    client.force_login(staff["coordinator"])
    first = client.get("/staf/laporan", {"status": "received"})
    assert len(numbers(first)) == 2
    assert "Halaman 1 dari 2" in first.content.decode()
    assert "status=received&amp;page=2" in first.content.decode()
    second = client.get("/staf/laporan", {"status": "received", "page": "2"})
    assert len(numbers(second)) == 1


def test_agency_list_shows_only_its_own_cases(client, staff):
    mine = build("routed", staff)
    other = build("received", staff)
    client.force_login(staff["officer_dpupr"])
    listed = numbers(client.get("/staf/laporan"))
    assert mine.tracking_number in listed
    assert other.tracking_number not in listed


def test_csv_export_has_the_list_and_no_identity(client, staff):
    case = build("routed", staff, privacy="open", reporter=CANARY)
    build("received", staff, privacy="open", reporter=CANARY)
    before = AuditRecord.objects.filter(action="case_export").count()
    client.force_login(staff["coordinator"])
    response = client.get("/staf/laporan.csv", {"status": "routed"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    body = response.content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "Nomor pelacakan"
    assert [row[0] for row in rows[1:]] == [case.tracking_number]
    for secret in CANARY_STRINGS:
        assert secret not in body
    assert AuditRecord.objects.filter(action="case_export").count() == before + 1


@pytest.mark.parametrize("role", ["custodian", "auditor", "sysadmin", "officer_dpupr"])
def test_csv_export_refused(client, staff, role):
    build("routed", staff, privacy="open", reporter=CANARY)
    client.force_login(staff[role])
    response = client.get("/staf/laporan.csv")
    assert response.status_code == 404
    assert CANARY.name not in response.content.decode()


def test_inbox_shows_own_agency_assignments_with_status_filter(client, staff):
    case = build("in_progress", staff)  # DPUPR accepted, DINKES pending
    other = build("received", staff)
    client.force_login(staff["officer_dinkes"])
    response = client.get("/staf/kotak-masuk")
    assert numbers(response) == [case.tracking_number]
    assert other.tracking_number not in numbers(response)
    assert "Menunggu diterima" in response.content.decode()
    assert numbers(client.get("/staf/kotak-masuk", {"status": "accepted"})) == []
    client.force_login(staff["head_dpupr"])
    assert numbers(client.get("/staf/kotak-masuk", {"status": "accepted"})) == [
        case.tracking_number
    ]


def test_nav_marks_the_current_page(client, staff):
    client.force_login(staff["coordinator"])
    text = client.get("/staf/laporan").content.decode()
    assert '<a href="/staf/laporan" aria-current="page">' in text
    assert '<a href="/staf/antrean">' in text
    assert '<a href="/staf/laporan/baru">' in text
    client.force_login(staff["officer_dpupr"])
    text = client.get("/staf/kotak-masuk").content.decode()
    assert '<a href="/staf/kotak-masuk" aria-current="page">' in text
    assert "/staf/antrean" not in text
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        ("supervisor", ["/staf/rapor", "/staf/laporan-bulanan", "/staf/sanksi"], ["/staf/pesan"]),
        ("head_dpupr", ["/staf/rapor/DPUPR", "/staf/ketidakpatuhan", "/staf/sanksi"], []),
        ("officer_dinkes", ["/staf/rapor/DINKES", "/staf/ketidakpatuhan"], ["/staf/sanksi"]),
        ("sysadmin", ["/staf/pesan-keluar", "/staf/notifikasi"], ["/staf/rapor"]),
    ],
)
def test_nav_links_the_pages_of_each_role(client, staff, role, present, absent):
    client.force_login(staff[role])
    text = client.get("/staf/notifikasi").content.decode()
    assert '<a href="/staf/notifikasi" aria-current="page">' in text
    for url in present:
        assert f'<a href="{url}"' in text, url
    for url in absent:
        assert f'<a href="{url}' not in text, url


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("coordinator", "/staf/antrean"),
        ("coordinator", "/staf/laporan"),
        ("officer_dinkes", "/staf/kotak-masuk"),
        ("officer_dinkes", "/staf/laporan"),
    ],
)
def test_list_pages_cost_the_same_queries_whatever_they_hold(client, staff, role, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff[role])

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    build("received", staff)
    build("routed", staff)
    cost()  # warm: the first request also loads what the process caches
    few = cost()
    for _ in range(4):
        build("received", staff)
        build("routed", staff)
    assert cost() == few
