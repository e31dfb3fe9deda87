"""Hand-computed due dates. Each case writes the dates out so a reviewer can check them on a calendar.

Office hours throughout: 07:30–11:30 and 13:00–17:00 (8 working hours a day).
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from workflows.calendar import (
    DECREE_61_2018,
    DECREE_118_2025,
    Budget,
    Extension,
    Pause,
    Reschedule,
    classify,
    compute_due,
    default_calendar,
    get_calendar,
)

from .oracle import Oracle, naive

# Official 2026 Tết break for the public sector: Sat 14/02/2026 – Sun 22/02/2026 (weekends included), i.e.
# weekdays Mon 16 – Fri 20/02/2026. The package (holidays 0.109) agrees; the official decision wins anyway,
# so the Tết test passes it as an override (a no-op while the two agree).
TET_2026_OFFICIAL = {date(2026, 2, d) for d in range(16, 21)}


def dt(*args: int) -> datetime:
    return datetime(*args)


def check(deadline, expected: datetime) -> None:
    assert naive(deadline.due_at) == expected, "\n".join(deadline.explanation)


def text(deadline) -> str:
    return "\n".join(deadline.explanation)


def test_package_tet_2026_matches_the_official_break():
    cal = default_calendar()
    days_off = {d for d in (date(2026, 2, k) for k in range(14, 23)) if not cal.is_working_day(d)}
    weekdays_off = {d for d in days_off if d.weekday() < 5}
    assert weekdays_off == TET_2026_OFFICIAL
    assert cal.day_off_name(date(2026, 2, 17)) == "Tết Nguyên Đán"  # Vietnamese names from the package


def test_five_working_days_across_tet_2026():
    cal = get_calendar(extra_days_off=TET_2026_OFFICIAL)
    # Received Thu 12/02/2026 10:00 -> 1: Fri 13/02 10:00; Tết Mon 16–Fri 20/02 + weekends skipped;
    # 2: Mon 23/02, 3: Tue 24/02, 4: Wed 25/02, 5: Thu 26/02/2026 10:00.
    d = compute_due(dt(2026, 2, 12, 10, 0), Budget(5, "working_day"), calendar=cal)
    check(d, dt(2026, 2, 26, 10, 0))
    assert "Thời hạn 5 ngày làm việc" in text(d)
    assert "Hạn trả kết quả: 10:00 thứ Năm 26/02/2026" in d.explanation[-1]


def test_tet_with_package_names_in_the_explanation():
    # Received Thu 12/02/2026 10:00 with the package's own Tết: same due date, and the explanation names it.
    d = compute_due(dt(2026, 2, 12, 10, 0), Budget(5, "working_day"))
    check(d, dt(2026, 2, 26, 10, 0))
    assert "Không tính các ngày nghỉ: Tết Nguyên đán 16–20/02/2026" in d.explanation


def test_after_cutoff_before_tet_matches_the_issue_example():
    # Fri 13/02/2026 15:30, cut-off 15:00 -> counts from Mon 23/02/2026 07:30 (Tết 16–20/02);
    # 5 working days from an opening end at the close of the 5th day: Fri 27/02/2026 17:00.
    d = compute_due(dt(2026, 2, 13, 15, 30), Budget(5, "working_day"), cutoff=time(15, 0))
    check(d, dt(2026, 2, 27, 17, 0))
    assert d.explanation[1] == (
        "Tiếp nhận thứ Sáu 13/02/2026 lúc 15:30, sau giờ chốt 15:00 → tính từ 07:30 thứ Hai 23/02/2026 "
        "(nghỉ Tết Nguyên đán 16–20/02/2026)"
    )
    assert d.explanation[-1] == "Hạn trả kết quả: 17:00 thứ Sáu 27/02/2026"


def test_three_calendar_days_ending_on_an_observed_holiday():
    # Giỗ Tổ Hùng Vương falls on Sun 26/04/2026 -> observed Mon 27/04/2026.
    # Received Fri 24/04/2026 09:00 + 3 days = Mon 27/04 09:00 (day off) -> Tue 28/04/2026 09:00.
    d = compute_due(dt(2026, 4, 24, 9, 0), Budget(3, "day"))
    check(d, dt(2026, 4, 28, 9, 0))
    assert "nghỉ bù" in text(d)
    assert "hạn chuyển sang ngày làm việc tiếp theo: thứ Ba 28/04/2026" in text(d)


def test_hours_across_lunch_break_and_evening():
    # Tue 03/03/2026 10:00 + 6 working hours: 10:00–11:30 (1h30) + 13:00–17:00 (4h) = 5h30,
    # then Wed 04/03 07:30 + 30 min = Wed 04/03/2026 08:00.
    check(compute_due(dt(2026, 3, 3, 10, 0), Budget(6, "hour")), dt(2026, 3, 4, 8, 0))
    # Tue 03/03/2026 11:00 + 1 hour: 11:00–11:30 + 13:00–13:30 = 13:30 the same day.
    check(compute_due(dt(2026, 3, 3, 11, 0), Budget(1, "hour")), dt(2026, 3, 3, 13, 30))
    # Received at lunch, Tue 03/03/2026 12:10 + 2 hours: clock starts 13:00 -> 15:00.
    check(compute_due(dt(2026, 3, 3, 12, 10), Budget(2, "hour")), dt(2026, 3, 3, 15, 0))
    # Received in the evening, Tue 03/03/2026 19:00 + 2 hours: from Wed 04/03 07:30 -> 09:30.
    check(compute_due(dt(2026, 3, 3, 19, 0), Budget(2, "hour")), dt(2026, 3, 4, 9, 30))


def test_received_on_a_saturday():
    # Sat 07/03/2026 10:00 -> clock starts Mon 09/03/2026 07:30; 2 working days -> Tue 10/03/2026 17:00.
    d = compute_due(dt(2026, 3, 7, 10, 0), Budget(2, "working_day"))
    check(d, dt(2026, 3, 10, 17, 0))
    assert "ngày nghỉ cuối tuần → tính từ 07:30 thứ Hai 09/03/2026" in d.explanation[1]


def test_same_day_after_cutoff_on_the_eve_of_a_holiday():
    # Wed 29/04/2026 15:30, cut-off 15:00; Thu 30/04 and Fri 01/05 are holidays, 02–03/05 weekend:
    # clock starts Mon 04/05/2026 07:30 and "Trong ngày" is due at its close, 17:00.
    d = compute_due(dt(2026, 4, 29, 15, 30), Budget(0, "working_day"), cutoff=time(15, 0))
    check(d, dt(2026, 5, 4, 17, 0))
    assert "Ngày Chiến thắng 30/04/2026; Ngày Quốc tế Lao động 01/05/2026" in d.explanation[1]
    assert "trong ngày" in d.explanation[2]
    # Before the cut-off the same day it is due the same evening: Wed 29/04/2026 17:00.
    check(
        compute_due(dt(2026, 4, 29, 14, 59), Budget(0, "working_day"), cutoff=time(15, 0)),
        dt(2026, 4, 29, 17, 0),
    )


def test_pause_spanning_a_holiday():
    # Received Tue 28/04/2026 09:00, 5 working days; without pauses due Thu 07/05/2026 09:00
    # (29/04, [30/04, 01/05 holidays, weekend], 04/05, 05/05, 06/05, 07/05).
    # Paused Wed 29/04 09:00 -> Mon 04/05/2026 09:00: working time paused = 29/04 09:00–11:30 (2h30)
    # + 13:00–17:00 (4h) + 04/05 07:30–09:00 (1h30) = 8 h -> due moves 8 working hours: Fri 08/05/2026 09:00.
    base = compute_due(dt(2026, 4, 28, 9, 0), Budget(5, "working_day"))
    check(base, dt(2026, 5, 7, 9, 0))
    pause = Pause(
        dt(2026, 4, 29, 9, 0), dt(2026, 5, 4, 9, 0), "chờ bổ sung hồ sơ", "Mẫu số 02", "Nguyễn Văn A"
    )
    d = compute_due(dt(2026, 4, 28, 9, 0), Budget(5, "working_day"), pauses=[pause])
    check(d, dt(2026, 5, 8, 9, 0))
    assert any("cộng thêm 8 giờ làm việc" in s and "chờ bổ sung hồ sơ" in s for s in d.explanation)


def test_pause_with_a_calendar_day_budget():
    # Mon 02/03/2026 09:00 + 10 days = Thu 12/03/2026 09:00. Paused Tue 03/03 09:00–11:30 (2h30 working)
    # -> rounded up to 1 working day -> Fri 13/03/2026 09:00.
    pause = Pause(dt(2026, 3, 3, 9, 0), dt(2026, 3, 3, 11, 30), "chờ bổ sung hồ sơ")
    d = compute_due(dt(2026, 3, 2, 9, 0), Budget(10, "day"), pauses=[pause])
    check(d, dt(2026, 3, 13, 9, 0))
    assert "hạn dời thêm 1 ngày làm việc" in text(d)


def test_reschedule_on_the_due_day():
    # Mon 02/03/2026 09:00 + 3 working days = Thu 05/03/2026 09:00. On Thu 05/03 08:00 the office apologises
    # and reschedules to Tue 10/03/2026 (a bare date = that day's close, 17:00).
    r = Reschedule(
        date(2026, 3, 10), "chờ ý kiến cơ quan phối hợp", actor="Trần Thị B", at=dt(2026, 3, 5, 8, 0)
    )
    d = compute_due(dt(2026, 3, 2, 9, 0), Budget(3, "working_day"), reschedules=[r])
    check(d, dt(2026, 3, 10, 17, 0))
    assert naive(d.computed_due_at) == dt(2026, 3, 5, 9, 0) and d.rescheduled
    assert (
        "Mẫu số 04 – Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết: "
        "hạn đổi từ 09:00 thứ Năm 05/03/2026 sang 17:00 thứ Ba 10/03/2026" in text(d)
    )
    assert classify(dt(2026, 3, 9, 10, 0), d.due_at) == "early"  # Mon 09/03, before the due day
    assert classify(dt(2026, 3, 10, 16, 0), d.due_at) == "on_time"  # Tue 10/03, the due day
    assert classify(dt(2026, 3, 10, 17, 1), d.due_at) == "late"  # after 17:00 on the due day


def test_reschedule_under_decree_61_uses_form_04_of_circular_01_2018():
    # Mon 03/03/2025 09:00, 1 working day -> Tue 04/03/2025 09:00, rescheduled to Thu 06/03/2025 10:00.
    r = Reschedule(dt(2025, 3, 6, 10, 0), "quá hạn do sự cố hệ thống")
    d = compute_due(dt(2025, 3, 3, 9, 0), Budget(1, "working_day"), reschedules=[r])
    check(d, dt(2025, 3, 6, 10, 0))
    assert "Mẫu số 04 – Phiếu xin lỗi và hẹn lại ngày trả kết quả" in text(d)
    assert d.rule_set_key == DECREE_61_2018.key


def test_fractional_working_days():
    # Mon 02/03/2026 09:00 + 0.5 working day (4 h): 09:00–11:30 (2h30) + 13:00–14:30 -> 14:30 the same day.
    d = compute_due(dt(2026, 3, 2, 9, 0), Budget(0.5, "working_day"))
    check(d, dt(2026, 3, 2, 14, 30))
    assert "0,5 ngày làm việc (= 4 giờ làm việc)" in text(d)
    # Mon 02/03/2026 09:00 + 1.5 working days (12 h): Tue 03/03 09:00 (8 h) + 4 h -> Tue 03/03/2026 14:30.
    check(compute_due(dt(2026, 3, 2, 9, 0), Budget(1.5, "working_day")), dt(2026, 3, 3, 14, 30))


def test_substituted_working_saturday_from_the_package():
    # 2026 National Day swap (in the package): Sat 22/08/2026 worked, Mon 31/08 off, 01–02/09 Quốc khánh.
    # Fri 21/08/2026 09:00 + 1 working day -> Sat 22/08/2026 09:00.
    d = compute_due(dt(2026, 8, 21, 9, 0), Budget(1, "working_day"))
    check(d, dt(2026, 8, 22, 9, 0))
    assert "Tính thứ Bảy 22/08/2026 là ngày làm việc (làm bù)" in text(d)
    # Thu 27/08/2026 09:00 + 2 working days: Fri 28/08 (1), [29–30 weekend, 31/08, 01/09, 02/09 off],
    # Thu 03/09/2026 09:00 (2).
    check(compute_due(dt(2026, 8, 27, 9, 0), Budget(2, "working_day")), dt(2026, 9, 3, 9, 0))


def test_substituted_working_saturday_as_an_override():
    # The announced swap of New Year 2026 (Thông báo 12729/VPCP-KGVX, 25/12/2025; shipped as data by migration
    # workflows 0003): Sat 10/01/2026 is a working day ("ngày làm bù") for Fri 02/01/2026.
    cal = get_calendar(extra_working_days={date(2026, 1, 10): "làm bù cho ngày 02/01/2026"})
    # Fri 09/01/2026 10:00 + 1 working day -> Sat 10/01/2026 10:00 (Mon 12/01 without the override).
    check(compute_due(dt(2026, 1, 9, 10, 0), Budget(1, "working_day"), calendar=cal), dt(2026, 1, 10, 10, 0))
    check(compute_due(dt(2026, 1, 9, 10, 0), Budget(1, "working_day")), dt(2026, 1, 12, 10, 0))


def test_an_announced_extra_day_off():
    cal = get_calendar(extra_days_off={date(2026, 1, 2): "Nghỉ bù Tết Dương lịch theo thông báo"})
    # Thu 01/01/2026 is a holiday; Wed 31/12/2025 16:00 + 1 hour: 16:00–17:00 -> Wed 31/12/2025 17:00.
    # + 2 hours: Fri 02/01 off, weekend -> Mon 05/01/2026 08:30.
    check(compute_due(dt(2025, 12, 31, 16, 0), Budget(2, "hour"), calendar=cal), dt(2026, 1, 5, 8, 30))
    d = compute_due(dt(2025, 12, 31, 16, 0), Budget(2, "hour"), calendar=cal)
    assert "Nghỉ bù Tết Dương lịch theo thông báo 02/01/2026" in text(d)


def test_a_date_under_each_rule_set():
    # Mon 30/06/2025 16:00 (Decree 61/2018) + 1 working day -> Tue 01/07/2025 16:00.
    old = compute_due(dt(2025, 6, 30, 16, 0), Budget(1, "working_day"))
    check(old, dt(2025, 7, 1, 16, 0))
    assert old.rule_set_key == DECREE_61_2018.key and "61/2018/NĐ-CP" in old.explanation[0]
    # Tue 01/07/2025 09:00 (Decree 118/2025) + 5 working days -> Tue 08/07/2025 09:00.
    new = compute_due(dt(2025, 7, 1, 9, 0), Budget(5, "working_day"))
    check(new, dt(2025, 7, 8, 9, 0))
    assert new.rule_set_key == DECREE_118_2025.key and "118/2025/NĐ-CP" in new.explanation[0]
    # National Day 2025: Mon 01/09 and Tue 02/09/2025.
    # Fri 29/08/2025 09:00 + 1 working day -> Wed 03/09/2025 09:00.
    check(compute_due(dt(2025, 8, 29, 9, 0), Budget(1, "working_day")), dt(2025, 9, 3, 9, 0))


@pytest.mark.parametrize(
    ("received", "budget", "expected"),
    [
        (
            dt(2026, 3, 3, 10, 0),
            Budget(0, "working_day"),
            dt(2026, 3, 3, 17, 0),
        ),  # Trong ngày: Tue 03/03 17:00
        (dt(2026, 3, 3, 10, 0), Budget(0, "hour"), dt(2026, 3, 3, 10, 0)),  # zero hours: the clock start
        (
            dt(2026, 3, 2, 7, 30),
            Budget(1, "working_day"),
            dt(2026, 3, 2, 17, 0),
        ),  # Mon opening + 1 day = Mon close
        (dt(2026, 3, 2, 9, 0), Budget(1, "working_day"), dt(2026, 3, 3, 9, 0)),  # Mon 09:00 + 1 = Tue 09:00
        (dt(2026, 3, 6, 9, 0), Budget(0, "day"), dt(2026, 3, 6, 9, 0)),  # 0 calendar days: Fri 06/03 09:00
        (dt(2026, 3, 6, 9, 0), Budget(1, "day"), dt(2026, 3, 9, 9, 0)),  # Sat 07/03 -> Mon 09/03/2026 09:00
    ],
)
def test_edge_budgets(received, budget, expected):
    check(compute_due(received, budget), expected)


def test_no_limit_has_no_due_date():
    d = compute_due(dt(2026, 3, 2, 9, 0), None)
    assert d.due_at is None and "không có hạn trả kết quả" in text(d)


def test_open_pause_stops_the_clock_and_as_of_gives_a_provisional_due():
    open_pause = Pause(dt(2026, 3, 3, 9, 0), None, "chờ bổ sung hồ sơ")
    d = compute_due(dt(2026, 3, 2, 9, 0), Budget(3, "working_day"), pauses=[open_pause])
    assert d.due_at is None and d.paused and "đồng hồ dừng" in text(d)
    # Provisionally closed Wed 04/03/2026 09:00 (8 working hours paused):
    # Thu 05/03 09:00 + 8 h = Fri 06/03/2026 09:00.
    p = compute_due(
        dt(2026, 3, 2, 9, 0), Budget(3, "working_day"), pauses=[open_pause], as_of=dt(2026, 3, 4, 9, 0)
    )
    check(p, dt(2026, 3, 6, 9, 0))
    assert p.paused and "tạm tính" in p.explanation[-1]


def test_pause_after_the_due_date_changes_nothing_and_overlaps_count_once():
    late = Pause(dt(2026, 3, 20, 9, 0), dt(2026, 3, 25, 9, 0), "chờ bổ sung hồ sơ")
    d = compute_due(dt(2026, 3, 2, 9, 0), Budget(1, "working_day"), pauses=[late])
    check(d, dt(2026, 3, 3, 9, 0))
    assert "không làm thay đổi hạn" in text(d)
    # Two overlapping pauses Tue 03/03 09:00–11:00 and 10:00–11:30 = 2h30 in total:
    # Mon 02/03 09:00 + 2 days = Wed 04/03 09:00, + 2h30 -> Wed 04/03/2026 11:30.
    both = [
        Pause(dt(2026, 3, 3, 9, 0), dt(2026, 3, 3, 11, 0)),
        Pause(dt(2026, 3, 3, 10, 0), dt(2026, 3, 3, 11, 30)),
    ]
    check(compute_due(dt(2026, 3, 2, 9, 0), Budget(2, "working_day"), pauses=both), dt(2026, 3, 4, 11, 30))


def test_extensions():
    ext = Extension(2, "working_day", "cần xác minh thực địa", "Điều 5 Quy chế", "Lãnh đạo phòng")
    # Mon 02/03/2026 09:00 + 3 + 2 working days -> Mon 09/03/2026 09:00.
    d = compute_due(dt(2026, 3, 2, 9, 0), Budget(3, "working_day"), extensions=[ext])
    check(d, dt(2026, 3, 9, 9, 0))
    assert "Gia hạn thêm 2 ngày làm việc (cần xác minh thực địa" in text(d)
    with pytest.raises(ValueError):
        compute_due(dt(2026, 3, 2, 9, 0), Budget(3, "day"), extensions=[ext])


def test_oracle_agrees_on_every_hand_case():
    o = Oracle()
    pause = Pause(dt(2026, 4, 29, 9, 0), dt(2026, 5, 4, 9, 0))
    assert o.due(dt(2026, 4, 28, 9, 0), Budget(5, "working_day"), pauses=[pause]) == dt(2026, 5, 8, 9, 0)
    assert o.due(dt(2026, 2, 13, 15, 30), Budget(5, "working_day"), cutoff=time(15)) == dt(2026, 2, 27, 17, 0)
    assert o.due(dt(2026, 4, 24, 9, 0), Budget(3, "day")) == dt(2026, 4, 28, 9, 0)


def test_successive_reschedules_chain_and_the_latest_wins():
    # Mon 02/03/2026 09:00 + 3 working days = Thu 05/03/2026 09:00 -> Mon 09/03 17:00 -> Wed 11/03/2026 10:00.
    first = Reschedule(date(2026, 3, 9), "lần 1", at=dt(2026, 3, 5, 8, 0))
    second = Reschedule(dt(2026, 3, 11, 10, 0), "lần 2", at=dt(2026, 3, 9, 16, 0))
    d = compute_due(dt(2026, 3, 2, 9, 0), Budget(3, "working_day"), reschedules=[second, first])
    check(d, dt(2026, 3, 11, 10, 0))
    assert "hạn đổi từ 09:00 thứ Năm 05/03/2026 sang 17:00 thứ Hai 09/03/2026 (lần 1)" in d.explanation[-3]
    assert "hạn đổi từ 17:00 thứ Hai 09/03/2026 sang 10:00 thứ Tư 11/03/2026 (lần 2)" in d.explanation[-2]


def test_receipts_before_decree_61_still_get_a_due_date():
    # Thu 01/03/2018 10:00 + 2 working hours: 10:00–11:30 + 13:00–13:30 -> 13:30; no rule set covers it.
    d = compute_due(dt(2018, 3, 1, 10, 0), Budget(2, "hour"))
    check(d, dt(2018, 3, 1, 13, 30))
    assert d.rule_set_key is None and not d.explanation[0].startswith("Quy định áp dụng")
