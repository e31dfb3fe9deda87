"""The pure checks: citizen ID numbers, phones, addresses, and files judged by their content."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError

from eforms import validation
from tests.factories.forms import pdf_bytes, png_bytes, zip_bytes

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("number", "province", "year", "sex"),
    [
        ("022090001234", "Quảng Ninh", 1990, "nam"),
        ("001 305 012 345", "Hà Nội", 2005, "nữ"),
        ("079.199.000.001", "Hồ Chí Minh", 1999, "nữ"),
    ],
)
def test_a_citizen_id_gives_its_birth_province_year_and_sex(number, province, year, sex):
    parsed = validation.parse_citizen_id(number, today=TODAY)
    assert (parsed.birth_province, parsed.birth_year, parsed.sex) == (province, year, sex)
    assert parsed.number == number.replace(" ", "").replace(".", "")


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("02209000123", "cccd_length"),  # 11 digits
        ("0220900012345", "cccd_length"),
        ("02209000123A", "cccd_digits"),
        ("003090001234", "cccd_province"),  # 003 was never a province code
        ("099090001234", "cccd_province"),
        ("022290001234", "cccd_year"),  # 21st century, born 2090
    ],
)
def test_a_wrong_citizen_id_is_refused_with_the_reason(number, code):
    with pytest.raises(ValidationError) as caught:
        validation.parse_citizen_id(number, today=TODAY)
    assert caught.value.code == code
    assert "CCCD" in caught.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("0912 345 678", "0912345678"), ("+84 912.345.678", "0912345678"), ("0203 3656 789", "02033656789")],
)
def test_phone_numbers_are_normalised(typed, stored):
    assert validation.normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["091234567", "0112345678", "12345", "09123456789"])
def test_a_wrong_phone_number_is_refused_in_vietnamese(typed):
    with pytest.raises(ValidationError, match="Số điện thoại không đúng"):
        validation.normalize_phone(typed)


def test_the_address_lists_are_the_34_provinces_of_2025_with_their_communes():
    provinces = validation.provinces()
    assert len(provinces) == 34
    assert sum(len(p["communes"]) for p in provinces) == 3321
    assert validation.find_province("Quảng Ninh") == validation.find_province("tỉnh quảng ninh") == "22"
    assert validation.find_province("Hà Nội") == "01"


def test_an_address_needs_a_commune_of_the_chosen_province():
    bai_chay = next(c for c, n in validation.communes("22") if n == "Phường Bãi Cháy")
    ba_dinh = next(c for c, n in validation.communes("01") if n == "Phường Ba Đình")
    stored = validation.check_address("22", bai_chay, "Số 5")
    assert validation.address_text(stored) == "Số 5, Phường Bãi Cháy, Tỉnh Quảng Ninh"
    with pytest.raises(ValidationError, match="thuộc Tỉnh Quảng Ninh"):
        validation.check_address("22", ba_dinh, "Số 5")
    with pytest.raises(ValidationError, match="số nhà"):
        validation.check_address("22", bai_chay, " ")


def check(content: bytes, allowed, name="tep.pdf", max_bytes=1024 * 1024):
    return validation.check_file(
        io.BytesIO(content), name=name, size=len(content), allowed=allowed, max_bytes=max_bytes
    )


def test_the_type_comes_from_the_content_not_the_name():
    assert check(pdf_bytes(), ["pdf"], name="anh.png").content_type == "application/pdf"
    assert check(png_bytes(), ["png"], name="don.pdf").extension == "png"
    with pytest.raises(ValidationError, match="Đổi đuôi tên tệp") as caught:
        check(zip_bytes(), ["pdf"], name="don.pdf")
    assert caught.value.code == "file_type"


def test_size_limits_and_empty_or_broken_files_are_refused():
    with pytest.raises(ValidationError, match="vượt quá giới hạn 1 KB"):
        check(pdf_bytes("x" * 2000), ["pdf"], max_bytes=1024)
    with pytest.raises(ValidationError, match="rỗng"):
        check(b"", ["pdf"])
    broken = png_bytes()[:60]
    with pytest.raises(ValidationError, match="bị hỏng"):
        check(broken, ["png"], name="anh.png")
