"""Processing times: table cells, sentences, fractions, "no limit" and "within the day"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from catalog.parsing.processing_time import ProcessingTime, parse_processing_time


def _pair(text, **kwargs):
    time = parse_processing_time(text, **kwargs)
    assert time.parsed, text
    return time.value, time.unit


def test_working_days_with_leading_zero():
    assert _pair("05 Ngày làm việc") == (Decimal(5), "working_day")


def test_plain_days_are_calendar_days():
    assert _pair("30 Ngày") == (Decimal(30), "day")
    assert _pair("15 ngày kể từ ngày 01/7/2025") == (Decimal(15), "day")


def test_hours():
    assert _pair("02 Giờ") == (Decimal(2), "hour")
    assert _pair("24 giờ làm việc") == (Decimal(24), "hour")
    assert _pair("0.5 Giờ") == (Decimal("0.5"), "hour")


@pytest.mark.parametrize("text", ["Trong ngày", "ngay trong ngày", "Giải quyết trong ngày làm việc"])
def test_within_the_day_is_zero_working_days(text):
    assert _pair(text) == (Decimal(0), "working_day")


@pytest.mark.parametrize("text", ["0,5 ngày", "0.5 ngày", "1/2 ngày"])
def test_fractional_days(text):
    assert _pair(text) == (Decimal("0.5"), "day")


def test_bare_fraction_with_the_source_unit():
    assert _pair("0.5", default_unit="working_day") == (Decimal("0.5"), "working_day")
    assert _pair(0.5, default_unit="working_day") == (Decimal("0.5"), "working_day")


@pytest.mark.parametrize("text", ["Không quy định", "không quy định thời hạn", "-1", " -1 ", "Không"])
def test_no_limit(text):
    time = parse_processing_time(text)
    assert time == ProcessingTime(None, None, text.strip(), True)
    assert time.no_limit


def test_no_limit_wins_over_a_default_unit():
    assert parse_processing_time("-1", default_unit="working_day").no_limit


def test_sentence_with_not_more_than():
    text = "Không quá 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"
    time = parse_processing_time(text)
    assert (time.value, time.unit, time.text) == (Decimal(15), "working_day", text)


def test_sentence_with_within_the_period():
    assert _pair("Trong thời hạn 05 ngày làm việc, kể từ ngày nhận được hồ sơ") == (Decimal(5), "working_day")


def test_first_figure_is_the_principal_one():
    assert _pair("10 ngày làm việc (trường hợp phải xác minh: 20 ngày)") == (Decimal(10), "working_day")


def test_spelled_out_copy_of_the_figure():
    assert _pair("05 (năm) ngày làm việc kể từ ngày nhận hồ sơ đầy đủ") == (Decimal(5), "working_day")


def test_range_keeps_its_lower_bound():
    assert _pair("từ 10 đến 25 ngày") == (Decimal(10), "day")


def test_weeks_become_days():
    assert _pair("2 tuần") == (Decimal(14), "day")


def test_nfd_and_nbsp_input():
    assert _pair("05\u00a0Nga\u0300y la\u0300m vie\u0323\u0302c") == (Decimal(5), "working_day")


def test_bare_number_takes_its_unit_from_a_hint():
    hint = "Trực tiếp tại Bộ phận Một cửa\n05 ngày làm việc kể từ ngày nhận đủ hồ sơ"
    assert _pair("5", hint=hint) == (Decimal(5), "working_day")


def test_bare_number_without_a_matching_hint_stays_unparsed():
    time = parse_processing_time("1", hint="Bước 1: nộp hồ sơ. Bước 2: trong 03 ngày làm việc…")
    assert time == ProcessingTime(None, None, "1", False)


@pytest.mark.parametrize(
    "text", ["6 Tháng", "10-25", "Chậm nhất là ngay trước khi tàu rời cảng", "Không có thông tin", ""]
)
def test_left_unparsed(text):
    time = parse_processing_time(text)
    assert not time.parsed
    assert time.value is None and time.unit is None


def test_as_dict_whole_value_is_int():
    assert parse_processing_time("15 ngày làm việc").as_dict() == {
        "value": 15,
        "unit": "working_day",
        "text": "15 ngày làm việc",
    }


def test_as_dict_fraction_is_float_and_no_limit_is_none():
    assert parse_processing_time("0,5 ngày").as_dict()["value"] == 0.5
    assert parse_processing_time("Không quy định").as_dict() == {
        "value": None,
        "unit": None,
        "text": "Không quy định",
    }
