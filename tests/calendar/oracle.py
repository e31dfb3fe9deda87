"""A naive, obviously-right ORACLE for due dates, written independently of the engine.

No prefix sums, no bisect, no precomputed arrays: it walks minute by minute (skipping whole non-working
days) and day by day, straight from the counting rules as worded in ``workflows.calendar.engine``.
Instants are plain integers ``ordinal * 1440 + minute_of_day`` in local time, so nothing is shared with
the engine's representation. The only shared input is the ``holidays`` package, which is the data source
both must agree on, and the model's dataclasses (Budget, Pause, Extension) as plain inputs.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import holidays

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = 1440
DEFAULT_HOURS = ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
_TABLE = holidays.country_holidays("VN", years=range(2015, 2037), language="vi")
_PKG_WORKING_WEEKEND = set(getattr(_TABLE, "weekend_workdays", ()))
# The product's rule (issue 16): a day the package lists without an enacted basis (24/11, "Ngày Văn hóa Việt
# Nam") is no day off until the province adds it; written out here rather than imported from the engine.
_PKG = {d: n for d, n in _TABLE.items() if n != "Ngày Văn hóa Việt Nam"}


def to_abs(t: datetime) -> int:
    """Local wall-clock minute number of an instant (naive = local; seconds dropped)."""
    if t.tzinfo is not None:
        t = t.astimezone(TZ).replace(tzinfo=None)
    return t.date().toordinal() * DAY + t.hour * 60 + t.minute


def from_abs(x: int) -> datetime:
    d, m = divmod(x, DAY)
    return datetime.combine(date.fromordinal(d), time(m // 60, m % 60))


class Oracle:
    def __init__(self, extra_days_off=(), extra_working_days=(), office_hours=DEFAULT_HOURS) -> None:
        self.off = set(extra_days_off)
        self.work = set(extra_working_days)
        self.hours = [(a.hour * 60 + a.minute, b.hour * 60 + b.minute) for a, b in office_hours]
        self.day_len = sum(b - a for a, b in self.hours)

    def is_working_day(self, d: date) -> bool:
        if d in self.work:
            return True
        if d in self.off:
            return False
        if d in _PKG_WORKING_WEEKEND:
            return True
        if d in _PKG:
            return False
        return d.weekday() < 5

    def is_office_minute(self, x: int) -> bool:
        d, m = divmod(x, DAY)
        return self.is_working_day(date.fromordinal(d)) and any(a <= m < b for a, b in self.hours)

    def next_office_minute(self, x: int) -> int:
        while not self.is_office_minute(x):
            if not self.is_working_day(date.fromordinal(x // DAY)):
                x = (x // DAY + 1) * DAY  # a whole day off: jump to the next midnight
            else:
                x += 1
        return x

    def office_minutes(self, lo: int, hi: int) -> int:
        """Count office minutes x with lo <= x < hi, one by one."""
        n, x = 0, lo
        while x < hi:
            if not self.is_working_day(date.fromordinal(x // DAY)):
                x = (x // DAY + 1) * DAY
                continue
            n += self.is_office_minute(x)
            x += 1
        return n

    def start(self, received: int, cutoff: time | None) -> int:
        d, m = divmod(received, DAY)
        if (
            cutoff is not None
            and self.is_working_day(date.fromordinal(d))
            and m >= cutoff.hour * 60 + cutoff.minute
        ):
            received = (d + 1) * DAY
        return self.next_office_minute(received)

    def budget_minutes(self, value: float, unit: str) -> int:
        return round(value * self.day_len) if unit == "working_day" else round(value * 60)

    def due(self, received_at, budget, cutoff=None, pauses=(), extensions=()) -> datetime | None:
        """Naive local due datetime, or None (no budget, or an open pause stops the clock)."""
        if budget.unit is None:
            return None
        s = self.start(to_abs(received_at), cutoff)
        ledger = sorted(
            ((to_abs(p.start), None if p.end is None else to_abs(p.end)) for p in pauses), key=lambda x: x[0]
        )
        if budget.unit in ("working_day", "hour"):
            if budget.unit == "working_day" and budget.value == 0:
                need = self.office_minutes(s, (s // DAY + 1) * DAY)  # the rest of the start day
            else:
                need = self.budget_minutes(budget.value, budget.unit)
            need += sum(self.budget_minutes(e.value, e.unit) for e in extensions)
            return self._walk(s, need, ledger)
        days = int(budget.value) + sum(int(e.value) for e in extensions)
        base = s + days * DAY
        while not self.is_working_day(date.fromordinal(base // DAY)):
            base += DAY
        due, covered, total = base, s, 0
        for ps, pe in ledger:
            if max(ps, s) >= due:
                continue
            if pe is None:
                return None
            lo = max(ps, covered)
            total += self.office_minutes(lo, pe) if pe > lo else 0
            covered = max(covered, pe)
            due = base
            for _ in range(math.ceil(total / self.day_len)):
                due += DAY
                while not self.is_working_day(date.fromordinal(due // DAY)):
                    due += DAY
        return from_abs(due)

    def _walk(self, s: int, need: int, ledger) -> datetime | None:
        if need == 0:
            return from_abs(s)
        x, count = s, 0
        while True:
            if not self.is_working_day(date.fromordinal(x // DAY)):
                x = (x // DAY + 1) * DAY
                continue
            if self.is_office_minute(x):
                paused = [pe for ps, pe in ledger if ps <= x and (pe is None or x < pe)]
                if None in paused:
                    return None
                if not paused:
                    count += 1
                    if count == need:
                        return from_abs(x + 1)
            x += 1

    def working_minutes_between(self, a: datetime, b: datetime) -> int:
        lo, hi = to_abs(a), to_abs(b)
        return self.office_minutes(lo, hi) if lo <= hi else -self.office_minutes(hi, lo)

    def next_working_moment(self, t: datetime) -> datetime:
        return from_abs(self.next_office_minute(to_abs(t)))


def naive(t: datetime | None) -> datetime | None:
    """Engine result (aware) as a naive local datetime, for comparison with the oracle."""
    return None if t is None else t.astimezone(TZ).replace(tzinfo=None)


__all__ = ["Oracle", "from_abs", "naive", "to_abs"]
