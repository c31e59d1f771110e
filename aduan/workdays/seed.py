"""Holidays from the `holidays` package (SKB 3 Menteri: public holidays and cuti bersama)."""

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays
from django.db import transaction

from .models import Holiday, HolidayKind, HolidaySource
from .signals import schedule_calendar_changed

__all__ = ["DEFAULT_YEARS", "package_days_off", "package_holidays", "seed_holidays"]

DEFAULT_YEARS = range(2024, 2029)
# "government" is the package's category for cuti bersama; both are days off for civil servants.
CATEGORIES = ("public", "government")
CUTI_BERSAMA_PREFIX = "Cuti Bersama"


def _kind(name: str) -> str:
    return HolidayKind.CUTI_BERSAMA if name.startswith(CUTI_BERSAMA_PREFIX) else HolidayKind.PUBLIC


def package_holidays(years: Iterable[int]) -> dict[dt.date, tuple[str, str]]:
    """{date: (name, kind)} for the given years, names in Bahasa Indonesia."""
    found = holidays.country_holidays("ID", years=list(years), categories=CATEGORIES, language="id")
    # One date can carry two names ("A; B"); the first decides the kind.
    return {day: (name, _kind(name)) for day, name in sorted(found.items())}


@lru_cache(maxsize=64)
def package_days_off(year: int) -> frozenset[dt.date]:
    """The package's days off for one year: the fallback when the table has no rows for it."""
    return frozenset(package_holidays([year]))


def seed_holidays(years: Iterable[int] = DEFAULT_YEARS) -> int:
    """Bring package rows for `years` in line with the package; return rows created, updated
    or removed (0 on a second run).

    Rows with source=admin are never touched: an admin edit is an override. Package rows whose
    date the package no longer lists (a decree moved it; a package upgrade) are removed.
    """
    years = sorted(set(years))
    if not years:
        return 0
    wanted = package_holidays(years)
    changed = 0
    with transaction.atomic():
        existing = {
            h.date: h
            for h in Holiday.objects.select_for_update().filter(
                date__gte=dt.date(years[0], 1, 1), date__lte=dt.date(years[-1], 12, 31)
            )
            if h.date.year in years
        }
        to_create, to_update = [], []
        for day, (name, kind) in wanted.items():
            row = existing.get(day)
            if row is None:
                to_create.append(
                    Holiday(
                        date=day,
                        name=name[:200],
                        kind=kind,
                        source=HolidaySource.PACKAGE,
                        is_day_off=True,
                    )
                )
            elif row.source == HolidaySource.PACKAGE and (
                row.name != name[:200] or row.kind != kind or not row.is_day_off
            ):
                row.name, row.kind, row.is_day_off = name[:200], kind, True
                to_update.append(row)
        stale = [
            h.pk
            for day, h in existing.items()
            if h.source == HolidaySource.PACKAGE and day not in wanted
        ]
        Holiday.objects.bulk_create(to_create)
        Holiday.objects.bulk_update(to_update, ["name", "kind", "is_day_off"])
        if stale:
            Holiday.objects.filter(pk__in=stale).delete()
        changed = len(to_create) + len(to_update) + len(stale)
        if changed:
            # bulk_create/bulk_update send no post_save, so announce the change here.
            schedule_calendar_changed(Holiday)
    return changed
