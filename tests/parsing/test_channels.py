"""Splitting the national portal's flattened channel table."""

from __future__ import annotations

from catalog.parsing.channels import ChannelRow, channel_key, split_channel_table

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"


def test_rows_with_units_fees_and_descriptions():
    text = (
        f"{HEADER}Trực tuyến5 Ngày làm việc70,000 VNĐ(70.000 đồng/Giấy chứng nhận)Nộp qua Cổng"
        "Trực tiếp15 NgàyMiễn phí"
    )
    assert split_channel_table(text) == [
        ChannelRow("online", "5 Ngày làm việc", "70,000 VNĐ(70.000 đồng/Giấy chứng nhận)", "Nộp qua Cổng"),
        ChannelRow("direct", "15 Ngày", "Miễn phí", ""),
    ]


def test_bare_time_glued_to_the_amount():
    rows = split_channel_table(f"{HEADER}Trực tuyến120 VNĐ(20.000 vnđ/tờ khai)Trực tiếp1100 VNĐ")
    assert [(r.time_text, r.fee_text) for r in rows] == [
        ("1", "20 VNĐ(20.000 vnđ/tờ khai)"),
        ("1", "100 VNĐ"),
    ]


def test_channel_names_inside_a_description_do_not_start_rows():
    description = "- Trực tiếp: nộp tại Bộ phận Một cửa; - Trực tuyến: qua Cổng"
    text = f"{HEADER}Dịch vụ bưu chính3 Ngày làm việcMiễn phí{description}"
    rows = split_channel_table(text)
    assert len(rows) == 1
    assert rows[0].description == description


def test_prose_time_cell_in_the_first_row():
    rows = split_channel_table(f"{HEADER}Trực tuyếnKhông phải trả kết quảMiễn phíBằng phương thức điện tử")
    assert rows == [ChannelRow("online", "Không phải trả kết quả", "Miễn phí", "Bằng phương thức điện tử")]


def test_empty_cells_and_one_fee_item_per_row():
    rows = split_channel_table(f"{HEADER}Trực tiếpKhông có thông tinMiễn phíKhông thu thêm")
    assert rows == [ChannelRow("direct", "Không có thông tin", "Miễn phí", "Không thu thêm")]


def test_nothing_to_split():
    assert split_channel_table("") == []
    assert split_channel_table(None) == []


def test_channel_keys():
    assert [channel_key(x) for x in ("Trực tiếp", "ONLINE", "Dịch vụ bưu chính", "Qua bưu điện", "?")] == [
        "direct",
        "online",
        "postal",
        "postal",
        None,
    ]
