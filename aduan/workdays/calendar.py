"""Working-day arithmetic. Pure: no database, no clock, so it is cheap to test and to call.

Days are counted by ordinal (``date.toordinal()``; ordinal 1 is Monday 0001-01-01), so weekdays
are counted with integer arithmetic and holidays with a binary search over a sorted tuple. Every
operation is O(log h) in the number of holidays, independent of n; recomputing deadlines for many
cases with one calendar stays fast.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable

__all__ = ["WorkCalendar"]


def _weekdays_upto(ordinal: int) -> int:
    """Number of Mon-Fri ordinals in [1, ordinal]."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _nth_weekday(count: int) -> int:
    """Ordinal of the `count`-th Mon-Fri ordinal (count >= 1); inverse of _weekdays_upto."""
    weeks, rest = divmod(count - 1, 5)
    return weeks * 7 + rest + 1


class WorkCalendar:
    """Monday-Friday minus `days_off`. Immutable; build a new one when holidays change."""

    __slots__ = ("_off_ordinals", "days_off")

    def __init__(self, days_off: Iterable[dt.date] = frozenset()) -> None:
        self.days_off: frozenset[dt.date] = frozenset(days_off)
        # Weekend days off change nothing, so only weekday ones take part in counting.
        self._off_ordinals: tuple[int, ...] = tuple(
            sorted(d.toordinal() for d in self.days_off if d.weekday() < 5)
        )

    def __repr__(self) -> str:
        return f"WorkCalendar(<{len(self.days_off)} days off>)"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkCalendar):
            return NotImplemented
        return self._off_ordinals == other._off_ordinals

    def __hash__(self) -> int:
        return hash(self._off_ordinals)

    def _off_between(self, lo: int, hi: int) -> int:
        """Weekday days off with lo < ordinal <= hi."""
        return bisect_right(self._off_ordinals, hi) - bisect_right(self._off_ordinals, lo)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.days_off

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after `start` (n=0: `start` itself, working day or not)."""
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        if n == 0:
            return start
        lo = start.toordinal()
        base = _weekdays_upto(lo)
        need = n
        # Jump n weekdays, then again by the number of days off skipped over, until none are.
        while need:
            base += need
            hi = _nth_weekday(base)
            need = self._off_between(lo, hi)
            lo = hi
        return dt.date.fromordinal(lo)

    def add_calendar_days(self, start: dt.date, n: int) -> dt.date:
        return start + dt.timedelta(days=n)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Number of working days d with start < d <= end; 0 if end <= start."""
        if end <= start:
            return 0
        lo, hi = start.toordinal(), end.toordinal()
        return _weekdays_upto(hi) - _weekdays_upto(lo) - self._off_between(lo, hi)
