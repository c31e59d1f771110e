import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings

from aduan.workdays.models import Holiday, HolidayKind, HolidaySource
from aduan.workdays.seed import package_days_off, seed_holidays
from aduan.workdays.selectors import load_calendar

from .conftest import PROJECT_CSV

pytestmark = pytest.mark.django_db

D = dt.date


def weekdays_of(year: int):
    day = D(year, 1, 1)
    while day.year == year:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def test_project_copy_equals_shared_reference():
    shared = Path(settings.BASE_DIR).parent / "shared" / "data" / "holidays-2026.csv"
    if not shared.exists():
        pytest.skip(f"{shared} not present")
    assert PROJECT_CSV.read_bytes() == shared.read_bytes()


def test_2026_days_off_equal_official_list(official_2026):
    seed_holidays([2026])
    calendar = load_calendar()
    non_working = {d for d in weekdays_of(2026) if not calendar.is_working_day(d)}
    official = {d for d in official_2026 if d.weekday() < 5}
    assert non_working == official


def test_2026_kinds_match_official_list(official_2026):
    seed_holidays([2026])
    rows = {h.date: h for h in Holiday.objects.filter(date__year=2026)}
    for day, (kind, name) in official_2026.items():
        if day.weekday() >= 5:
            continue  # weekends aside: the package may name them differently
        assert day in rows, (day, name)
        assert rows[day].kind == kind, (day, name, rows[day].name)
        assert rows[day].source == HolidaySource.PACKAGE
        assert rows[day].is_day_off


def test_cuti_bersama_gets_its_kind():
    seed_holidays([2026])
    nyepi_cb = Holiday.objects.get(date=D(2026, 3, 18))
    assert nyepi_cb.name.startswith("Cuti Bersama")
    assert nyepi_cb.kind == HolidayKind.CUTI_BERSAMA
    assert Holiday.objects.get(date=D(2026, 8, 17)).kind == HolidayKind.PUBLIC


def test_seed_default_years_and_idempotent():
    created = seed_holidays()
    assert created == Holiday.objects.count() > 0
    assert {d.year for d in Holiday.objects.dates("date", "year")} == set(range(2024, 2029))
    before = list(Holiday.objects.values_list("date", "name", "kind", "source", "is_day_off"))
    assert seed_holidays() == 0
    after = list(Holiday.objects.values_list("date", "name", "kind", "source", "is_day_off"))
    assert after == before


def test_seed_does_not_overwrite_admin_rows():
    Holiday.objects.create(
        date=D(2026, 3, 18),
        name="Nyepi — dibatalkan (uji)",
        kind=HolidayKind.REGIONAL,
        source=HolidaySource.ADMIN,
        is_day_off=False,
    )
    Holiday.objects.create(
        date=D(2026, 9, 24), name="Hari Jadi Provinsi Kalsel (uji)", kind=HolidayKind.REGIONAL
    )
    seed_holidays([2026])
    nyepi = Holiday.objects.get(date=D(2026, 3, 18))
    assert (nyepi.name, nyepi.kind, nyepi.source, nyepi.is_day_off) == (
        "Nyepi — dibatalkan (uji)",
        HolidayKind.REGIONAL,
        HolidaySource.ADMIN,
        False,
    )
    assert Holiday.objects.filter(date=D(2026, 9, 24), source=HolidaySource.ADMIN).exists()
    assert seed_holidays([2026]) == 0


def test_seed_repairs_package_rows_and_removes_stale_ones():
    seed_holidays([2026])
    Holiday.objects.filter(date=D(2026, 8, 17)).update(name="salah", is_day_off=False)
    Holiday.objects.create(
        date=D(2026, 7, 7), name="usang", kind=HolidayKind.PUBLIC, source=HolidaySource.PACKAGE
    )
    assert seed_holidays([2026]) == 2
    repaired = Holiday.objects.get(date=D(2026, 8, 17))
    assert repaired.is_day_off
    assert repaired.name != "salah"
    assert not Holiday.objects.filter(date=D(2026, 7, 7)).exists()


def test_seed_leaves_other_years_alone():
    Holiday.objects.create(
        date=D(2030, 1, 2),
        name="di luar rentang",
        kind=HolidayKind.PUBLIC,
        source=HolidaySource.PACKAGE,
    )
    seed_holidays([2026])
    assert Holiday.objects.filter(date=D(2030, 1, 2)).exists()
    assert not Holiday.objects.filter(date__year=2025).exists()


def test_package_days_off_2026(official_2026):
    assert package_days_off(2026) == frozenset(official_2026)
