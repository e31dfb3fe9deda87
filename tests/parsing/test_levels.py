"""Administrative levels written as one name or a list."""

from __future__ import annotations

import pytest

from catalog.parsing.levels import parse_levels


@pytest.mark.parametrize("text", ["Cấp xã", "Cấp Xã", "cấp xã ", "CẤP XÃ", "Cấp phường"])
def test_commune_in_any_case(text):
    assert parse_levels(text) == ["commune"]


def test_list_of_levels():
    assert parse_levels("Cấp bộ, Cấp tỉnh, Cấp xã") == ["ministry", "province", "commune"]


def test_list_with_other_agencies_and_capitals():
    assert parse_levels("Cấp Bộ, Cấp Tỉnh, Cấp Xã, Cơ quan khác") == [
        "ministry",
        "province",
        "commune",
        "other",
    ]


def test_order_follows_the_hierarchy_and_duplicates_go():
    assert parse_levels("Cấp xã; Cấp huyện và cấp tỉnh, Cấp xã") == ["province", "district", "commune"]


@pytest.mark.parametrize(
    ("text", "key"), [("Cấp huyện", "district"), ("Cấp quận", "district"), ("Cấp thị xã", "district")]
)
def test_district_spellings(text, key):
    assert parse_levels(text) == [key]


@pytest.mark.parametrize("text", ["", None, "Cơ quan nhà nước", "Không có thông tin"])
def test_no_level(text):
    assert parse_levels(text) == []
