import datetime as dt

import pytest
import time_machine

from aduan.workdays.calendar import WorkCalendar
from aduan.workdays.models import Holiday, HolidayKind, HolidaySource
from aduan.workdays.seed import package_days_off, seed_holidays
from aduan.workdays.selectors import calendar_years, load_calendar
from aduan.workdays.signals import calendar_changed

from .conftest import README_ADD_EXAMPLES

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.mark.parametrize("seeded", [True, False], ids=["seeded", "empty-table"])
@pytest.mark.parametrize(("start", "n", "expected"), README_ADD_EXAMPLES)
def test_readme_examples_with_and_without_seed(seeded, start, n, expected):
    if seeded:
        seed_holidays()
    calendar = load_calendar()
    assert calendar.add_working_days(start, n) == expected


def test_fallback_with_empty_table():
    assert not Holiday.objects.exists()
    calendar = load_calendar()
    for year in range(2024, 2029):
        assert package_days_off(year) <= calendar.days_off, year
    assert not calendar.is_working_day(D(2026, 3, 18))
    assert calendar.working_days_between(D(2026, 3, 16), D(2026, 4, 7)) == 10


def test_fallback_covers_current_year():
    with time_machine.travel(dt.datetime(2031, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        assert 2031 in calendar_years()
        calendar = load_calendar()
    assert package_days_off(2031) <= calendar.days_off
    assert D(2031, 8, 17) in calendar.days_off


def test_load_calendar_uses_one_query(django_assert_num_queries):
    seed_holidays()
    with django_assert_num_queries(1):
        calendar = load_calendar()
    assert isinstance(calendar, WorkCalendar)


def test_admin_override_makes_holiday_a_working_day():
    seed_holidays([2026])
    holiday = Holiday.objects.get(date=D(2026, 3, 18))
    holiday.is_day_off = False
    holiday.source = HolidaySource.ADMIN
    holiday.save()
    calendar = load_calendar()
    assert calendar.is_working_day(D(2026, 3, 18))
    assert calendar.add_working_days(D(2026, 3, 17), 1) == D(2026, 3, 18)
    # The other Lebaran days stay off.
    assert not calendar.is_working_day(D(2026, 3, 19))


def test_admin_override_applies_on_top_of_fallback():
    # No package rows at all: fallback for every year, admin rows still win.
    Holiday.objects.create(
        date=D(2026, 3, 18), name="batal", kind=HolidayKind.CUTI_BERSAMA, is_day_off=False
    )
    Holiday.objects.create(date=D(2026, 9, 24), name="Hari Jadi", kind=HolidayKind.REGIONAL)
    calendar = load_calendar()
    assert calendar.is_working_day(D(2026, 3, 18))
    assert not calendar.is_working_day(D(2026, 9, 24))
    assert not calendar.is_working_day(D(2026, 3, 19))  # still from the package fallback


def test_seeded_year_does_not_fall_back():
    seed_holidays([2026])
    Holiday.objects.filter(date=D(2026, 8, 17)).delete()
    # 2026 has package rows, so the deleted day is not brought back by the fallback.
    assert load_calendar().is_working_day(D(2026, 8, 17))


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, sender, **kwargs):
        self.calls.append(sender)


@pytest.fixture
def recorder():
    rec = Recorder()
    calendar_changed.connect(rec, weak=False)
    yield rec
    calendar_changed.disconnect(rec)


def test_calendar_changed_sent_once_after_commit(recorder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Holiday.objects.create(date=D(2026, 9, 24), name="Hari Jadi", kind=HolidayKind.REGIONAL)
        Holiday.objects.create(date=D(2026, 9, 25), name="Cuti", kind=HolidayKind.REGIONAL)
        assert recorder.calls == []  # nothing before commit
    assert len(callbacks) == 1
    assert recorder.calls == [Holiday]


def test_calendar_changed_on_delete_and_again_after_a_commit(
    recorder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        holiday = Holiday.objects.create(date=D(2026, 9, 24), name="x", kind="regional")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        holiday.delete()
    assert len(callbacks) == 1
    assert recorder.calls == [Holiday, Holiday]


def test_calendar_changed_after_seed(recorder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        seed_holidays([2026])
    assert len(callbacks) == 1
    assert recorder.calls == [Holiday]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        seed_holidays([2026])  # nothing changed
    assert callbacks == []
    assert recorder.calls == [Holiday]


def test_calendar_changed_not_sent_on_rollback(recorder, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            Holiday.objects.create(date=D(2026, 9, 24), name="x", kind="regional")
            raise RuntimeError
        assert not Holiday.objects.exists()
    assert callbacks == []
    assert recorder.calls == []
