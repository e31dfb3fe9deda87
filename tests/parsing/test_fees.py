"""Fees: free, labelled lines, portal cells, amounts in every spelling, tiers, prose and rates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from catalog.parsing.fees import Fee, fees_structured, parse_amount, parse_fees


def _one(text):
    fees = parse_fees(text)
    assert len(fees) == 1, fees
    return fees[0]


@pytest.mark.parametrize("text", ["Miễn phí", "Không", "miễn phí.", "Không thu phí"])
def test_free(text):
    fee = _one(text)
    assert fee.amount == 0 and fee.is_free
    assert fees_structured([fee])


@pytest.mark.parametrize("text", ["Phí : 0 Đồng", "Phí : o Đồng", "Phí : Không Đồng", "Lệ phí : 0 Đồng"])
def test_labelled_zero_including_the_letter_o(text):
    fee = _one(text)
    assert (fee.amount, fee.currency) == (Decimal(0), "VND")
    assert fee.kind == ("lệ phí" if text.startswith("Lệ") else "phí")


def test_amount_per_time_and_person():
    fee = _one("200.000 đồng/lần/người")
    assert (fee.amount, fee.currency, fee.per) == (Decimal(200000), "VND", "lần/người")


@pytest.mark.parametrize("text", ["1,500,000", "1.500.000", "1500000", "1.500.000 đồng", "1,500,000 VNĐ"])
def test_thousands_separators_either_way(text):
    assert _one(text).amount == Decimal(1500000)


def test_usd_decimal():
    fee = _one("Lệ phí : 1.5 USD")
    assert (fee.amount, fee.currency, fee.kind) == (Decimal("1.5"), "USD", "lệ phí")


def test_d_suffix():
    assert (_one("50.000đ").amount, _one("50.000đ").currency) == (Decimal(50000), "VND")


def test_labelled_tiers_on_lines():
    fees = parse_fees("Phí : 2.000.000 Đồng (Thẩm định loại A)\nPhí : 3.500.000 Đồng (Thẩm định loại B)")
    assert [(f.amount, f.description) for f in fees] == [
        (Decimal(2000000), "Thẩm định loại A"),
        (Decimal(3500000), "Thẩm định loại B"),
    ]


def test_mixed_currencies_in_tiers():
    fees = parse_fees(
        "Phí : 0.5 USD (Dưới 16 tuổi)\nLệ phí : 01 USD (Từ 16 tuổi)\nLệ phí : 20000 Đồng (Phương tiện)"
    )
    assert [(f.amount, f.currency, f.kind) for f in fees] == [
        (Decimal("0.5"), "USD", "phí"),
        (Decimal(1), "USD", "lệ phí"),
        (Decimal(20000), "VND", "lệ phí"),
    ]


def test_bullet_tiers_with_semicolons():
    fees = parse_fees("- Cấp mới: 50.000 đồng/giấy phép;\n- Cấp lại: 25.000 đồng/giấy phép")
    assert [(f.amount, f.description, f.per) for f in fees] == [
        (Decimal(50000), "Cấp mới: 50.000 đồng/giấy phép", "giấy phép"),
        (Decimal(25000), "Cấp lại: 25.000 đồng/giấy phép", "giấy phép"),
    ]


def test_lettered_tiers_with_a_free_one():
    fees = parse_fees("a) Cấp lần đầu: miễn phí; b) Cấp lại: 50.000 đồng")
    assert [(f.amount, f.description) for f in fees] == [
        (Decimal(0), "Cấp lần đầu: miễn phí"),
        (Decimal(50000), "Cấp lại: 50.000 đồng"),
    ]


def test_prose_with_two_sentences_and_kinds():
    fees = parse_fees("Phí thẩm định: 1.000.000 đồng/hồ sơ. Lệ phí cấp giấy: 200.000 đồng/giấy")
    assert [(f.amount, f.kind, f.per) for f in fees] == [
        (Decimal(1000000), "phí", "hồ sơ"),
        (Decimal(200000), "lệ phí", "giấy"),
    ]


def test_portal_cell_head_wins_over_the_note():
    fee = _one("2,000,000 Việt Nam Đồng(Phí kiểm tra đơn hàng nhập khẩu: 2.000.000 đồng/01 đơn hàng)")
    assert (fee.amount, fee.currency, fee.kind) == (Decimal(2000000), "VND", "phí")
    assert fee.description == "Phí kiểm tra đơn hàng nhập khẩu: 2.000.000 đồng/01 đơn hàng"


def test_portal_cell_note_corrects_the_currency():
    fee = _one("155 VNĐ(Thẻ có thời hạn đến 05 năm: 155 USD/thẻ.)")
    assert (fee.amount, fee.currency, fee.per) == (Decimal(155), "USD", "thẻ")


def test_portal_free_cell_with_note():
    fee = _one("Miễn phí(Không)")
    assert (fee.amount, fee.description) == (Decimal(0), "Không")


def test_by_regulation_has_no_amount():
    fee = _one("theo quy định của Bộ Tài chính")
    assert fee.amount is None and not fee.is_structured
    assert not fees_structured([fee])


def test_labelled_line_without_figure_keeps_its_note():
    fee = _one("Phí :  Đồng (Theo quy định của Bộ Tài chính)\nFile đính kèm: 62-btc.signed.pdf")
    assert (fee.amount, fee.kind, fee.description) == (None, "phí", "Theo quy định của Bộ Tài chính")


def test_percentage():
    fee = _one("0,5% giá trị hợp đồng")
    assert (fee.amount, fee.percent) == (None, Decimal("0.5"))
    assert fees_structured([fee])


def test_prose_in_a_labelled_line_ignores_years_glued_to_the_currency():
    fee = _one(
        "Phí : Mức thu bằng 50% mức thu tại Thông tư số 249/2016/TT-BTC ngày 11 tháng 11 năm 2016 Đồng"
    )
    assert (fee.amount, fee.percent, fee.kind) == (None, Decimal(50), "phí")


@pytest.mark.parametrize("text", ["", None, "Không có thông tin", "Không có thông tin(1)"])
def test_no_information(text):
    assert parse_fees(text) == []
    assert not fees_structured([])


def test_number_from_a_spreadsheet():
    assert parse_fees(50000) == [Fee(Decimal(50000), "VND", None, "", "50000")]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.500.000", "1500000"),
        ("1,500,000", "1500000"),
        ("1.5", "1.5"),
        ("0,5", "0.5"),
        ("2.000", "2000"),
        ("1.500,50", "1500.50"),
        ("05", "5"),
    ],
)
def test_parse_amount(text, amount):
    assert parse_amount(text) == Decimal(amount)


def test_parse_amount_rejects_words():
    assert parse_amount("năm trăm") is None
