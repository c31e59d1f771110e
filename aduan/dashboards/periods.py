"""Periods the dashboards count over: whole WITA days, from a date to a date inclusive.

Parsing is strict (YYYY-MM-DD, YYYY-MM) and a bad value is a 422 in the standard error shape.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from aduan.core import clock
from aduan.core.errors import ValidationFailed

DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
MONTH = re.compile(r"\A(\d{4})-(\d{2})\Z")
MIN_YEAR, MAX_YEAR = 2000, 2100

MONTH_NAMES = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


class InvalidPeriod(ValidationFailed):
    """A period the caller typed wrong: 422, the standard error body."""

    status = 422
    default_message = "Periode tidak valid."


@dataclass(frozen=True)
class Period:
    date_from: dt.date
    date_to: dt.date

    @property
    def start(self) -> dt.datetime:
        """00:00:00 WITA of the first day (inclusive)."""
        return dt.datetime.combine(self.date_from, dt.time.min, tzinfo=clock.WITA)

    @property
    def end(self) -> dt.datetime:
        """00:00:00 WITA of the day after the last day (exclusive)."""
        return dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time.min, clock.WITA)

    def label(self) -> str:
        if self.date_from == self.date_from.replace(day=1) and self.date_to == month_end(
            self.date_from.year, self.date_from.month
        ):
            return month_label(self.date_from.year, self.date_from.month)
        return f"{self.date_from:%d-%m-%Y} s.d. {self.date_to:%d-%m-%Y}"


def month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def month_label(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year}"


def month_period(year: int, month: int) -> Period:
    return Period(dt.date(year, month, 1), month_end(year, month))


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def previous_month(as_of: dt.datetime | None = None) -> tuple[int, int]:
    """(year, month) of the WITA month before the one `as_of` (default now) falls in."""
    day = clock.local_date(as_of or clock.now())
    return add_months(day.year, day.month, -1)


def current_month_to_date() -> Period:
    today = clock.today()
    return Period(today.replace(day=1), today)


def parse_date(value: str, field: str) -> dt.date:
    value = (value or "").strip()
    try:
        if not DATE.match(value):
            raise ValueError(value)
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidPeriod(fields={field: ["Tanggal tidak valid (format YYYY-MM-DD)."]}) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InvalidPeriod(fields={field: ["Tanggal di luar rentang yang didukung."]})
    return day


def parse_period(date_from: str | None, date_to: str | None) -> Period:
    """`from`/`to` query values. Neither: the current month to date; only `from`: up to today
    (or `from` itself if later); only `to`: from the first day of that month."""
    start = parse_date(date_from, "from") if date_from else None
    end = parse_date(date_to, "to") if date_to else None
    if start is None and end is None:
        return current_month_to_date()
    if start is None:
        start = end.replace(day=1)
    if end is None:
        end = max(clock.today(), start)
    if start > end:
        raise InvalidPeriod(
            fields={"to": ["Tanggal akhir tidak boleh sebelum tanggal awal."]},
        )
    return Period(start, end)


def parse_month(value: str, field: str = "month") -> tuple[int, int]:
    """ "2026-11" -> (2026, 11)."""
    match = MONTH.match((value or "").strip())
    if match:
        year, month = int(match[1]), int(match[2])
        if MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12:
            return year, month
    raise InvalidPeriod(fields={field: ["Bulan tidak valid (format YYYY-MM)."]})


def recent_months(count: int = 36) -> list[tuple[int, int]]:
    """The current WITA month and the `count - 1` before it, newest first."""
    today = clock.today()
    return [add_months(today.year, today.month, -i) for i in range(count)]
