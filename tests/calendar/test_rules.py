"""The rule sets: effective dates, forms and their numbering, national status codes."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from workflows.calendar import DECREE_61_2018, DECREE_118_2025, RULE_SETS, rule_set_for


def test_rule_set_for_picks_the_one_in_force_on_the_receipt_date():
    assert rule_set_for(datetime(2025, 6, 30, 23, 59)) is DECREE_61_2018
    assert rule_set_for(datetime(2025, 7, 1, 0, 0)) is DECREE_118_2025
    assert rule_set_for(date(2019, 1, 1)) is DECREE_61_2018
    assert rule_set_for(date(2030, 1, 1)) is DECREE_118_2025
    with pytest.raises(ValueError):
        rule_set_for(date(2017, 1, 1))


def test_rule_sets_do_not_overlap_and_leave_no_gap():
    assert DECREE_61_2018.effective_until == date(2025, 6, 30)
    assert DECREE_118_2025.effective_from == date(2025, 7, 1)
    assert [r.key for r in RULE_SETS] == ["decree_61_2018", "decree_118_2025"]


def test_circular_01_2018_forms():
    numbers = {f.key: f.number for f in DECREE_61_2018.forms}
    assert numbers == {
        "receipt_appointment": "01",
        "supplement_request": "02",
        "refusal": "03",
        "apology_reschedule": "04",
        "control_slip": "05",
        "tracking_book": "06",
    }
    assert DECREE_61_2018.form("apology_reschedule").title == "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
    assert DECREE_61_2018.form("stop_notice") is None
    assert all(f.verified for f in DECREE_61_2018.forms)


def test_decree_118_renumbering_adds_the_stop_notice():
    numbers = {f.key: f.number for f in DECREE_118_2025.forms}
    assert numbers["stop_notice"] == "05"
    assert numbers["control_slip"] == "06" and numbers["tracking_book"] == "07"
    assert not any(f.verified for f in DECREE_118_2025.forms)  # single secondary source: flagged


def test_national_status_codes():
    for rs in RULE_SETS:
        assert [s.code for s in rs.statuses] == list(range(1, 11))
        assert rs.status(1).label == "Mới đăng ký"
        assert rs.status(8).label == "Dừng xử lý"
        assert rs.status(10).label == "Đã trả kết quả"


def test_default_cutoff_rules():
    for rs in RULE_SETS:
        assert rs.default_cutoff is None
        assert rs.same_day_cutoff == time(15, 0)
        assert rs.legal_basis and rs.deadline_rules
