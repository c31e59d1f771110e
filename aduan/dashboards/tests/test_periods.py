"""Parsing periods and months: strict formats, WITA dates, 422 on anything else."""

import datetime as dt

import pytest
import time_machine

from aduan.dashboards.periods import (
    InvalidPeriod,
    Period,
    month_period,
    parse_month,
    parse_period,
    previous_month,
)

from .scenario import at

D = dt.date


@pytest.fixture(autouse=True)
def frozen():
    # 1 May 2026 07:00 WITA is still 30 April in UTC.
    with time_machine.travel(at("2026-05-01 07:00"), tick=False):
        yield


def test_defaults():
    assert parse_period(None, None) == Period(D(2026, 5, 1), D(2026, 5, 1))
    assert parse_period("2026-03-10", None) == Period(D(2026, 3, 10), D(2026, 5, 1))
    assert parse_period("2026-06-10", None) == Period(D(2026, 6, 10), D(2026, 6, 10))
    assert parse_period(None, "2026-02-10") == Period(D(2026, 2, 1), D(2026, 2, 10))
    assert previous_month() == (2026, 4)
    assert previous_month(at("2026-01-01 00:00")) == (2025, 12)


def test_bounds_are_wita_days():
    period = Period(D(2026, 3, 1), D(2026, 3, 31))
    assert period.start.isoformat() == "2026-03-01T00:00:00+08:00"
    assert period.end.isoformat() == "2026-04-01T00:00:00+08:00"
    assert month_period(2024, 2) == Period(D(2024, 2, 1), D(2024, 2, 29))
    assert month_period(2026, 12).label() == "Desember 2026"
    assert Period(D(2026, 3, 2), D(2026, 3, 31)).label() == "02-03-2026 s.d. 31-03-2026"


@pytest.mark.parametrize("value", ["2026-3-01", "2026/03/01", "20260301", " ", "2026-02-29x"])
def test_strict_dates(value):
    with pytest.raises(InvalidPeriod) as caught:
        parse_period(value, None)
    assert caught.value.status == 422 and set(caught.value.fields) == {"from"}


@pytest.mark.parametrize("value", ["2026-00", "2026-13", "26-11", "2026-11-01", "", "1999-12"])
def test_strict_months(value):
    with pytest.raises(InvalidPeriod):
        parse_month(value)


def test_month():
    assert parse_month("2026-11") == (2026, 11)
