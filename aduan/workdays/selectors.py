"""Read side: the working calendar as configured in the database."""

from django.conf import settings

from aduan.core import clock

from .calendar import WorkCalendar
from .models import Holiday, HolidaySource
from .seed import package_days_off

__all__ = ["calendar_years", "load_calendar"]


def calendar_years() -> set[int]:
    """Years the calendar must cover: settings.ADUAN_HOLIDAY_YEARS (inclusive) and this year."""
    first, last = getattr(settings, "ADUAN_HOLIDAY_YEARS", (2024, 2028))
    return {*range(first, last + 1), clock.today().year}


def load_calendar() -> WorkCalendar:
    """Holiday rows with is_day_off=True; one query.

    A year without any package row (fresh database, seed not run yet) falls back to the
    `holidays` package, so deadlines still skip national holidays. Admin rows in such a year
    still apply on top of it: a day off is added, is_day_off=False removes one.
    """
    rows = list(Holiday.objects.values_list("date", "is_day_off", "source"))
    seeded_years = {day.year for day, _off, source in rows if source == HolidaySource.PACKAGE}
    days_off: set = set()
    for year in calendar_years() - seeded_years:
        days_off |= package_days_off(year)
    for day, is_day_off, _source in rows:
        if is_day_off:
            days_off.add(day)
        else:
            days_off.discard(day)
    return WorkCalendar(frozenset(days_off))
