"""Due dates computed by hand from the legal texts, each with its source (issue 16).

Office hours throughout: 07:30–11:30 and 13:00–17:00 (8 working hours a day). Sources:

* BLLĐ: Bộ luật Lao động 2019, Điều 112 (public holidays: Tết Dương lịch 1/1; Tết Âm lịch 5 days; Giỗ Tổ
  Hùng Vương 10/3 âm lịch; 30/4; 1/5; Quốc khánh 2/9 and one day before or after) and Điều 111 (weekly rest).
* TB 12729: Thông báo 12729/VPCP-KGVX ngày 25/12/2025 (New Year 2026: Fri 2/1 off, Sat 10/1 worked).
* ND61 / ND118: the rule sets' counting of a working-day budget from the clock start (receipt inside
  office hours) to the same clock time N working days later; receipts outside office hours count from the
  next opening (Nghị định 61/2018, Điều 18–19; Nghị định 118/2025 on the same points).
* ND23: Nghị định 23/2015/NĐ-CP, Điều 7 (chứng thực: the same day, or the next working day if the request is
  received after 15:00) — the sector cut-off (``Field.same_day_cutoff``, ``RuleSet.same_day_cutoff``).
* BLDS: Bộ luật Dân sự 2015, Điều 147 khoản 1 (the day of the event is not counted) and Điều 148 khoản 1,
  3 (a period in days ends at the end of its last day, at the close of office hours for work done at an
  agency; a last day that is a day off moves to the next working day) — ``rules.END_OF_LAST_DAY``.
* Package: the ``holidays`` package's VN calendar (Tết and swaps it ships: 22/08/2026 worked for 31/08).
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time

import pytest

from workflows.calendar import (
    DECREE_61_2018,
    DECREE_118_2025,
    Budget,
    Pause,
    classify,
    compute_due,
    get_calendar,
)
from workflows.calendar.rules import END_OF_LAST_DAY, RuleSet

from .oracle import naive

# The calendar as the product runs it after migration workflows 0003 (TB 12729).
SWAP_2026 = {
    "extra_days_off": {date(2026, 1, 2): "Nghỉ hoán đổi dịp Tết Dương lịch 2026"},
    "extra_working_days": {date(2026, 1, 10): "Làm bù cho ngày thứ Sáu 02/01/2026"},
}
CIVIL = dataclasses.replace(DECREE_118_2025, counting=END_OF_LAST_DAY)
CIVIL_61 = dataclasses.replace(DECREE_61_2018, counting=END_OF_LAST_DAY)

D = datetime
WD, H, DAY = "working_day", "hour", "day"

# (received, budget value, unit, cut-off, rule set or None, expected due, source)
CASES = [
    # -- same clock time (the default rule of both rule sets) -------------------------------------------
    (D(2026, 3, 2, 9, 0), 5, WD, None, None, D(2026, 3, 9, 9, 0), "ND118: Mon + 5 working days = next Mon"),
    (D(2026, 11, 13, 10, 0), 2, WD, None, None, D(2026, 11, 17, 10, 0), "ND118: Fri + 2, weekend skipped"),
    (D(2025, 12, 31, 9, 0), 1, WD, None, None, D(2026, 1, 5, 9, 0), "BLLĐ 1/1 + TB 12729 2/1 off"),
    (D(2025, 12, 31, 9, 0), 2, WD, None, None, D(2026, 1, 6, 9, 0), "BLLĐ + TB 12729"),
    (D(2026, 1, 9, 10, 0), 1, WD, None, None, D(2026, 1, 10, 10, 0), "TB 12729: Sat 10/1/2026 is worked"),
    (
        D(2026, 1, 10, 8, 0),
        1,
        WD,
        None,
        None,
        D(2026, 1, 12, 8, 0),
        "TB 12729: receipt on the make-up Saturday",
    ),
    (D(2026, 2, 13, 9, 0), 1, WD, None, None, D(2026, 2, 23, 9, 0), "BLLĐ: Tết 2026 16–20/02 + weekends"),
    (D(2026, 4, 29, 14, 0), 1, WD, None, None, D(2026, 5, 4, 14, 0), "BLLĐ: 30/4 and 1/5 (Thu, Fri)"),
    (D(2026, 4, 24, 9, 0), 1, WD, None, None, D(2026, 4, 28, 9, 0), "BLLĐ: Giỗ Tổ Sun 26/4 → Mon 27/4 off"),
    (D(2026, 8, 28, 9, 0), 1, WD, None, None, D(2026, 9, 3, 9, 0), "BLLĐ 1–2/9 + package swap 31/8"),
    (D(2026, 8, 21, 10, 0), 1, WD, None, None, D(2026, 8, 22, 10, 0), "Package: Sat 22/8/2026 is worked"),
    (D(2026, 11, 23, 9, 0), 1, WD, None, None, D(2026, 11, 24, 9, 0), "BLLĐ: 24/11 is no public holiday"),
    (D(2026, 11, 16, 16, 45), 0, WD, time(15), None, D(2026, 11, 17, 17, 0), "ND23: after 15:00 → next day"),
    (D(2026, 11, 16, 14, 59), 0, WD, time(15), None, D(2026, 11, 16, 17, 0), "ND23: before 15:00 → same day"),
    (D(2026, 11, 13, 16, 0), 0, WD, time(15), None, D(2026, 11, 16, 17, 0), "ND23: Fri after 15:00 → Mon"),
    (D(2026, 11, 16, 16, 45), 0, WD, None, None, D(2026, 11, 16, 17, 0), "ND118: no cut-off, same day"),
    (D(2026, 11, 16, 17, 30), 1, WD, None, None, D(2026, 11, 17, 17, 0), "ND118: after hours → next opening"),
    (
        D(2026, 11, 16, 12, 0),
        1,
        WD,
        None,
        None,
        D(2026, 11, 17, 11, 30),
        "ND118: lunch → 13:00; 8 h end 11:30",
    ),
    (D(2026, 11, 14, 9, 0), 1, WD, None, None, D(2026, 11, 16, 17, 0), "ND118: Saturday → Mon 07:30"),
    (D(2026, 11, 16, 16, 0), 4, H, None, None, D(2026, 11, 17, 10, 30), "ND118: 4 working hours"),
    (D(2026, 11, 16, 9, 0), 0.5, WD, None, None, D(2026, 11, 16, 14, 30), "ND118: half a day = 4 hours"),
    (D(2026, 11, 16, 9, 0), 5, DAY, None, None, D(2026, 11, 23, 9, 0), "ND118: calendar days, Sat → Mon"),
    (D(2026, 11, 17, 9, 0), 7, DAY, None, None, D(2026, 11, 24, 9, 0), "ND118: 24/11 is a working day"),
    (D(2025, 1, 24, 9, 0), 1, WD, None, None, D(2025, 2, 3, 9, 0), "ND61 + BLLĐ: Tết 2025 27/1–1/2"),
    (D(2025, 6, 30, 16, 0), 1, WD, None, None, D(2025, 7, 1, 16, 0), "ND61 on 30/6/2025"),
    # -- end of the last day (Civil Code) ---------------------------------------------------------------
    (D(2026, 11, 16, 9, 0), 2, WD, None, CIVIL, D(2026, 11, 18, 17, 0), "BLDS 147–148: Mon + 2 = Wed close"),
    (D(2026, 11, 16, 7, 30), 2, WD, None, CIVIL, D(2026, 11, 18, 17, 0), "BLDS: receipt day not counted"),
    (D(2026, 11, 13, 16, 0), 1, WD, None, CIVIL, D(2026, 11, 16, 17, 0), "BLDS: Fri + 1 = Mon close"),
    (D(2026, 11, 14, 9, 0), 1, WD, None, CIVIL, D(2026, 11, 16, 17, 0), "BLDS: Saturday receipt"),
    (D(2026, 11, 16, 16, 45), 1, WD, time(15), CIVIL, D(2026, 11, 18, 17, 0), "BLDS + cut-off: deemed Tue"),
    (D(2026, 11, 16, 9, 0), 5, DAY, None, CIVIL, D(2026, 11, 23, 17, 0), "BLDS 148.3: last day Sat → Mon"),
    (D(2026, 11, 18, 9, 0), 5, DAY, None, CIVIL, D(2026, 11, 23, 17, 0), "BLDS: Wed + 5 days = Mon"),
    (D(2026, 11, 16, 9, 0), 1.5, WD, None, CIVIL, D(2026, 11, 18, 17, 0), "BLDS: part of a day is a day"),
    (D(2025, 12, 31, 9, 0), 1, WD, None, CIVIL, D(2026, 1, 5, 17, 0), "BLDS + TB 12729"),
    (D(2025, 1, 24, 9, 0), 1, WD, None, CIVIL_61, D(2025, 2, 3, 17, 0), "BLDS under ND61, Tết 2025"),
    (D(2026, 11, 16, 9, 0), 0, WD, time(15), CIVIL, D(2026, 11, 16, 17, 0), "Trong ngày: same under both"),
    (D(2026, 11, 16, 16, 0), 4, H, None, CIVIL, D(2026, 11, 17, 10, 30), "Hours: same under both"),
]


@pytest.mark.parametrize(
    ("received", "value", "unit", "cutoff", "rule_set", "expected", "source"),
    CASES,
    ids=[f"{c[0]:%d%m%Y-%H%M}+{c[1]}{c[2]}-{c[6][:22]}" for c in CASES],
)
def test_hand_computed_due_date(received, value, unit, cutoff, rule_set, expected, source):
    cal = get_calendar(**SWAP_2026)
    deadline = compute_due(received, Budget(value, unit), calendar=cal, cutoff=cutoff, rule_set=rule_set)
    assert naive(deadline.due_at) == expected, f"{source}\n" + "\n".join(deadline.explanation)


def test_at_least_thirty_hand_computed_cases():
    assert len(CASES) >= 30


def test_the_explanation_names_the_counting_rule():
    cal = get_calendar(**SWAP_2026)
    civil = compute_due(D(2026, 11, 16, 9, 0), Budget(2, WD), calendar=cal, rule_set=CIVIL)
    assert any("Điều 147, 148 Bộ luật Dân sự 2015" in line for line in civil.explanation)
    default = compute_due(D(2026, 11, 16, 9, 0), Budget(2, WD), calendar=cal)
    assert any("cùng giờ đó của ngày cuối cùng" in line for line in default.explanation)


def test_a_pause_under_the_civil_code_rule_ends_at_the_close_of_the_day_it_reaches():
    # Mon 16/11/2026 09:00 + 2 working days (BLDS) counts Tue and Wed → Wed 17:00; a pause Tue 09:00–13:00
    # (2.5 working hours) moves the end 2.5 h into Thu, and a period in days ends at that day's close.
    cal = get_calendar(**SWAP_2026)
    pause = Pause(D(2026, 11, 17, 9, 0), D(2026, 11, 17, 13, 0), reason="bổ sung")
    deadline = compute_due(D(2026, 11, 16, 9, 0), Budget(2, WD), calendar=cal, pauses=[pause], rule_set=CIVIL)
    assert naive(deadline.due_at) == D(2026, 11, 19, 17, 0)


def test_classification_follows_the_counting_rule():
    # Same receipt, 2 working days: Wed 18/11 09:00 under the default rule, Wed 17:00 under the Civil Code's.
    cal = get_calendar(**SWAP_2026)
    default = compute_due(D(2026, 11, 16, 9, 0), Budget(2, WD), calendar=cal).due_at
    civil = compute_due(D(2026, 11, 16, 9, 0), Budget(2, WD), calendar=cal, rule_set=CIVIL).due_at
    done = default.replace(hour=16, minute=59)
    assert classify(done, default) == "late"
    assert classify(done, civil) == "on_time"
    assert classify(done.replace(day=17), civil) == "early"
    assert classify(done.replace(day=19, hour=8), civil) == "late"


def test_an_unknown_counting_rule_is_refused():
    with pytest.raises(ValueError, match="counting rule"):
        RuleSet(
            **{
                **{f.name: getattr(DECREE_118_2025, f.name) for f in dataclasses.fields(RuleSet)},
                "counting": "x",
            }
        )
