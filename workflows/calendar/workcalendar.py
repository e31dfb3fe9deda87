"""The working calendar: which days are working days, office hours, and O(1)/O(log n) time arithmetic.

A ``WorkCalendar`` is built once per configuration (holiday overrides, office hours, covered years) and
reused: ``get_calendar()`` caches instances by configuration. Construction precomputes, for every day of
the covered years:

* ``_work[i]``: 1 if day ``i`` is a working day;
* ``_prefix[i]``: working minutes in all days before day ``i`` (a non-decreasing prefix sum);
* ``_next_wd[i]``: the first working day at or after day ``i``;
* ``_wdpos`` / ``_wdays``: rank of each working day, to step N working days in O(1);

and, for one working day, ``_F[m]`` (working minutes elapsed at minute-of-day ``m``), ``_G[k]`` (the
minute-of-day at which ``k`` working minutes have elapsed) and ``_NXT[m]`` (the next office minute).

An instant ``t`` maps to the *working coordinate* ``wm(t) = _prefix[day] + _F[minute_of_day]`` (working
minutes since the start of the calendar). Working time between two instants is a subtraction; adding a
budget is one ``bisect`` on ``_prefix``. No loop runs over days or minutes per computation.

Which day is a working day: Monday-Friday, minus the ``holidays`` package's VN public holidays and observed
or substituted days off, plus the package's known swapped working Saturdays; then the overrides given as
data win over the package: ``extra_days_off`` (days off the government announces) and
``extra_working_days`` ("ngày làm bù"). A date in both overrides is an error.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from .model import DEFAULT_OFFICE_HOURS, VN_TZ, OfficeHours, as_instant, to_local
from .vn_holidays import package_days_off, package_working_weekend_days

#: Covered by default: the 61/2018 era to well beyond the 118/2025 switch.
DEFAULT_YEARS = range(2018, 2036)
DEFAULT_OFF_LABEL = "Ngày nghỉ theo thông báo"
DEFAULT_WORK_LABEL = "ngày làm bù"
MINUTES_PER_DAY = 1440
_TD = tuple(timedelta(minutes=k) for k in range(MINUTES_PER_DAY + 1))

DayOverrides = Iterable[date] | Mapping[date, str]


class CalendarRangeError(ValueError):
    """An instant or a computed due date falls outside the years the calendar covers."""


def _label_map(days: DayOverrides, default: str) -> dict[date, str]:
    if isinstance(days, Mapping):
        return {d: (str(label) or default) for d, label in days.items()}
    return dict.fromkeys(days, default)


def _to_minutes(t: time) -> int:
    if t.second or t.microsecond:
        raise ValueError(f"office hours must be whole minutes, got {t}")
    return t.hour * 60 + t.minute


class WorkCalendar:
    """Working days and office hours over a range of years, with precomputed arrays (see module doc)."""

    def __init__(
        self,
        extra_days_off: DayOverrides = (),
        extra_working_days: DayOverrides = (),
        office_hours: Sequence[tuple[time, time]] = DEFAULT_OFFICE_HOURS,
        years: Iterable[int] = DEFAULT_YEARS,
    ) -> None:
        self.office_hours: OfficeHours = tuple((a, b) for a, b in office_hours)
        self._build_day_shape()
        year_list = sorted(set(years))
        if not year_list:
            raise ValueError("a calendar needs at least one year")
        # Gaps between years would break the prefix sums, so the range is made contiguous.
        self.first_year, self.last_year = year_list[0], year_list[-1]
        all_years = range(self.first_year, self.last_year + 1)
        off = _label_map(extra_days_off, DEFAULT_OFF_LABEL)
        work = _label_map(extra_working_days, DEFAULT_WORK_LABEL)
        clash = sorted(set(off) & set(work))
        if clash:
            raise ValueError(f"dates both in extra_days_off and extra_working_days: {clash}")
        self.extra_days_off = off
        self.extra_working_days = work
        pkg_off = package_days_off(all_years)
        pkg_work = package_working_weekend_days(all_years)
        self._build_days(pkg_off, pkg_work, off, work)

    # -- construction -------------------------------------------------------------------------------------

    def _build_day_shape(self) -> None:
        intervals = [(_to_minutes(a), _to_minutes(b)) for a, b in self.office_hours]
        if not intervals:
            raise ValueError("office hours must contain at least one interval")
        for (a, b), nxt in zip(intervals, [*intervals[1:], (MINUTES_PER_DAY, MINUTES_PER_DAY)], strict=True):
            if not a < b <= nxt[0]:
                raise ValueError(
                    f"office hours must be increasing, non-overlapping intervals: {self.office_hours}"
                )
        self._intervals = tuple(intervals)
        in_office = [False] * MINUTES_PER_DAY
        for a, b in intervals:
            for m in range(a, b):
                in_office[m] = True
        f = [0] * (MINUTES_PER_DAY + 1)
        g = [intervals[0][0]]
        for m in range(MINUTES_PER_DAY):
            f[m + 1] = f[m] + in_office[m]
            if in_office[m]:
                g.append(m + 1)  # k working minutes have elapsed at the end of office minute m
        nxt = [-1] * (MINUTES_PER_DAY + 1)
        for m in range(MINUTES_PER_DAY - 1, -1, -1):
            nxt[m] = m if in_office[m] else nxt[m + 1]
        self._F, self._G, self._NXT = f, g, nxt
        self.day_minutes = f[MINUTES_PER_DAY]
        self.open_minute = intervals[0][0]
        self.close_minute = intervals[-1][1]

    def _build_days(
        self, pkg_off: dict[date, str], pkg_work: set[date], off: dict[date, str], work: dict[date, str]
    ) -> None:
        first = date(self.first_year, 1, 1)
        self._base_ord = first.toordinal()
        n = date(self.last_year, 12, 31).toordinal() - self._base_ord + 1
        self._n = n
        flags = bytearray(n)
        names: dict[date, str] = {}
        working_weekend: dict[date, str] = {}
        for i in range(n):
            d = date.fromordinal(self._base_ord + i)
            if d in work:
                is_work = True
            elif d in off:
                is_work, names[d] = False, off[d]
            elif d in pkg_work:
                is_work = True
            elif d in pkg_off:
                is_work, names[d] = False, pkg_off[d]
            else:
                is_work = d.weekday() < 5
            flags[i] = is_work
            if is_work and d.weekday() >= 5:
                working_weekend[d] = work.get(d, DEFAULT_WORK_LABEL)
        self._work = flags
        self._day_off_names = names
        self._working_weekend = working_weekend
        prefix = [0] * (n + 1)
        wdpos = [0] * (n + 1)
        wdays: list[int] = []
        for i in range(n):
            prefix[i + 1] = prefix[i] + (self.day_minutes if flags[i] else 0)
            wdpos[i + 1] = wdpos[i] + flags[i]
            if flags[i]:
                wdays.append(i)
        next_wd = [n] * (n + 2)
        for i in range(n - 1, -1, -1):
            next_wd[i] = i if flags[i] else next_wd[i + 1]
        self._prefix, self._wdpos, self._wdays, self._next_wd = prefix, wdpos, wdays, next_wd
        self._midnight = [
            datetime.combine(first + timedelta(days=i), time(0), tzinfo=VN_TZ) for i in range(n)
        ]
        self._named_off_ordinals = sorted(d.toordinal() for d in names)

    # -- minute-index conversions (internal unit: minutes since local midnight of the first day) ---------

    def minute_of(self, t: datetime | date) -> int:
        """Minute index of an instant (seconds dropped); CalendarRangeError outside the covered years."""
        if type(t) is not datetime or t.tzinfo is not VN_TZ:
            t = as_instant(t) if not isinstance(t, datetime) else to_local(t)
        i = t.toordinal() - self._base_ord
        if i < 0 or i >= self._n:
            raise CalendarRangeError(f"{t} is outside the calendar ({self.first_year}-{self.last_year})")
        return i * MINUTES_PER_DAY + t.hour * 60 + t.minute

    def instant(self, m: int) -> datetime:
        """Aware local datetime of a minute index (the inverse of ``minute_of``)."""
        i, tod = divmod(m, MINUTES_PER_DAY)
        if i < 0 or i >= self._n:
            raise CalendarRangeError(
                f"minute {m} is outside the calendar ({self.first_year}-{self.last_year})"
            )
        return self._midnight[i] + _TD[tod]

    def wm(self, m: int) -> int:
        """Working coordinate: working minutes from the calendar's start up to minute index ``m``."""
        i, tod = divmod(m, MINUTES_PER_DAY)
        if self._work[i]:
            return self._prefix[i] + self._F[tod]
        return self._prefix[i]

    def minute_at_wm(self, target: int) -> int:
        """The instant (minute index) at which working coordinate ``target`` (> 0) is reached.

        Ends of a working day map to its close (17:00), never to the next opening: a budget that ends
        exactly at closing time is due at closing time.
        """
        j = bisect_left(self._prefix, target) - 1
        if j < 0 or j >= self._n:
            raise CalendarRangeError(f"due date beyond the calendar ({self.first_year}-{self.last_year})")
        return j * MINUTES_PER_DAY + self._G[target - self._prefix[j]]

    def next_working_minute(self, m: int) -> int:
        """First office minute at or after minute index ``m``."""
        i, tod = divmod(m, MINUTES_PER_DAY)
        if self._work[i]:
            nx = self._NXT[tod]
            if nx >= 0:
                return i * MINUTES_PER_DAY + nx
        j = self._next_wd[i + 1]
        if j >= self._n:
            raise CalendarRangeError(f"no working day after minute {m} within the calendar")
        return j * MINUTES_PER_DAY + self.open_minute

    def start_minute(self, m: int, cutoff: int | None) -> int:
        """Clock start for a receipt at minute ``m``; ``cutoff`` is a minute of day or None (see engine)."""
        i, tod = divmod(m, MINUTES_PER_DAY)
        if cutoff is not None and self._work[i] and tod >= cutoff:
            j = self._next_wd[i + 1]
            if j >= self._n:
                raise CalendarRangeError("no working day after the receipt within the calendar")
            return j * MINUTES_PER_DAY + self.open_minute
        return self.next_working_minute(m)

    def roll_to_working_day(self, m: int) -> int:
        """Same time of day on the first working day at or after minute ``m``'s day."""
        i, tod = divmod(m, MINUTES_PER_DAY)
        if i >= self._n:
            raise CalendarRangeError("due date beyond the calendar")
        j = self._next_wd[i]
        if j >= self._n:
            raise CalendarRangeError("due date beyond the calendar")
        return j * MINUTES_PER_DAY + tod

    def shift_working_days(self, m: int, k: int) -> int:
        """Same time of day, ``k`` working days after the working day of minute ``m``."""
        i, tod = divmod(m, MINUTES_PER_DAY)
        pos = self._wdpos[i] + k
        if pos >= len(self._wdays):
            raise CalendarRangeError("due date beyond the calendar")
        return self._wdays[pos] * MINUTES_PER_DAY + tod

    def close_of_day(self, m: int) -> int:
        """Closing minute (e.g. 17:00) of minute ``m``'s day."""
        return (m // MINUTES_PER_DAY) * MINUTES_PER_DAY + self.close_minute

    def is_working_index(self, m: int) -> bool:
        return bool(self._work[m // MINUTES_PER_DAY])

    def in_office(self, m: int) -> bool:
        """True if minute ``m`` is an office minute of a working day."""
        i, tod = divmod(m, MINUTES_PER_DAY)
        return bool(self._work[i]) and self._NXT[tod] == tod

    # -- public, datetime-level API ------------------------------------------------------------------------

    def covers(self, d: date) -> bool:
        return 0 <= d.toordinal() - self._base_ord < self._n

    def is_working_day(self, d: date) -> bool:
        """True if ``d`` (a date, or the local date of a datetime) is a working day."""
        if isinstance(d, datetime):
            d = to_local(d).date()
        i = d.toordinal() - self._base_ord
        if not 0 <= i < self._n:
            raise CalendarRangeError(f"{d} is outside the calendar ({self.first_year}-{self.last_year})")
        return bool(self._work[i])

    def day_off_name(self, d: date) -> str | None:
        """Vietnamese name of a holiday or announced day off; None for weekends and working days."""
        return self._day_off_names.get(d)

    def named_days_off(self, first: date, last: date) -> list[tuple[date, str]]:
        """Named days off (holidays, observed and announced days off) in ``[first, last]``, in date order."""
        ords = self._named_off_ordinals
        lo, hi = bisect_left(ords, first.toordinal()), bisect_right(ords, last.toordinal())
        return [(d, self._day_off_names[d]) for d in (date.fromordinal(o) for o in ords[lo:hi])]

    def working_weekend_days(self, first: date, last: date) -> list[tuple[date, str]]:
        """Saturdays/Sundays worked ("ngày làm bù") in ``[first, last]``."""
        return sorted((d, label) for d, label in self._working_weekend.items() if first <= d <= last)

    def next_working_moment(self, t: datetime) -> datetime:
        """``t`` itself if it is within office hours of a working day, else the next opening."""
        return self.instant(self.next_working_minute(self.minute_of(t)))

    def working_time_between(self, a: datetime, b: datetime) -> int:
        """Working minutes between two instants (negative if ``b`` is before ``a``)."""
        return self.wm(self.minute_of(b)) - self.wm(self.minute_of(a))

    def add_working_minutes(self, t: datetime, minutes: int) -> datetime:
        """The instant at which ``minutes`` working minutes after ``t`` have elapsed."""
        m = self.minute_of(t)
        if minutes <= 0:
            return self.instant(m)
        return self.instant(self.minute_at_wm(self.wm(m) + minutes))


def _override_key(days: DayOverrides, default: str) -> tuple[tuple[date, str], ...]:
    return tuple(sorted(_label_map(days, default).items()))


@lru_cache(maxsize=64)
def _cached_calendar(
    off: tuple[tuple[date, str], ...],
    work: tuple[tuple[date, str], ...],
    hours: OfficeHours,
    years: tuple[int, ...],
) -> WorkCalendar:
    return WorkCalendar(dict(off), dict(work), hours, years)


def get_calendar(
    extra_days_off: DayOverrides = (),
    extra_working_days: DayOverrides = (),
    office_hours: Sequence[tuple[time, time]] = DEFAULT_OFFICE_HOURS,
    years: Iterable[int] = DEFAULT_YEARS,
) -> WorkCalendar:
    """A shared ``WorkCalendar`` for this configuration (built once, then served from a cache)."""
    return _cached_calendar(
        _override_key(extra_days_off, DEFAULT_OFF_LABEL),
        _override_key(extra_working_days, DEFAULT_WORK_LABEL),
        tuple((a, b) for a, b in office_hours),
        tuple(sorted(set(years))),
    )


def default_calendar() -> WorkCalendar:
    """The calendar with the package's holidays only, default office hours and default years."""
    return get_calendar()
