"""Value types of the working-day calendar engine: budgets, ledger segments and the result.

Everything here is plain data (frozen dataclasses) so the Django layer can build it from model rows
and tests can build it by hand. Instants are normalised to Asia/Ho_Chi_Minh and counted to the minute
(seconds are dropped): the statutory slips show HH:MM, and minute granularity keeps the engine's
integer arithmetic exact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

#: Vietnam has had no daylight-saving time since 1975, so local wall-clock arithmetic is exact.
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

Unit = Literal["working_day", "day", "hour"]
UNITS: tuple[str, ...] = ("working_day", "day", "hour")
Classification = Literal["early", "on_time", "late"]


def to_local(t: datetime) -> datetime:
    """Return ``t`` as an aware Asia/Ho_Chi_Minh datetime; a naive datetime is taken as local time."""
    if t.tzinfo is None:
        return t.replace(tzinfo=VN_TZ)
    if t.tzinfo is VN_TZ:
        return t
    return t.astimezone(VN_TZ)


def as_instant(value: datetime | date) -> datetime:
    """Accept a datetime or a bare date (taken as local midnight) and return an aware local datetime."""
    if isinstance(value, datetime):
        return to_local(value)
    return datetime(value.year, value.month, value.day, tzinfo=VN_TZ)


@dataclass(frozen=True, slots=True)
class Budget:
    """A processing time limit ("thời hạn giải quyết").

    ``unit`` is ``"working_day"``, ``"day"`` (calendar days), ``"hour"`` (working hours) or ``None``
    (no limit, hence no due date). ``Budget(0, "working_day")`` means "Trong ngày": due at the close of
    the counting day. Working days and hours may be fractional (0.5 working day = half a working day of
    office time); calendar days must be whole, because a fraction of a calendar day has no meaning once the
    due date is moved off days off while keeping the time of day.
    """

    value: float = 0
    unit: Unit | None = None

    def __post_init__(self) -> None:
        if self.unit is None:
            return
        if self.unit not in UNITS:
            raise ValueError(f"unknown budget unit {self.unit!r}; expected one of {UNITS} or None")
        if not math.isfinite(self.value) or self.value < 0:
            raise ValueError(f"budget value must be a finite number >= 0, got {self.value!r}")
        if self.unit == "day" and self.value != int(self.value):
            raise ValueError(
                "calendar-day budgets must be whole days (thời hạn theo ngày lịch phải là số nguyên)"
            )

    @property
    def is_same_day(self) -> bool:
        """True for "Trong ngày" (0 working days)."""
        return self.unit == "working_day" and self.value == 0


@dataclass(frozen=True, slots=True)
class Pause:
    """A pause ledger segment: the clock stops from ``start`` to ``end`` (``end=None``: still paused)."""

    start: datetime
    end: datetime | None = None
    reason: str = ""
    legal_basis: str = ""
    actor: str = ""

    def __post_init__(self) -> None:
        if self.end is not None and to_local(self.end) < to_local(self.start):
            raise ValueError("a pause cannot end before it starts")


@dataclass(frozen=True, slots=True)
class Extension:
    """Extra processing time granted ("gia hạn").

    Working-time budgets accept ``"working_day"`` or ``"hour"`` extensions (added as working time before
    pauses are applied); calendar-day budgets accept whole ``"day"`` extensions. Mixing the two families
    is refused because there is no lawful conversion between them.
    """

    value: float
    unit: Unit
    reason: str = ""
    legal_basis: str = ""
    actor: str = ""
    at: datetime | None = None

    def __post_init__(self) -> None:
        Budget(self.value, self.unit)  # same validation as a budget


@dataclass(frozen=True, slots=True)
class Reschedule:
    """An explicit new due date ("xin lỗi và hẹn lại ngày trả kết quả").

    ``new_due`` may be a date (due at the close of that day's office hours) or a datetime. The latest
    reschedule in the ledger (by ``at``, then by position) fixes the due date; it is an override and is
    recorded as such in the explanation.
    """

    new_due: datetime | date
    reason: str = ""
    legal_basis: str = ""
    actor: str = ""
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Deadline:
    """A due date and the Vietnamese sentences that justify it.

    ``due_at`` is None when the budget has no limit or while an open pause stops the clock.
    ``computed_due_at`` is the due date the counting rules give before any reschedule override.
    """

    due_at: datetime | None
    start_at: datetime | None
    budget: Budget
    explanation: list[str] = field(default_factory=list)
    computed_due_at: datetime | None = None
    paused: bool = False
    rescheduled: bool = False
    rule_set_key: str | None = None


OfficeHours = tuple[tuple[time, time], ...]

#: 07:30–11:30 and 13:00–17:00: 8 working hours a day.
DEFAULT_OFFICE_HOURS: OfficeHours = ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
