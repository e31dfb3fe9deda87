"""Report periods (`2026-11`, `2026-Q4`, `2026`) and scopes (`province`, `agency:<id>`, …), parsed from text.

Pure Python except for `Scope.q()`, which builds the dossier filter; bad input raises `ReportInputError`
with a Vietnamese message the API and the pages show as is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PERIOD_RE = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])))?$")


class ReportInputError(ValueError):
    """A period or scope the reports cannot read; the message is Vietnamese."""


@dataclass(frozen=True)
class Period:
    label: str  # "2026-11", "2026-Q4", "2026"
    kind: str  # "month", "quarter", "year"
    start: dt.datetime  # local midnight, inclusive
    end: dt.datetime  # local midnight, exclusive

    @property
    def title(self) -> str:
        year = self.start.year
        if self.kind == "month":
            return f"Tháng {self.start.month:02d}/{year}"
        if self.kind == "quarter":
            return f"Quý {('I', 'II', 'III', 'IV')[(self.start.month - 1) // 3]}/{year}"
        return f"Năm {year}"

    def previous(self) -> Period:
        return period_containing(self.start - dt.timedelta(days=1), self.kind)

    def months(self) -> list[Period]:
        out, cursor = [], self.start
        while cursor < self.end:
            month = period_containing(cursor, "month")
            out.append(month)
            cursor = month.end
        return out


def _local_midnight(year: int, month: int) -> dt.datetime:
    return dt.datetime(year, month, 1, tzinfo=VN)


def parse_period(text: str) -> Period:
    match = PERIOD_RE.match((text or "").strip())
    if not match:
        raise ReportInputError(
            f"Kỳ báo cáo “{text}” không đúng dạng: dùng 2026-11 (tháng), 2026-Q4 (quý) hoặc 2026 (năm)."
        )
    year, month, quarter = int(match[1]), match[2], match[3]
    if not 2000 <= year <= 2100:
        raise ReportInputError(f"Năm {year} nằm ngoài khoảng báo cáo được (2000–2100).")
    if month is not None:
        month = int(month)
        if not 1 <= month <= 12:
            raise ReportInputError(f"Tháng {month} không tồn tại.")
        end = _local_midnight(year + (month == 12), month % 12 + 1)
        return Period(f"{year}-{month:02d}", "month", _local_midnight(year, month), end)
    if quarter is not None:
        q = int(quarter)
        start = _local_midnight(year, 3 * q - 2)
        end = _local_midnight(year + (q == 4), (3 * q) % 12 + 1)
        return Period(f"{year}-Q{q}", "quarter", start, end)
    return Period(str(year), "year", _local_midnight(year, 1), _local_midnight(year + 1, 1))


def period_containing(moment: dt.datetime | dt.date, kind: str) -> Period:
    local = moment.astimezone(VN) if isinstance(moment, dt.datetime) else moment
    if kind == "month":
        return parse_period(f"{local.year}-{local.month:02d}")
    if kind == "quarter":
        return parse_period(f"{local.year}-Q{(local.month - 1) // 3 + 1}")
    return parse_period(str(local.year))


@dataclass(frozen=True)
class Scope:
    """Which dossiers a report covers: the province, one agency, one center, one procedure or one commune."""

    kind: str  # province | agency | center | procedure | commune
    key: str = ""

    @property
    def label(self) -> str:
        return self.kind if self.kind == "province" else f"{self.kind}:{self.key}"


SCOPE_KINDS = ("province", "agency", "center", "procedure", "commune")


def parse_scope(text: str | None) -> Scope:
    text = (text or "province").strip()
    kind, _, key = text.partition(":")
    if kind not in SCOPE_KINDS or (kind == "province") != (key == ""):
        raise ReportInputError(
            f"Phạm vi “{text}” không đúng dạng: province, agency:<mã số cơ quan>, center:<mã nơi tiếp nhận>, "
            "procedure:<mã thủ tục> hoặc commune:<mã số UBND xã>."
        )
    if kind in ("agency", "commune") and not key.isdigit():
        raise ReportInputError(f"Mã số cơ quan “{key}” phải là một số (xem /api/v1/agencies/).")
    return Scope(kind, key)
