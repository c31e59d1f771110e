"""Who reads which record and which sanction; days late in working days; fixed query cost."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aduan.compliance import selectors
from aduan.compliance.selectors import MASKED_WBS, RecordFilters, SanctionFilters, days_late
from aduan.compliance.services import record_sanction
from aduan.core.errors import NotFound
from aduan.workdays.calendar import WorkCalendar
from aduan.workdays.selectors import load_calendar

from .conftest import make_record, new_sanction, wita

pytestmark = pytest.mark.django_db

RECORD_READERS = {
    "supervisor": {"dpupr", "dinkes", "wbs"},
    "wbs": {"dpupr", "dinkes", "wbs"},
    "coordinator": {"dpupr", "dinkes"},  # never a WBS case's record
    "head_dpupr": {"dpupr"},
    "officer_dpupr": {"dpupr"},
    "head_dinkes": {"dinkes"},
    "officer_dinkes": {"dinkes"},
}


def _names(register, rows) -> set[str]:
    by_pk = {record.pk: name for name, record in register.items()}
    return {by_pk[row.pk] for row in rows}


@pytest.mark.parametrize("role", sorted(RECORD_READERS))
def test_records_each_role_reads(staff, register, role):
    result = selectors.record_page(staff[role], RecordFilters())
    assert _names(register, result.items) == RECORD_READERS[role]
    visible = set(selectors.visible_records(staff[role]).values_list("pk", flat=True))
    assert visible == {register[name].pk for name in RECORD_READERS[role]}


@pytest.mark.parametrize("role", ["custodian", "auditor", "sysadmin"])
def test_records_are_closed_to_roles_without_case_content(staff, register, role):
    assert not selectors.visible_records(staff[role]).exists()
    with pytest.raises(NotFound):
        selectors.record_page(staff[role], RecordFilters())


@pytest.fixture
def sanctions(staff, register):
    supervisor = staff["supervisor"]
    return {
        "dpupr": record_sanction(supervisor, new_sanction([register["dpupr"]])),
        "dinkes": record_sanction(
            supervisor, new_sanction([register["dinkes"]], agency="DINKES", decision_number="2")
        ),
    }


SANCTION_READERS = {
    "supervisor": {"dpupr", "dinkes"},
    "wbs": {"dpupr", "dinkes"},
    "head_dpupr": {"dpupr"},
    "head_dinkes": {"dinkes"},
}


@pytest.mark.parametrize("role", sorted(SANCTION_READERS))
def test_sanctions_each_role_reads(staff, sanctions, role):
    by_pk = {s.pk: name for name, s in sanctions.items()}
    rows = selectors.sanction_page(staff[role], SanctionFilters()).items
    assert {by_pk[row.pk] for row in rows} == SANCTION_READERS[role]
    for name, sanction in sanctions.items():
        if name in SANCTION_READERS[role]:
            assert selectors.get_sanction_for(staff[role], sanction.pk) == sanction
        else:
            with pytest.raises(NotFound):
                selectors.get_sanction_for(staff[role], sanction.pk)


@pytest.mark.parametrize(
    "role", ["coordinator", "officer_dpupr", "officer_dinkes", "custodian", "auditor", "sysadmin"]
)
def test_sanctions_are_closed_to_everyone_else(staff, sanctions, role):
    assert not selectors.visible_sanctions(staff[role]).exists()
    with pytest.raises(NotFound):
        selectors.sanction_page(staff[role], SanctionFilters())
    with pytest.raises(NotFound):
        selectors.sanction_detail(staff[role], sanctions["dpupr"].pk)


def test_a_record_shows_only_the_sanctions_its_reader_may_see(staff, register, sanctions):
    def citing(role):
        rows = selectors.record_page(staff[role], RecordFilters(agency="DPUPR")).items
        return [s.decision_number for row in rows for s in row.sanctions]

    assert citing("head_dpupr") == ["700/12/SEKDA/2026"]
    assert citing("supervisor") == ["700/12/SEKDA/2026"]
    assert citing("officer_dpupr") == []  # officers see records, sanctions are the head's
    assert citing("coordinator") == []


def test_case_links_only_where_the_case_page_opens(staff, register):
    def links(role):
        rows = selectors.record_page(staff[role], RecordFilters()).items
        return {_names(register, [row]).pop(): row.case_link for row in rows}

    assert links("supervisor") == {"dpupr": True, "dinkes": True, "wbs": False}
    assert links("wbs") == {"dpupr": False, "dinkes": False, "wbs": True}
    assert links("coordinator") == {"dpupr": True, "dinkes": True}
    assert links("officer_dpupr") == {"dpupr": True}


def test_wbs_numbers_stay_with_those_who_open_the_report(staff, register, sanctions):
    def number(role):
        rows = selectors.record_page(staff[role], RecordFilters(stage="verification")).items
        return [(row.tracking_number, row.number_hidden) for row in rows]

    assert number("supervisor") == [(MASKED_WBS, True)]
    assert number("wbs") == [(register["wbs"].case.tracking_number, False)]


def test_days_late_counts_working_days_in_wita_across_the_holidays():
    calendar = load_calendar()
    due = wita("2026-03-17 23:59:59")  # Tuesday; 18-20 and 23-24 March are days off
    # Acted on Wednesday 25 March, 00:30 WITA (still the 24th in UTC): one working day late.
    assert days_late(due, wita("2026-03-25 00:30:00"), dt.date(2026, 4, 1), calendar) == 1
    # Without the holidays it would have been six.
    assert days_late(due, wita("2026-03-25 00:30:00"), dt.date(2026, 4, 1), WorkCalendar()) == 6
    # Still owed on Thursday 26 March: 25 and 26.
    assert days_late(due, None, dt.date(2026, 3, 26), calendar) == 2
    # Acted the same day: not late.
    assert days_late(due, wita("2026-03-17 23:59:59"), dt.date(2026, 3, 26), calendar) == 0


def test_record_rows_carry_days_late_as_of_today(staff, routed):
    owed = make_record(routed, "DPUPR", due="2026-03-17 23:59:59")
    done = make_record(routed, "DINKES", due="2026-03-17 23:59:59", fulfilled="2026-03-25 00:30:00")
    rows = {
        row.pk: row for row in selectors.record_page(staff["supervisor"], RecordFilters()).items
    }
    assert rows[owed.pk].days_late == 2  # today is Thursday 26 March (frozen)
    assert rows[done.pk].days_late == 1
    assert rows[owed.pk].stage_label == "Tanggapan pertama OPD"
    assert rows[owed.pk].tracking_number == routed.tracking_number


def test_record_filters(staff, routed, register):
    supervisor = staff["supervisor"]
    fulfilled = make_record(
        routed, "DPUPR", stage="resolution", due="2026-02-02 23:59:59",
        fulfilled="2026-02-20 10:00:00",
    )  # fmt: skip

    def found(**query):
        result = selectors.record_page(supervisor, RecordFilters.from_query(query))
        return {row.pk for row in result.items}

    assert found(agency="DPUPR") == {register["dpupr"].pk, fulfilled.pk}
    assert found(stage="resolution") == {register["dinkes"].pk, fulfilled.pk}
    assert found(state="fulfilled") == {fulfilled.pk}
    assert found(state="owed") == {register[n].pk for n in ("dpupr", "dinkes", "wbs")}
    assert found(**{"from": "2026-03-11", "to": "2026-03-17"}) == {
        register["dpupr"].pk,
        register["wbs"].pk,
    }
    assert found(**{"to": "2026-03-10"}) == {register["dinkes"].pk, fulfilled.pk}
    # Malformed values are ignored, never an error.
    assert len(found(agency="<x>", stage="nope", state="?", **{"from": "kemarin"})) == 4


def test_sanction_filters(staff, sanctions):
    def found(**query):
        result = selectors.sanction_page(staff["wbs"], SanctionFilters.from_query(query))
        return {row.pk for row in result.items}

    both = {s.pk for s in sanctions.values()}
    assert found(agency="DINKES") == {sanctions["dinkes"].pk}
    assert found(measure="teguran-tertulis") == both
    assert found(measure="teguran-lisan") == set()
    assert found(year="2026") == both
    assert found(year="2025") == set()
    assert found(year="dua ribu") == both


def _queries(callable_) -> int:
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def test_a_page_costs_the_same_whatever_it_holds(staff, routed, register, sanctions):
    supervisor = staff["supervisor"]
    few = _queries(lambda: selectors.record_page(supervisor, RecordFilters()))
    few_s = _queries(lambda: selectors.sanction_page(supervisor, SanctionFilters()))
    for day in range(1, 16):
        record = make_record(routed, "DPUPR", stage="resolution", due=f"2026-01-{day:02} 23:59:59")
        record_sanction(supervisor, new_sanction([record], decision_number=f"N-{day}"))
    assert _queries(lambda: selectors.record_page(supervisor, RecordFilters())) == few
    assert _queries(lambda: selectors.sanction_page(supervisor, SanctionFilters())) == few_s
