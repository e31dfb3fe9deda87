"""Free-text deadlines and agency lists of plan-task tables.

Deadlines are written the way officials speak: ``Quý IV/2018``, ``Tháng 11/2018``, ``30/4/2017``,
``6 tháng đầu năm 2019``, ``Năm 2023-2025``, ``Thường xuyên hằng năm``, several scoped deadlines in one
cell (``- Quý IV/2018 đối với cấp tỉnh; - Quý I/2019 (Cấp huyện …)``), or no date at all (``Theo lộ
trình của …``, ``Khi có yêu cầu``), which is kept as text. Each date is the last day of the period
named. Matching runs on a length-preserving flattening of the text (lowercase, no diacritics,
punctuation as spaces) so positions map back to the original for the scope text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from catalog.parsing import strip_diacritics

__all__ = ["ParsedDeadline", "parse_deadline", "split_agencies"]


@dataclass(frozen=True, slots=True)
class ParsedDeadline:
    text: str
    #: (last day of the period, scope text such as "đối với cấp tỉnh" or ""), in the cell's order.
    deadlines: list[tuple[dt.date, str]] = field(default_factory=list)
    #: "Thường xuyên", "Hằng năm", "và những năm tiếp theo"…
    recurring: bool = False

    @property
    def first(self) -> dt.date | None:
        return self.deadlines[0][0] if self.deadlines else None

    @property
    def has_date(self) -> bool:
        return bool(self.deadlines)


class _FlatTable(dict):
    """ord(char) → one character: :func:`~catalog.parsing.strip_diacritics`, lowercase, non-alphanumerics as a
    space; filled on first sight (``str.translate`` calls ``__missing__``)."""

    def __missing__(self, code: int) -> str:
        char = strip_diacritics(chr(code)).lower()
        flat = self[code] = char if char.isalnum() else " "
        return flat


_FLAT = _FlatTable()


def _flatten(text: str) -> str:
    """Same length as ``text``: one output character per input character."""
    return text.translate(_FLAT)


_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Y = r"(?:19|20)\d{2}"
_SEP = r"\s*"
_DATE_RE = re.compile(
    "|".join(
        [
            rf"(?P<half>\b6\s+thang\s+(?P<half_which>dau|cuoi)\s+nam{_SEP}(?P<half_year>{_Y}))",
            rf"(?P<quarter>\bquy\s+(?P<q>iv|iii|ii|i|[1-4])\b(?:{_SEP}(?:nam\s+)?(?P<q_year>{_Y}))?)",
            rf"(?P<full>\b(?:ngay\s+)?(?P<d>\d{{1,2}})\s+(?:thang\s+)?(?P<m>\d{{1,2}})\s+(?:nam\s+)?(?P<d_year>{_Y})\b)",
            rf"(?P<month>\bthang\s+(?P<mm>\d{{1,2}})\b(?:{_SEP}(?:nam\s+)?(?P<m_year>{_Y}))?)",
            rf"(?P<range>\b(?:nam|giai\s+doan)\s+(?P<r_from>{_Y})\s+(?P<r_to>{_Y})\b)",
            rf"(?P<year>\bnam\s+(?P<y>{_Y})\b)",
        ]
    )
)
_RECURRING = re.compile(
    r"\b(?:thuong\s+xuyen|hang\s+(?:nam|quy|thang|tuan|ngay)|dinh\s+ky|nhung\s+nam\s+tiep\s+theo"
    r"|cac\s+nam\s+tiep\s+theo|lien\s+tuc)\b"
)
_SCOPE_FILLER = {"va", "trong", "cac", "nhung", "nam", "moi", "hoac"}
_BULLET_SPLIT = re.compile(r"(?:^|\n|;)\s*(?:[-–•+*]\s+)?|\n")
_LEADING_FILLER = re.compile(
    r"^(?:[\s,:;.\-–(]|doi\s+voi\b|ap\s+dung\b|cho\b|tai\b)+",
)
_TRAILING_FILLER = re.compile(
    r"(?:[\s,:;.\-–(]|\bhoan\s+thanh\b|\btruoc\b|\bngay\b|\btrong\b|\bcham\s+nhat\b|\btu\b|\bvao\b"
    r"|\bbat\s+dau\b|\bden\b|\bthoi\s+gian\b|\bthuc\s+hien\b)+$"
)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date_of(match: re.Match[str], today: dt.date | None) -> dt.date | None:
    groups = match.groupdict()
    try:
        if groups["half"]:
            return (
                dt.date(int(groups["half_year"]), 6, 30)
                if groups["half_which"] == "dau"
                else dt.date(int(groups["half_year"]), 12, 31)
            )
        if groups["quarter"]:
            year = int(groups["q_year"]) if groups["q_year"] else (today.year if today else None)
            return _month_end(year, _QUARTERS[groups["q"]] * 3) if year else None
        if groups["full"]:
            return dt.date(int(groups["d_year"]), int(groups["m"]), int(groups["d"]))
        if groups["month"]:
            year = int(groups["m_year"]) if groups["m_year"] else (today.year if today else None)
            month = int(groups["mm"])
            return _month_end(year, month) if year and 1 <= month <= 12 else None
        if groups["range"]:
            return dt.date(int(groups["r_to"]), 12, 31)
        if groups["year"]:
            return dt.date(int(groups["y"]), 12, 31)
    except ValueError:
        return None  # 31/2/2019 and friends: not a date, the text is kept
    return None


def _clean_scope(before: str, flat_before: str, after: str, flat_after: str) -> str:
    """Scope text around a date, without connecting words (``hoàn thành trước ngày``, ``đối với``)."""
    trail = _TRAILING_FILLER.search(flat_before)
    if trail:
        before = before[: trail.start()]
    lead = _LEADING_FILLER.match(flat_after)
    if lead:
        after = after[lead.end() :]
    text = " ".join(part.strip(" \t\n,;:.()–-") for part in (before, after) if part.strip(" \t\n,;:.()–-"))
    # "Quý I/2019 và hàng năm": the recurrence is reported by ``recurring``, it is not a scope.
    rest = _RECURRING.sub(" ", _flatten(text)).split()
    if all(word in _SCOPE_FILLER for word in rest):
        return ""
    return " ".join(text.split())


def _segments(text: str) -> list[tuple[int, int]]:
    """(start, end) of each bullet/line/``;`` segment of the cell."""
    bounds, start = [], 0
    for match in _BULLET_SPLIT.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def parse_deadline(text: str | None, *, today: dt.date | None = None) -> ParsedDeadline:
    """Parse a deadline cell. ``today`` supplies the year of ``Quý IV`` or ``Tháng 11`` written without one."""
    original = unicodedata.normalize("NFC", text or "").strip()
    flat = _flatten(original)
    deadlines: list[tuple[dt.date, str]] = []
    for seg_start, seg_end in _segments(original):
        segment, flat_segment = original[seg_start:seg_end], flat[seg_start:seg_end]
        matches = [(m, d) for m in _DATE_RE.finditer(flat_segment) if (d := _date_of(m, today)) is not None]
        for index, (match, date) in enumerate(matches):
            begin = matches[index - 1][0].end() if index else 0
            end = matches[index + 1][0].start() if index + 1 < len(matches) else len(segment)
            scope = _clean_scope(
                segment[begin : match.start()],
                flat_segment[begin : match.start()],
                segment[match.end() : end],
                flat_segment[match.end() : end],
            )
            deadlines.append((date, scope))
    return ParsedDeadline(original, deadlines, bool(_RECURRING.search(flat)))


# Words that start an agency's name: a comma before one of them separates two agencies
# ("Sở Kế hoạch và Đầu tư, Công an tỉnh"); a comma before anything else is inside a name
# ("Các sở, ban, ngành", "UBND huyện, thị xã, thành phố").
_AGENCY_HEADS = re.compile(
    r"^(?:Sở|Ban|UBND|Ủy ban|Uỷ ban|Văn phòng|VP|Công an|Ngân hàng|Trung tâm|Cục|Chi cục|Bộ|Đài|Báo|Kho bạc|"
    r"Thanh tra|Bảo hiểm|BHXH|Cơ quan|Các cơ quan|Các sở|Tòa án|Toà án|Viện|Phòng|Hội|Liên đoàn|Đoàn|"
    r"Chi nhánh|Tổng cục|Quỹ|Cảng vụ|Bộ phận|Hội đồng|Tỉnh đoàn|Mặt trận|UB MTTQ|Cổng|Thuế|Ủy ban MTTQ)\b"
)
_AGENCY_SPLIT = re.compile(r"\n+|;|^\s*[-–•+*]\s+", re.M)
_ROLE_SUFFIX = re.compile(r"\s+(?:chủ trì(?: tham mưu)?|tham mưu|phối hợp|thực hiện)\s*$", re.IGNORECASE)


def _split_commas(piece: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in piece:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    names: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if names and not _AGENCY_HEADS.match(part):
            names[-1] = f"{names[-1]}, {part}"
        else:
            names.append(part)
    return names


def split_agencies(text: str | None, *, strip_roles: bool = False) -> list[str]:
    """Agency names listed in one cell (bullets, new lines, ``;``, and commas where safe).

    ``strip_roles`` drops a trailing role (``chủ trì tham mưu``, ``phối hợp``) from each name.
    """
    if not text:
        return []
    text = unicodedata.normalize("NFC", text)
    names: list[str] = []
    for piece in _AGENCY_SPLIT.split(text):
        piece = piece.strip().lstrip("-–•+* ").strip()
        for name in _split_commas(piece):
            name = name.strip().rstrip(".;,:").strip()
            if strip_roles:
                name = _ROLE_SUFFIX.sub("", name).strip()
            if name:
                names.append(name)
    return names
