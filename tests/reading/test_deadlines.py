"""Free-text deadlines and agency lists of plan tasks."""

from __future__ import annotations

import datetime as dt

import pytest

from importers.reading.deadlines import parse_deadline, split_agencies


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quý IV/2018", dt.date(2018, 12, 31)),
        ("Quý I/2019", dt.date(2019, 3, 31)),
        ("Quý II/2019.", dt.date(2019, 6, 30)),
        ("quý 3 năm 2020", dt.date(2020, 9, 30)),
        ("Tháng 11/2018", dt.date(2018, 11, 30)),
        ("Tháng 2/2020", dt.date(2020, 2, 29)),
        ("30/4/2017", dt.date(2017, 4, 30)),
        ("trước ngày 15/4/2017", dt.date(2017, 4, 15)),
        ("ngày 10 tháng 4 năm 2017", dt.date(2017, 4, 10)),
        ("6 tháng đầu năm 2019", dt.date(2019, 6, 30)),
        ("6 tháng cuối năm 2019", dt.date(2019, 12, 31)),
        ("Năm 2019", dt.date(2019, 12, 31)),
        ("Năm 2023-2025", dt.date(2025, 12, 31)),
        ("Giai đoạn 2018 - 2020", dt.date(2020, 12, 31)),
        ("Hoàn thành trong Quý III/2018", dt.date(2018, 9, 30)),
    ],
)
def test_single_dates(text: str, expected: dt.date) -> None:
    parsed = parse_deadline(text)
    assert parsed.deadlines == [(expected, parsed.deadlines[0][1])]
    assert parsed.first == expected and not parsed.recurring


def test_date_and_recurring() -> None:
    parsed = parse_deadline("Quý I/2019 và hàng năm.")
    assert parsed.deadlines == [(dt.date(2019, 3, 31), "")] and parsed.recurring


@pytest.mark.parametrize(
    "text", ["Thường xuyên", "Hằng năm", "Hàng năm.", "Thường xuyên hằng năm", "Định kỳ hàng quý"]
)
def test_recurring_without_date(text: str) -> None:
    parsed = parse_deadline(text)
    assert parsed.recurring and parsed.deadlines == []


@pytest.mark.parametrize(
    "text", ["Theo lộ trình của Văn phòng Chính phủ", "Khi có yêu cầu", "", None, "31/2/2019"]
)
def test_no_date_is_kept_as_text(text: str | None) -> None:
    parsed = parse_deadline(text)
    assert parsed.deadlines == [] and not parsed.recurring
    assert parsed.text == (text or "")


def test_several_scoped_deadlines_in_one_cell() -> None:
    parsed = parse_deadline(
        "- Quý IV/2018 đối với cấp tỉnh;\n\n- Quý I/2019 (Cấp huyện thuộc đô thị loại III trở lên);"
    )
    assert parsed.deadlines == [
        (dt.date(2018, 12, 31), "cấp tỉnh"),
        (dt.date(2019, 3, 31), "Cấp huyện thuộc đô thị loại III trở lên"),
    ]


def test_scope_before_the_date() -> None:
    parsed = parse_deadline(
        "- Cấp tỉnh hoàn thành trước ngày 30/4/2017;\n- Cấp huyện hoàn thành trước ngày 30/6/2017."
    )
    assert parsed.deadlines == [(dt.date(2017, 4, 30), "Cấp tỉnh"), (dt.date(2017, 6, 30), "Cấp huyện")]


def test_year_less_quarter_uses_today() -> None:
    assert parse_deadline("Quý IV").deadlines == []
    assert parse_deadline("Quý IV", today=dt.date(2024, 5, 1)).first == dt.date(2024, 12, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- Trung tâm Hành chính công tỉnh;\n\n- UBND cấp huyện;\n\n- UBND cấp xã.",
            ["Trung tâm Hành chính công tỉnh", "UBND cấp huyện", "UBND cấp xã"],
        ),
        ("Sở Kế hoạch và Đầu tư, Công an tỉnh.", ["Sở Kế hoạch và Đầu tư", "Công an tỉnh"]),
        ("Các sở, ban, ngành cấp tỉnh", ["Các sở, ban, ngành cấp tỉnh"]),
        ("UBND huyện, thị xã, thành phố", ["UBND huyện, thị xã, thành phố"]),
        (
            "VP UBND tỉnh (Trung tâm HC công, Phòng KS TTHC)",
            ["VP UBND tỉnh (Trung tâm HC công, Phòng KS TTHC)"],
        ),
        ("Sở Tư pháp; Sở Nội vụ", ["Sở Tư pháp", "Sở Nội vụ"]),
        (None, []),
    ],
)
def test_split_agencies(text: str | None, expected: list[str]) -> None:
    assert split_agencies(text) == expected


def test_split_agencies_can_drop_roles() -> None:
    text = "- VP UBND tỉnh chủ trì tham mưu;\n\n- Sở TT&TT và Sở KH&CN phối hợp."
    assert split_agencies(text, strip_roles=True) == ["VP UBND tỉnh", "Sở TT&TT và Sở KH&CN"]
