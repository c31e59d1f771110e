import datetime as dt
import random

import pytest

from aduan.workdays.calendar import WorkCalendar

from .conftest import README_ADD_EXAMPLES, read_official_2026

D = dt.date
OFFICIAL = WorkCalendar(frozenset(read_official_2026()))
NO_HOLIDAYS = WorkCalendar(frozenset())


def naive_add(cal: WorkCalendar, start: dt.date, n: int) -> dt.date:
    """Day-by-day reference implementation."""
    day = start
    while n:
        day += dt.timedelta(days=1)
        if cal.is_working_day(day):
            n -= 1
    return day


def naive_between(cal: WorkCalendar, start: dt.date, end: dt.date) -> int:
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += cal.is_working_day(day)
    return count


@pytest.mark.parametrize(("start", "n", "expected"), README_ADD_EXAMPLES)
def test_readme_examples(start, n, expected):
    assert OFFICIAL.add_working_days(start, n) == expected
    assert OFFICIAL.working_days_between(start, expected) == n


def test_between_readme_example():
    assert OFFICIAL.working_days_between(D(2026, 3, 16), D(2026, 4, 7)) == 10


def test_is_working_day():
    assert OFFICIAL.is_working_day(D(2026, 3, 17))  # Tuesday
    assert not OFFICIAL.is_working_day(D(2026, 3, 18))  # cuti bersama Nyepi
    assert not OFFICIAL.is_working_day(D(2026, 3, 14))  # Saturday
    assert not OFFICIAL.is_working_day(D(2026, 3, 15))  # Sunday
    assert NO_HOLIDAYS.is_working_day(D(2026, 3, 18))


def test_zero_returns_start_even_on_a_day_off():
    assert OFFICIAL.add_working_days(D(2026, 3, 21), 0) == D(2026, 3, 21)
    assert OFFICIAL.add_working_days(D(2026, 3, 17), 0) == D(2026, 3, 17)


def test_negative_n_is_rejected():
    with pytest.raises(ValueError):
        OFFICIAL.add_working_days(D(2026, 3, 17), -1)


def test_start_on_weekend_or_holiday_counts_from_next_working_day():
    assert NO_HOLIDAYS.add_working_days(D(2026, 3, 14), 1) == D(2026, 3, 16)  # Sat -> Mon
    assert NO_HOLIDAYS.add_working_days(D(2026, 3, 13), 1) == D(2026, 3, 16)  # Fri -> Mon
    assert OFFICIAL.add_working_days(D(2026, 3, 18), 1) == D(2026, 3, 25)  # inside Lebaran


def test_between_is_zero_when_end_not_after_start():
    assert OFFICIAL.working_days_between(D(2026, 3, 17), D(2026, 3, 17)) == 0
    assert OFFICIAL.working_days_between(D(2026, 3, 31), D(2026, 3, 17)) == 0
    assert OFFICIAL.working_days_between(D(2026, 3, 13), D(2026, 3, 15)) == 0  # weekend only


def test_weekend_days_off_do_not_count_twice():
    cal = WorkCalendar(frozenset({D(2026, 3, 14), D(2026, 3, 15)}))
    assert cal.add_working_days(D(2026, 3, 13), 1) == D(2026, 3, 16)
    assert cal.working_days_between(D(2026, 3, 13), D(2026, 3, 20)) == 5


def test_full_year_2026_count():
    # 261 weekdays in 2026; 21 of the 25 official days off fall on a weekday.
    weekday_off = sum(1 for d in read_official_2026() if d.weekday() < 5)
    assert weekday_off == 21
    assert OFFICIAL.working_days_between(D(2025, 12, 31), D(2026, 12, 31)) == 261 - 21


def test_add_calendar_days():
    assert OFFICIAL.add_calendar_days(D(2026, 3, 17), 30) == D(2026, 4, 16)
    assert OFFICIAL.add_calendar_days(D(2026, 3, 17), -17) == D(2026, 2, 28)


def test_big_n_matches_naive():
    start = D(2026, 1, 1)
    assert OFFICIAL.add_working_days(start, 5000) == naive_add(OFFICIAL, start, 5000)


def test_random_against_naive_reference():
    rng = random.Random(55)
    base = D(2025, 6, 1)
    for _ in range(400):
        start = base + dt.timedelta(days=rng.randrange(0, 700))
        n = rng.randrange(0, 80)
        end = OFFICIAL.add_working_days(start, n)
        assert end == naive_add(OFFICIAL, start, n), (start, n)
        assert OFFICIAL.working_days_between(start, end) == n
        other = start + dt.timedelta(days=rng.randrange(-30, 120))
        assert OFFICIAL.working_days_between(start, other) == naive_between(OFFICIAL, start, other)


def test_dense_holidays_against_naive_reference():
    # Many consecutive days off stress the repeated-jump loop.
    rng = random.Random(7)
    days_off = frozenset(
        D(2026, 1, 1) + dt.timedelta(days=i) for i in range(365) if rng.random() < 0.6
    )
    cal = WorkCalendar(days_off)
    for start_offset in range(0, 365, 11):
        start = D(2026, 1, 1) + dt.timedelta(days=start_offset)
        for n in (1, 2, 7, 30, 200):
            assert cal.add_working_days(start, n) == naive_add(cal, start, n), (start, n)


def test_equality_and_immutability():
    assert WorkCalendar(frozenset(read_official_2026())) == OFFICIAL
    assert OFFICIAL != NO_HOLIDAYS
    with pytest.raises(AttributeError):
        OFFICIAL.extra = 1  # __slots__: no stray state
