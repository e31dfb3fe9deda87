"""The calendar primitives: working days, next working moment, working time, time zones, caching, limits."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from workflows.calendar import (
    VN_TZ,
    Budget,
    CalendarRangeError,
    Extension,
    Pause,
    WorkCalendar,
    classify,
    compute_due,
    default_calendar,
    get_calendar,
    is_working_day,
    next_working_moment,
    working_time_between,
)

from .oracle import naive


def test_is_working_day():
    assert is_working_day(date(2026, 3, 2))  # Mon
    assert not is_working_day(date(2026, 3, 7))  # Sat
    assert not is_working_day(date(2026, 2, 17))  # Tết Nguyên đán
    assert not is_working_day(date(2026, 4, 27))  # Giỗ Tổ Hùng Vương (nghỉ bù)
    assert is_working_day(date(2026, 8, 22))  # Sat worked (swap for Mon 31/08/2026)
    assert not is_working_day(date(2026, 8, 31))
    assert is_working_day(datetime(2026, 3, 2, 23, 59))


def test_next_working_moment():
    # Within office hours: unchanged (seconds dropped).
    assert naive(next_working_moment(datetime(2026, 3, 2, 9, 15, 42))) == datetime(2026, 3, 2, 9, 15)
    # Lunch -> 13:00; evening -> next day 07:30; Fri evening before Tết -> Mon 23/02/2026 07:30.
    assert naive(next_working_moment(datetime(2026, 3, 2, 11, 30))) == datetime(2026, 3, 2, 13, 0)
    assert naive(next_working_moment(datetime(2026, 3, 2, 17, 0))) == datetime(2026, 3, 3, 7, 30)
    assert naive(next_working_moment(datetime(2026, 2, 13, 18, 0))) == datetime(2026, 2, 23, 7, 30)


def test_working_time_between():
    # Fri 13/02/2026 16:00 -> Mon 23/02/2026 08:30: 60 min + 60 min (Tết and weekends count nothing).
    assert working_time_between(datetime(2026, 2, 13, 16, 0), datetime(2026, 2, 23, 8, 30)) == 120
    assert working_time_between(datetime(2026, 2, 23, 8, 30), datetime(2026, 2, 13, 16, 0)) == -120
    # A whole working day: Mon 02/03 07:30 -> Mon 02/03 17:00 = 480 minutes; lunch counts nothing.
    assert working_time_between(datetime(2026, 3, 2, 7, 30), datetime(2026, 3, 2, 17, 0)) == 480
    assert working_time_between(datetime(2026, 3, 2, 11, 30), datetime(2026, 3, 2, 13, 0)) == 0


def test_time_zones_naive_is_local_and_aware_is_converted():
    local = compute_due(datetime(2026, 3, 2, 9, 0), Budget(1, "working_day"))
    aware = compute_due(datetime(2026, 3, 2, 2, 0, tzinfo=UTC), Budget(1, "working_day"))
    assert local.due_at == aware.due_at
    assert local.due_at.tzinfo is VN_TZ and local.due_at.utcoffset().total_seconds() == 7 * 3600


def test_classify():
    due = datetime(2026, 3, 5, 9, 0, tzinfo=VN_TZ)  # Thu 05/03/2026 09:00
    assert classify(datetime(2026, 3, 4, 16, 0), due) == "early"
    assert classify(datetime(2026, 3, 5, 8, 0), due) == "on_time"
    assert classify(datetime(2026, 3, 5, 9, 0), due) == "on_time"
    assert classify(datetime(2026, 3, 5, 9, 1), due) == "late"


def test_calendars_are_cached_per_configuration():
    assert default_calendar() is get_calendar()
    a = get_calendar(extra_days_off={date(2026, 1, 2)})
    assert a is get_calendar(extra_days_off=[date(2026, 1, 2)])
    assert a is not default_calendar()


def test_custom_office_hours():
    # 08:00–12:00 and 13:30–17:30 (8 h). Mon 02/03/2026 11:00 + 2 h: 11:00–12:00 + 13:30–14:30 -> 14:30.
    cal = get_calendar(office_hours=((time(8), time(12)), (time(13, 30), time(17, 30))))
    assert cal.day_minutes == 480
    d = compute_due(datetime(2026, 3, 2, 11, 0), Budget(2, "hour"), calendar=cal)
    assert naive(d.due_at) == datetime(2026, 3, 2, 14, 30)
    # One 6-hour block 08:00–14:00: 1 working day = 6 h; Mon 02/03 10:00 + 1 day = Tue 03/03/2026 10:00.
    short = WorkCalendar(office_hours=((time(8), time(14)),), years=[2026])
    assert short.day_minutes == 360
    assert naive(
        compute_due(datetime(2026, 3, 2, 10), Budget(1, "working_day"), calendar=short).due_at
    ) == datetime(2026, 3, 3, 10)


def test_invalid_inputs():
    with pytest.raises(ValueError):
        Budget(1.5, "day")
    with pytest.raises(ValueError):
        Budget(-1, "hour")
    with pytest.raises(ValueError):
        Budget(1, "week")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Pause(datetime(2026, 3, 3), datetime(2026, 3, 2))
    with pytest.raises(ValueError):
        Extension(1, "day", "x")  # fine on its own ...
        compute_due(
            datetime(2026, 3, 2, 9), Budget(1, "hour"), extensions=[Extension(1, "day")]
        )  # ... not here
    with pytest.raises(ValueError):
        WorkCalendar(office_hours=((time(13), time(17)), (time(8), time(12))))
    with pytest.raises(ValueError):
        WorkCalendar(extra_days_off={date(2026, 1, 3)}, extra_working_days={date(2026, 1, 3)}, years=[2026])


def test_outside_the_covered_years():
    cal = WorkCalendar(years=[2026])
    with pytest.raises(CalendarRangeError):
        compute_due(datetime(2025, 12, 31, 9), Budget(1, "hour"), calendar=cal)
    with pytest.raises(CalendarRangeError):
        compute_due(datetime(2026, 12, 30, 9), Budget(10, "working_day"), calendar=cal)
