"""The one source of time. Everything asks here, so tests can freeze it (time-machine)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

WITA = ZoneInfo("Asia/Makassar")


def now() -> dt.datetime:
    """Current moment, timezone-aware (UTC)."""
    return timezone.now()


def local(moment: dt.datetime) -> dt.datetime:
    """The moment as seen in Kalimantan Selatan (WITA, UTC+8)."""
    return moment.astimezone(WITA)


def local_date(moment: dt.datetime) -> dt.date:
    """The WITA calendar date of a moment: working days count from this."""
    return local(moment).date()


def today() -> dt.date:
    return local_date(now())


def end_of_day(day: dt.date) -> dt.datetime:
    """23:59:59 WITA of `day`: every due date is the end of a (working) day."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=WITA)
