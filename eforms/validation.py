"""Pure checks for what citizens type and upload: citizen ID numbers, phone numbers, addresses, files.

Every failure is a `ValidationError` with a Vietnamese message that says what is wrong and how to fix it.
The reference lists (birth-province codes of the ID number, provinces and communes) are data files in
`eforms/data/`, replaced when the State changes them, never code.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

import filetype
from django.core.exceptions import ValidationError

DATA = Path(__file__).resolve().parent / "data"

# The upload types an editor can allow, keyed by the extension `filetype` reports for the real content.
FILE_TYPES: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "PDF"),
    "jpg": ("image/jpeg", "ảnh JPG"),
    "png": ("image/png", "ảnh PNG"),
    "webp": ("image/webp", "ảnh WEBP"),
    "heic": ("image/heic", "ảnh HEIC (iPhone)"),
    "doc": ("application/msword", "Word (.doc)"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (.docx)"),
    "odt": ("application/vnd.oasis.opendocument.text", "văn bản ODT"),
    "xls": ("application/vnd.ms-excel", "Excel (.xls)"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (.xlsx)"),
}
DEFAULT_FILE_TYPES = ("pdf", "jpg", "png")
# `filetype` decides from the first bytes; OOXML needs a little more to see the part names inside the zip.
SNIFF_BYTES = 8192


@cache
def _json(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


# --- Citizen ID number (số định danh cá nhân / CCCD), Circular 59/2021/TT-BCA art. 7:
# 3 digits: the province (or country) where the birth was registered; 1 digit: century and sex
# (0/1 = 20th century male/female, 2/3 = 21st, 4/5 = 22nd, 6/7 = 23rd, 8/9 = 24th); 2 digits: the year of
# birth; 6 random digits.
@dataclass(frozen=True)
class CitizenId:
    number: str
    birth_province: str
    birth_year: int
    sex: str  # "nam" | "nữ"


def birth_provinces() -> dict[str, str]:
    return _json("cccd_birth_provinces.json")["codes"]


def parse_citizen_id(value: str, *, today: dt.date | None = None) -> CitizenId:
    """The 12-digit personal identification number, checked; spaces and dots typed between groups are ignored."""
    number = re.sub(r"[\s.\-]", "", value or "")
    if not number.isdigit():
        raise ValidationError("Số CCCD chỉ gồm chữ số.", code="cccd_digits")
    if len(number) != 12:
        raise ValidationError(
            "Số CCCD phải có đúng 12 chữ số (đang có %(n)s).", code="cccd_length", params={"n": len(number)}
        )
    province = birth_provinces().get(number[:3])
    if province is None:
        raise ValidationError(
            "Ba số đầu “%(code)s” không phải mã tỉnh nơi đăng ký khai sinh. Vui lòng kiểm tra lại số CCCD.",
            code="cccd_province",
            params={"code": number[:3]},
        )
    century_sex = int(number[3])
    year = 1900 + (century_sex // 2) * 100 + int(number[4:6])
    if year > (today or dt.date.today()).year:
        raise ValidationError(
            "Số thứ 4 đến thứ 6 cho năm sinh %(year)s, chưa tới. Vui lòng kiểm tra lại số CCCD.",
            code="cccd_year",
            params={"year": year},
        )
    return CitizenId(number, province, year, "nữ" if century_sex % 2 else "nam")


# --- Phone numbers: mobile 03x/05x/07x/08x/09x + 7 digits (10 digits); landline 02xx + 7–8 (11 digits).
# The API hands the same pattern to clients, so theirs and ours cannot drift apart.
PHONE_PATTERN = r"^(0[35789]\d{8}|02\d{9})$"
PHONE_RE = re.compile(PHONE_PATTERN)


def normalize_phone(value: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not PHONE_RE.match(digits):
        raise ValidationError(
            "Số điện thoại không đúng: di động có 10 chữ số (ví dụ 0912 345 678), "
            "cố định có 11 chữ số (ví dụ 0203 3656 789).",
            code="phone",
        )
    return digits


# --- Addresses: provinces and communes after 1 July 2025 (two levels of local government).
def provinces() -> list[dict]:
    return _json("administrative_units.json")["provinces"]


@cache
def _province_index() -> dict[str, dict]:
    return {p["code"]: p for p in provinces()}


def province(code: str) -> dict | None:
    return _province_index().get(code or "")


def communes(province_code: str) -> list[tuple[str, str]]:
    found = province(province_code)
    return [tuple(c) for c in found["communes"]] if found else []


def find_province(text: str) -> str | None:
    """The code of a province given as its code or its name (with or without “Tỉnh”, any case)."""
    text = (text or "").strip()
    if text in _province_index():
        return text
    wanted = text.casefold().removeprefix("tỉnh ").removeprefix("thành phố ")
    for p in provinces():
        name = p["name"].casefold().removeprefix("tỉnh ").removeprefix("thành phố ")
        if name == wanted:
            return p["code"]
    return None


def check_address(province_code: str, commune_code: str, detail: str) -> dict:
    """The address as stored: codes and names, so it still reads right if the lists change later."""
    found = province(province_code)
    if found is None:
        raise ValidationError("Vui lòng chọn tỉnh, thành phố.", code="address_province")
    names = dict(communes(province_code))
    if commune_code not in names:
        raise ValidationError(
            "Vui lòng chọn xã, phường thuộc %(province)s.",
            code="address_commune",
            params={"province": found["name"]},
        )
    detail = (detail or "").strip()
    if not detail:
        raise ValidationError("Vui lòng ghi số nhà, đường, thôn, tổ dân phố.", code="address_detail")
    return {
        "province": province_code,
        "province_name": found["name"],
        "commune": commune_code,
        "commune_name": names[commune_code],
        "detail": detail,
    }


def address_text(value: dict | None) -> str:
    if not value:
        return ""
    return ", ".join(
        v for v in (value.get("detail"), value.get("commune_name"), value.get("province_name")) if v
    )


# --- Uploaded files: the size, then the type from the content, never from the name the browser sent.
@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str
    size: int


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def accepted_types(types: list[str]) -> list[str]:
    """The upload types a field takes: the known ones it lists, or the defaults when it lists none."""
    return [t for t in types if t in FILE_TYPES] or list(DEFAULT_FILE_TYPES)


def type_labels(allowed: list[str]) -> str:
    return ", ".join(FILE_TYPES[t][1] for t in allowed if t in FILE_TYPES)


def check_file(stream: IO[bytes], *, name: str, size: int, allowed: list[str], max_bytes: int) -> CheckedFile:
    if size == 0:
        raise ValidationError("Tệp “%(name)s” rỗng.", code="file_empty", params={"name": name})
    if size > max_bytes:
        raise ValidationError(
            "Tệp “%(name)s” nặng %(size)s, vượt quá giới hạn %(limit)s.",
            code="file_size",
            params={"name": name, "size": human_size(size), "limit": human_size(max_bytes)},
        )
    stream.seek(0)
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    kind = filetype.guess(head)
    extension = kind.extension if kind else None
    if extension == "jpeg":
        extension = "jpg"
    if extension not in allowed:
        raise ValidationError(
            "Nội dung tệp “%(name)s” không phải loại được nhận (%(allowed)s). "
            "Đổi đuôi tên tệp không đổi được loại tệp.",
            code="file_type",
            params={"name": name, "allowed": type_labels(allowed)},
        )
    if extension in ("jpg", "png", "webp"):
        _check_image(stream, name)
    return CheckedFile(extension, FILE_TYPES[extension][0], size)


def _check_image(stream: IO[bytes], name: str) -> None:
    """A picture whose header is right but whose body is not (truncated, or a file glued behind a header)."""
    from PIL import Image

    try:
        with Image.open(stream) as image:
            image.verify()
    except Exception:
        raise ValidationError(
            "Ảnh “%(name)s” bị hỏng hoặc không đọc được. Vui lòng chụp hoặc quét lại.",
            code="file_corrupt",
            params={"name": name},
        ) from None
    finally:
        stream.seek(0)
