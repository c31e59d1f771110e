"""Scorecard figures for the hand-built month of scenario.py, each computed by hand there."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aduan.agencies.models import Agency
from aduan.dashboards.selectors import monthly_trend, ranking, scorecard
from aduan.dashboards.selectors.figures import weighted_median
from aduan.workdays.selectors import load_calendar

from .scenario import NOW, at, build_march

pytestmark = pytest.mark.django_db
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def test_the_calendar_the_hand_computation_assumes(reference):
    calendar = load_calendar()
    off = [d for d in (dt.date(2026, 3, day) for day in range(16, 32)) if d.weekday() < 5]
    assert [d.day for d in off if not calendar.is_working_day(d)] == [18, 19, 20, 23, 24]
    assert not calendar.is_working_day(dt.date(2026, 4, 3))


@pytest.fixture
def march(staff):
    return build_march(staff)


def test_dpupr_march_scorecard_equals_the_hand_computed_figures(march):
    with time_machine.travel(at(NOW), tick=False):
        card = scorecard(Agency.objects.get(code="DPUPR"), *MARCH)
    assert card.as_of == at(NOW)
    assert (card.agency_code, card.date_from, card.date_to) == ("DPUPR", *MARCH)
    assert card.assigned == 5  # A B C D E (F is April in WITA)
    assert card.answered == 2  # A E
    assert card.returned == 1  # C
    # Answered or due: A B C E responded, D's deadline passed; on time: A C E.
    assert (card.first_responses_on_time, card.first_responses_due) == (3, 5)
    assert card.first_response_on_time_rate == 60.0
    # A E submitted, B's deadline passed; C returned in time, D's deadline not passed yet.
    assert (card.resolutions_on_time, card.resolutions_due) == (2, 3)
    assert card.resolution_on_time_rate == 66.7
    assert card.median_working_days_to_first_response == 2.0  # 1 2 2 6
    assert card.median_working_days_to_resolution == 9.0  # 7 11
    assert card.open_now == 5  # B D E F I
    assert card.overdue_now == 4  # B D F I (E waits for the coordinator)
    assert card.escalations == 1
    assert card.non_compliance_records == 2
    assert (card.feedback_count, card.satisfied_count) == (2, 1)  # H J; not I, not K
    assert card.mean_rating == 3.0
    assert card.satisfied_rate == 50.0
    assert card.compliance_score == 64.0  # 0.4 * 60 + 0.6 * 66.7


def test_dinkes_gets_the_rating_of_the_case_it_answered(march):
    with time_machine.travel(at(NOW), tick=False):
        card = scorecard(Agency.objects.get(code="DINKES"), *MARCH)
    assert (card.assigned, card.first_responses_on_time, card.first_responses_due) == (1, 1, 1)
    assert (card.feedback_count, card.mean_rating, card.satisfied_rate) == (1, 5.0, 100.0)
    assert (card.escalations, card.non_compliance_records) == (1, 1)
    # G: accepted, no result, resolution due Mon 13 Apr has passed.
    assert (card.resolutions_on_time, card.resolutions_due) == (0, 1)
    assert card.compliance_score == 40.0  # 0.4 * 100 + 0.6 * 0


def test_a_period_of_one_day(march):
    with time_machine.travel(at(NOW), tick=False):
        card = scorecard(
            Agency.objects.get(code="DPUPR"), dt.date(2026, 3, 31), dt.date(2026, 3, 31)
        )
    assert card.assigned == 1  # E, routed at 22:00 WITA
    assert card.median_working_days_to_first_response == 2.0
    assert card.open_now == 5  # "now" does not depend on the period


def test_an_empty_period_has_counts_and_no_rates(staff):
    card = scorecard(Agency.objects.get(code="DISHUT"), *MARCH)
    assert card.assigned == card.open_now == card.feedback_count == 0
    assert card.first_response_on_time_rate is None
    assert card.median_working_days_to_resolution is None
    assert card.mean_rating is None and card.compliance_score is None


def test_ranking_orders_by_score_then_lists_the_unscored(march):
    with time_machine.travel(at(NOW), tick=False):
        result = ranking(2026, 3)
    codes = [row.agency.code for row in result.rows]
    assert codes[:2] == ["DPUPR", "DINKES"]
    assert [row.rank for row in result.rows[:3]] == [1, 2, None]
    assert [row.card.compliance_score for row in result.rows[:3]] == [64.0, 40.0, None]
    assert len(codes) == Agency.objects.filter(kind="opd", is_active=True).count()
    assert "KAB-BANJAR" not in codes  # the ranking is of provincial OPDs


def test_monthly_trend(march):
    with time_machine.travel(at(NOW), tick=False):
        trend = monthly_trend(Agency.objects.get(code="DPUPR"), 2026, 4, months=12)
    assert len(trend) == 12
    assert (trend[0].year, trend[0].month, trend[-1].month) == (2025, 5, 4)
    by_month = {(p.year, p.month): p for p in trend}
    assert by_month[(2026, 3)].assigned == 5
    assert by_month[(2026, 3)].score == 64.0
    # February: H J I K all responded on time and resolved on time.
    february = by_month[(2026, 2)]
    assert (february.assigned, february.first_response_rate) == (4, 100.0)
    assert by_month[(2026, 4)].assigned == 1  # F: first response due 9 April, missed
    assert by_month[(2026, 4)].first_response_rate == 0.0
    assert by_month[(2025, 12)].score is None


def test_weighted_median():
    assert weighted_median([]) is None
    assert weighted_median([(3, 1)]) == 3
    assert weighted_median([(1, 1), (2, 2), (6, 1)]) == 2
    assert weighted_median([(7, 1), (11, 1)]) == 9
    assert weighted_median([(5, 0), (1, 3), (10, 1)]) == 1


def _queries(action) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


def test_query_count_does_not_grow_with_cases(staff):
    from .scenario import Scenario

    dpupr = Agency.objects.get(code="DPUPR")
    s = Scenario(staff)

    def figures():
        return (
            _queries(lambda: scorecard(dpupr, *MARCH)),
            _queries(lambda: ranking(2026, 3)),
            _queries(lambda: monthly_trend(dpupr, 2026, 3)),
        )

    s.routed("x0", "2026-03-02 09:00")
    few = figures()
    for n in range(1, 7):
        case = s.routed(f"x{n}", f"2026-03-{n + 2:02d} 09:00", ("DPUPR", "DINKES"))
        s.accept(case, f"2026-03-{n + 3:02d} 09:00")
        if n % 2:
            s.result(case, f"2026-03-{n + 5:02d} 09:00")
    many = figures()
    assert few == many
    assert few[0] <= 8 and few[1] <= 9 and few[2] == 1
