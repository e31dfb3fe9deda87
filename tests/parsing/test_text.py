"""Text normalisation, search keys and "no value" markers."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.parsing.text import fold, is_empty_value, normalize_text, strip_diacritics

NAME = "Cấp giấy phép xây dựng"


def test_nfd_value_becomes_nfc():
    nfd = unicodedata.normalize("NFD", NAME)
    assert nfd != NAME
    assert normalize_text(nfd) == NAME


def test_nbsp_inside_a_name_becomes_a_space():
    assert normalize_text("Sở\u00a0Tư\u00a0pháp") == "Sở Tư pháp"


def test_zero_width_and_odd_spaces():
    assert normalize_text("\ufeffBộ\u200b Công\u2009an\u200d") == "Bộ Công an"


def test_doubled_spaces_collapse_and_ends_strip():
    assert normalize_text("  Luật Khiếu nại   năm 2011  ") == "Luật Khiếu nại năm 2011"


def test_multiline_cell_keeps_its_lines():
    cell = "Tòa án nhân dân cấp cao  \r\nTòa án nhân dân tỉnh \r\n\r\n\r\n\tSở Tư pháp"
    assert normalize_text(cell) == "Tòa án nhân dân cấp cao\nTòa án nhân dân tỉnh\n\nSở Tư pháp"


def test_none_and_empty_normalise_to_empty():
    assert normalize_text(None) == ""
    assert normalize_text("  \u00a0 ") == ""


@pytest.mark.parametrize(
    "spelling",
    [NAME, "cap giay phep xay dung", unicodedata.normalize("NFD", NAME), "CẤP  GIẤY-PHÉP, xây dựng."],
)
def test_fold_gives_one_key_for_every_spelling(spelling):
    assert fold(spelling) == "cap giay phep xay dung"


def test_fold_maps_d_bar():
    assert fold("Đăng ký đất đai") == "dang ky dat dai"


def test_fold_of_nothing():
    assert fold(None) == ""
    assert fold(" -- ") == ""


def test_strip_diacritics_keeps_length_and_punctuation():
    text = "Phí : 2.000.000 Đồng (Thẩm định)"
    assert strip_diacritics(text) == "Phi : 2.000.000 Dong (Tham dinh)"
    assert len(strip_diacritics(text)) == len(text)


@pytest.mark.parametrize(
    "value", ["", "  ", "-", "--", "Không có thông tin", "KHÔNG CÓ THÔNG TIN", "Không", "N/A", "n/a", None]
)
def test_empty_markers(value):
    assert is_empty_value(value)


@pytest.mark.parametrize("value", ["0", "Không quy định", "Cấp xã", "1.001234", "Miễn phí"])
def test_values_that_are_not_empty(value):
    assert not is_empty_value(value)


def test_nan_from_a_spreadsheet_is_empty():
    assert is_empty_value(float("nan"))


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_ignores_normalisation_form(text):
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@given(st.text())
def test_normalize_text_is_idempotent(text):
    assert normalize_text(normalize_text(text)) == normalize_text(text)
