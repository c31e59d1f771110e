"""Case lists, the agency inbox and the export (aduan.cases.selectors.lists)."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from aduan.agencies.models import SlaPolicy
from aduan.cases import services
from aduan.cases.actors import ReporterActor
from aduan.cases.selectors import (
    CSV_HEADERS,
    CaseFilters,
    assignment_inbox,
    case_list,
    export_rows,
    write_csv,
)
from aduan.cases.selectors.lists import RESTRICTED_TITLE
from aduan.core.errors import NotPermitted
from aduan.core.models import AuditRecord

from .builders import REPORTER_DATA, assignment, build, new_report

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=WITA)


@pytest.fixture
def cases(staff):
    public = build("routed", staff)  # DPUPR and DINKES
    supervisory = build("received", staff, category_code="pungli", title="Pungli di loket")
    services.route(staff["coordinator"], supervisory, agencies=["INSPEKTORAT"])
    wbs, _ = services.create_case(
        ReporterActor(), new_report(kind="whistleblowing", privacy="anonymous", reporter=None)
    )
    unrouted = build("received", staff, title="Lampu jalan mati", channel="letter")
    return {"public": public, "supervisory": supervisory, "wbs": wbs, "unrouted": unrouted}


def numbers(page) -> set[str]:
    return {row.tracking_number for row in page.items}


def names(page, cases) -> set[str]:
    seen = numbers(page)
    return {name for name, case in cases.items() if case.tracking_number in seen}


def test_each_role_lists_what_design_section_4_says(staff, cases):
    everything = CaseFilters()
    assert names(case_list(staff["coordinator"], everything), cases) == {
        "public",
        "supervisory",
        "unrouted",
    }
    assert names(case_list(staff["supervisor"], everything), cases) == {
        "public",
        "supervisory",
        "unrouted",
    }
    assert names(case_list(staff["officer_dpupr"], everything), cases) == {"public"}
    assert names(case_list(staff["head_dinkes"], everything), cases) == {"public"}
    assert names(case_list(staff["wbs"], everything), cases) == {"supervisory", "wbs"}
    for role in ("custodian", "auditor", "sysadmin"):
        page = case_list(staff[role], everything)
        assert (page.total, page.items, page.pages) == (0, [], 1), role


def test_supervisory_case_routed_to_inspectorate_is_status_only_for_coordinator(staff, cases):
    number = cases["supervisory"].tracking_number
    row = next(r for r in case_list(staff["coordinator"], CaseFilters()).items if r.restricted)
    assert row.tracking_number == number
    assert row.title == RESTRICTED_TITLE and row.agencies == ["INSPEKTORAT"]
    wbs_row = next(
        r for r in case_list(staff["wbs"], CaseFilters()).items if r.tracking_number == number
    )
    assert wbs_row.title == "Pungli di loket" and not wbs_row.restricted
    # Its text is not searchable by the coordinator; its number is.
    assert case_list(staff["coordinator"], CaseFilters(q="pungli loket")).total == 0
    assert numbers(case_list(staff["coordinator"], CaseFilters(q=number))) == {number}
    assert numbers(case_list(staff["wbs"], CaseFilters(q="pungli loket"))) == {number}


def test_rows_carry_what_a_list_shows(staff, cases):
    page = case_list(staff["coordinator"], CaseFilters(status="routed", agency="DPUPR"))
    (row,) = page.items
    case = cases["public"]
    assert row.tracking_number == case.tracking_number
    assert (row.kind, row.kind_label) == ("complaint", "Pengaduan")
    assert (row.status, row.status_label) == ("routed", "Didisposisikan")
    assert (row.category_code, row.category_name) == (
        "pekerjaan-umum",
        "Pekerjaan Umum dan Penataan Ruang",
    )
    assert row.channel == "web" and row.returned is False
    assert sorted(row.agencies) == ["DINKES", "DPUPR"]
    assert row.due_at == case.due_at and row.working_days_left > 0


def test_filters_each(staff, cases):
    coordinator = staff["coordinator"]

    def listed(**filters):
        return names(case_list(coordinator, CaseFilters(**filters)), cases)

    assert listed(status="received") == {"unrouted"}
    assert listed(kind="whistleblowing") == set()  # never for the coordinator
    assert names(case_list(staff["wbs"], CaseFilters(kind="whistleblowing")), cases) == {"wbs"}
    assert listed(agency="DINKES") == {"public"}
    assert listed(agency="INSPEKTORAT") == {"supervisory"}
    assert listed(category="pungli") == {"supervisory"}
    assert listed(channel="letter") == {"unrouted"}
    assert listed(returned=True) == set()
    assert listed(returned=False) == {"public", "supervisory", "unrouted"}
    assert listed(q="lampu") == {"unrouted"}
    today = cases["unrouted"].received_at.astimezone(WITA).date()
    assert listed(received_from=today, received_to=today) == {"public", "supervisory", "unrouted"}
    assert listed(received_from=today + dt.timedelta(1)) == set()
    assert listed(received_to=today - dt.timedelta(1)) == set()


def test_overdue_and_due_within(staff, reference):
    with time_machine.travel(at("2026-11-02 09:00"), tick=False):  # Monday
        received = build("received", staff)  # verification: 3 working days → Thu 5 Nov
        routed = build("routed", staff)  # resolution 14 working days
    coordinator = staff["coordinator"]
    with time_machine.travel(at("2026-11-04 10:00"), tick=False):  # Wednesday
        assert numbers(case_list(coordinator, CaseFilters(due_within=1))) == {
            received.tracking_number
        }
        assert numbers(case_list(coordinator, CaseFilters(due_within=0))) == set()
        assert case_list(coordinator, CaseFilters(overdue=True)).total == 0
        (row,) = case_list(coordinator, CaseFilters(status="received")).items
        assert row.working_days_left == 1
    with time_machine.travel(at("2026-11-09 10:00"), tick=False):  # next Monday
        page = case_list(coordinator, CaseFilters(overdue=True))
        assert numbers(page) == {received.tracking_number}
        assert page.items[0].working_days_left == -2  # Thu due; Fri and Mon passed
        assert numbers(case_list(coordinator, CaseFilters(due_within=30))) == {
            routed.tracking_number
        }


def test_requeued_case_is_flagged_returned(staff, reference):
    case = build("routed", staff)
    services.return_assignment(staff["officer_dpupr"], assignment(case, "DPUPR"), reason="Bukan.")
    services.return_assignment(staff["officer_dinkes"], assignment(case, "DINKES"), reason="Bukan.")
    (row,) = case_list(staff["coordinator"], CaseFilters(status="received", returned=True)).items
    assert row.tracking_number == case.tracking_number and row.returned


def test_from_query_parses_and_ignores_bad_values():
    good = CaseFilters.from_query(
        QueryDict(
            "status=routed&kind=complaint&agency=DPUPR&category=pekerjaan-umum&channel=web"
            "&overdue=on&due_within=5&from=2026-01-01&to=2026-02-01&q=+jalan++rusak+"
            "&returned=false"
        )
    )
    assert good == CaseFilters(
        status="routed",
        kind="complaint",
        agency="DPUPR",
        category="pekerjaan-umum",
        channel="web",
        overdue=True,
        due_within=5,
        received_from=dt.date(2026, 1, 1),
        received_to=dt.date(2026, 2, 1),
        q="jalan rusak",
        returned=False,
    )
    bad = CaseFilters.from_query(
        QueryDict(
            "status=bogus&kind=x&agency=DP%20UPR;drop&category=../x&channel=fax&overdue=maybe"
            "&due_within=-3&from=2026-13-45&to=yesterday&returned=perhaps&page=x"
        )
    )
    assert bad == CaseFilters()
    assert CaseFilters.from_query({"due_within": "9999"}).due_within is None
    assert CaseFilters.from_query({"received_from": "2026-05-01"}).received_from == dt.date(
        2026, 5, 1
    )
    assert CaseFilters.from_query({"q": "x" * 1000}).q == "x" * 200
    assert CaseFilters.from_query(None) == CaseFilters()


def test_pagination_and_order(staff, reference):
    made = []
    for day in (2, 3, 4, 5, 6, 9, 10):  # received on seven working days of November
        with time_machine.travel(at(f"2026-11-{day:02d} 09:00"), tick=False):
            made.append(build("received", staff).tracking_number)
    archived = build("archived", staff).tracking_number  # no due date: last
    coordinator = staff["coordinator"]
    pages = [case_list(coordinator, CaseFilters(), page=n, per_page=3) for n in (1, 2, 3)]
    assert [p.page for p in pages] == [1, 2, 3]
    assert {(p.pages, p.total, p.per_page) for p in pages} == {(3, 8, 3)}
    assert [r.tracking_number for p in pages for r in p.items] == [*made, archived]
    assert pages[0].has_next and not pages[0].has_previous and not pages[2].has_next
    beyond = case_list(coordinator, CaseFilters(), page=99, per_page=3)
    assert beyond.page == 3 and len(beyond.items) == 2
    assert case_list(coordinator, CaseFilters(), page=-5, per_page=10_000).per_page == 200


def _routed_cases(staff, count: int, agencies=("DPUPR", "DINKES", "DISHUB")) -> None:
    for _ in range(count):
        case = build("received", staff)
        services.route(staff["coordinator"], case, agencies=list(agencies), instructions="Cek.")


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_case_list_costs_the_same_for_5_or_50_cases(staff, reference):
    coordinator = staff["coordinator"]
    _routed_cases(staff, 5)
    small = _queries(lambda: case_list(coordinator, CaseFilters(q="jalan"), per_page=50))
    assert case_list(coordinator, CaseFilters()).total == 5
    _routed_cases(staff, 45)
    page = case_list(coordinator, CaseFilters(q="jalan"), per_page=50)
    assert len(page.items) == 50 and all(len(r.agencies) == 3 for r in page.items)
    large = _queries(lambda: case_list(coordinator, CaseFilters(q="jalan"), per_page=50))
    assert small == large == 4  # calendar, count, page, assignments' agencies
    officer = staff["officer_dpupr"]
    assert _queries(lambda: case_list(officer, CaseFilters(overdue=False), per_page=50)) == 4


def test_assignment_inbox_costs_the_same_for_5_or_50(staff, reference):
    officer = staff["officer_dpupr"]
    _routed_cases(staff, 5)
    small = _queries(lambda: assignment_inbox(officer))
    _routed_cases(staff, 45)
    page = assignment_inbox(officer)
    assert len(page.items) == 50 and {r.agency_code for r in page.items} == {"DPUPR"}
    large = _queries(lambda: assignment_inbox(officer))
    assert small == large == 3  # calendar, count, page


def test_assignment_inbox_own_agency_only_open_first(staff, reference):
    first = build("routed", staff)
    second = build("routed", staff)
    services.return_assignment(
        staff["officer_dinkes"], assignment(first, "DINKES"), reason="Bukan."
    )
    services.accept(staff["officer_dinkes"], assignment(second, "DINKES"))
    inbox = assignment_inbox(staff["head_dinkes"])
    assert [(r.tracking_number, r.status) for r in inbox.items] == [
        (second.tracking_number, "accepted"),
        (first.tracking_number, "returned"),
    ]
    returned = inbox.items[1]
    assert returned.returned_reason == "Bukan." and returned.working_days_left is None
    assert inbox.items[0].working_days_left > 0 and inbox.items[0].agency_code == "DINKES"
    pending = assignment_inbox(staff["officer_dpupr"], status="pending")
    assert {r.tracking_number for r in pending.items} == {
        first.tracking_number,
        second.tracking_number,
    }
    assert assignment_inbox(staff["officer_dpupr"], status="returned").total == 0
    assert assignment_inbox(staff["officer_dpupr"], status="nonsense").total == 2
    for role in ("custodian", "auditor", "sysadmin"):
        assert assignment_inbox(staff[role]).total == 0


def test_wbs_officer_inbox_is_the_inspectorate_share(staff, cases):
    inbox = assignment_inbox(staff["wbs"])
    assert [r.tracking_number for r in inbox.items] == [cases["supervisory"].tracking_number]
    assert inbox.items[0].title == "Pungli di loket"
    coordinator_view = assignment_inbox(staff["coordinator"], status="pending")
    hidden = [r for r in coordinator_view.items if r.agency_code == "INSPEKTORAT"]
    assert [r.title for r in hidden] == [RESTRICTED_TITLE]


def test_export_writes_csv_without_identity_and_audits(staff, cases):
    build("received", staff, title='=HYPERLINK("http://x")', privacy="open")
    coordinator = staff["coordinator"]
    rows = export_rows(coordinator, CaseFilters(q="lampu"))
    record = AuditRecord.objects.filter(action="case_export").get()
    assert record.actor == "koordinator" and record.details["rows"] == 1
    assert record.details["filters"]["search"] is True
    assert "lampu" not in str(record.details).lower()  # the search text is not kept
    out = io.StringIO()
    assert write_csv(rows, out) == 1
    text = out.getvalue()
    assert text.splitlines()[0] == ",".join(CSV_HEADERS)
    assert cases["unrouted"].tracking_number in text
    everything = io.StringIO()
    assert write_csv(export_rows(coordinator, CaseFilters()), everything) == 4
    text = everything.getvalue()
    assert "'=HYPERLINK" in text  # a formula is defused
    for secret in (REPORTER_DATA.name, REPORTER_DATA.nik, REPORTER_DATA.email.lower()):
        assert secret not in text
    assert AuditRecord.objects.filter(action="case_export").count() == 2


def test_export_only_for_allowed_roles(staff, cases):
    for role in ("officer_dpupr", "custodian", "auditor", "sysadmin"):
        with pytest.raises(NotPermitted):
            export_rows(staff[role], CaseFilters())
    assert not AuditRecord.objects.filter(action="case_export").exists()
    rows = list(export_rows(staff["head_dpupr"], CaseFilters()))
    assert [r.tracking_number for r in rows] == [cases["public"].tracking_number]


def test_policy_table_untouched_by_reads(staff, cases):
    """Selectors read: listing writes nothing but what the audit asks for."""
    before, logged = SlaPolicy.objects.count(), AuditRecord.objects.count()
    case_list(staff["coordinator"], CaseFilters(q="jalan"))
    assignment_inbox(staff["officer_dpupr"])
    assert SlaPolicy.objects.count() == before
    assert AuditRecord.objects.count() == logged  # the cases' own events were logged before
