"""Processing time ("thời hạn giải quyết") of a procedure or channel.

Values come as table cells (``05 Ngày làm việc``, ``30 Ngày``, ``02 Giờ``, ``0.5``, ``-1``,
``Không quy định``, ``Trong ngày``) or as sentences (``Không quá 15 ngày làm việc kể từ ngày nhận đủ
hồ sơ hợp lệ``, ``10 ngày làm việc (trường hợp …: 20 ngày)``). :func:`parse_processing_time` returns
the first, principal figure with its unit and keeps the original text for display.

Units: ``working_day`` (ngày làm việc), ``day`` (calendar days: ``ngày`` alone), ``hour`` (giờ, which in
a procedure means working hours). Weeks become calendar days. Months and years are left unparsed:
converting them to days would invent a precision the law does not give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from .text import is_empty_value, normalize_text, strip_diacritics

__all__ = ["TIME_UNITS", "ProcessingTime", "TimeUnit", "parse_processing_time"]

TimeUnit = Literal["working_day", "day", "hour"]
TIME_UNITS: tuple[TimeUnit, ...] = ("working_day", "day", "hour")


@dataclass(frozen=True)
class ProcessingTime:
    """A parsed processing time.

    ``parsed`` is True when the text was understood: then either ``value`` and ``unit`` are set, or both
    are None, which means "no time limit" (``Không quy định``, ``-1``). ``value`` 0 with ``working_day``
    means "within the day". When ``parsed`` is False, ``value`` and ``unit`` are None and only ``text``
    (the normalised original) is meaningful.
    """

    value: Decimal | None
    unit: TimeUnit | None
    text: str
    parsed: bool

    @property
    def no_limit(self) -> bool:
        return self.parsed and self.value is None

    def as_dict(self) -> dict[str, Any]:
        """``{"value": 15, "unit": "working_day", "text": "15 ngày làm việc"}``; value int when whole."""
        value: int | float | None = None
        if self.value is not None:
            value = int(self.value) if self.value == self.value.to_integral_value() else float(self.value)
        return {"value": value, "unit": self.unit, "text": self.text}


# All patterns run on the lower-cased, diacritic-free form (same length as the text), so "Ngày",
# "ngày" and "ngay" are one spelling and offsets still point into the original.
_NUMBER = r"(?P<number>\d+(?:[.,]\d+)?|\d+/\d+)"
# "05 (năm) ngày", "01 (một) ngày làm việc": a spelled-out copy of the figure may sit in between.
_SPELLED = r"(?:\s*\([^()\d]{1,20}\))?"
_UNIT = (
    r"(?P<unit>ngay\s+lam\s+viec|ngay\s+lv|ngay|gio\s+lam\s+viec|gio|tieng"
    r"|tuan(?:\s+lam\s+viec)?|thang|nam)"
)
_FIGURE_RE = re.compile(rf"(?<![\d/.,]){_NUMBER}{_SPELLED}\s*{_UNIT}(?![a-z])")
# A range "10-25 ngày" or "từ 10 đến 25 ngày": the figure before the unit is the upper bound; the
# principal (first) figure is the lower one, found by _RANGE_RE and given the range's unit.
_RANGE_RE = re.compile(
    rf"(?<![\d/.,])(?P<low>\d+(?:[.,]\d+)?)\s*(?:-|–|den|toi)\s*{_NUMBER}{_SPELLED}\s*{_UNIT}(?![a-z])"
)
_BARE_RE = re.compile(r"^[+]?(?P<number>\d+(?:[.,]\d+)?)\.?$")
_NO_LIMIT_RE = re.compile(
    r"^(?:-\s*1|khong\s+(?:quy\s+dinh|gioi\s+han|han\s+che|xac\s+dinh)(?:\s+thoi\s+(?:han|gian))?)\b"
)
_NO_LIMIT_ANYWHERE_RE = re.compile(r"\bkhong\s+(?:quy\s+dinh|gioi\s+han)\s+thoi\s+(?:han|gian)")
_WITHIN_DAY_RE = re.compile(
    r"\b(?:(?:ngay\s+)?trong\s+(?:ngay|buoi|ngay\s+lam\s+viec)(?![a-z])|giai\s+quyet\s+ngay|tra\s+(?:ket\s+qua\s+)?ngay)"
)
_UNITS: dict[str, tuple[TimeUnit | None, Decimal]] = {
    "ngay": ("day", Decimal(1)),
    "gio": ("hour", Decimal(1)),
    "tieng": ("hour", Decimal(1)),
    "tuan": ("day", Decimal(7)),
    "tuan lam viec": ("working_day", Decimal(5)),
    "thang": (None, Decimal(1)),
    "nam": (None, Decimal(1)),
}


def _number(text: str) -> Decimal | None:
    try:
        if "/" in text:
            numerator, denominator = text.split("/")
            return Decimal(numerator) / Decimal(denominator) if int(denominator) else None
        return Decimal(text.replace(",", "."))
    except (InvalidOperation, ValueError):
        return None


def _unit(word: str) -> tuple[TimeUnit | None, Decimal]:
    """(unit, factor) of a unit word; "giờ làm việc" is still hours, "ngày làm việc" working days."""
    word = " ".join(word.split())
    if word in ("ngay lam viec", "ngay lv"):
        return "working_day", Decimal(1)
    if word.startswith("gio"):
        return "hour", Decimal(1)
    return _UNITS.get(word, (None, Decimal(1)))


def _first_figure(folded: str) -> tuple[int, Decimal, TimeUnit | None] | None:
    """Position, value and unit of the first "<number> <unit>" in *folded*, or None."""
    figure = _FIGURE_RE.search(folded)
    span = _RANGE_RE.search(folded)
    if span and (figure is None or span.start() <= figure.start()):
        unit, factor = _unit(span["unit"])
        low = _number(span["low"])
        return (span.start(), low * factor, unit) if low is not None else None
    if figure is None:
        return None
    unit, factor = _unit(figure["unit"])
    value = _number(figure["number"])
    return (figure.start(), value * factor, unit) if value is not None else None


def _from_hint(number: Decimal, hint: str) -> TimeUnit | None:
    """The unit *hint* gives the same figure: the principal figure of one of its lines must be it.

    Only each line's first figure counts, so a "01 ngày làm việc" buried in a later step cannot lend
    its unit to a placeholder "1".
    """
    for line in normalize_text(hint).split("\n"):
        figure = _first_figure(strip_diacritics(line).lower())
        if figure is not None and figure[1] == number and figure[2] is not None:
            return figure[2]
    return None


def parse_processing_time(
    text: object, *, default_unit: TimeUnit | None = None, hint: str | None = None
) -> ProcessingTime:
    """Parse a processing time cell or sentence.

    A bare number (``5``, ``0.5``) carries no unit. Sources whose numbers have a known unit say so
    with *default_unit* (the e-PAR workflows count working days). Otherwise *hint*, text about the same
    channel (its description, the other rows of its table, one per line), may state the same figure
    as the principal figure of a line ("05 ngày làm việc kể từ…") and lend its unit; failing both,
    the value stays unparsed rather than guessed.
    """
    if isinstance(text, int | float | Decimal) and not isinstance(text, bool):
        text = format(text, "f") if isinstance(text, Decimal) else repr(text)
    original = normalize_text(text if isinstance(text, str) else None)
    folded = strip_diacritics(original).lower()
    # A lone "Không" in a time cell answers "is there a time limit?": no. Elsewhere it means "no value".
    if _NO_LIMIT_RE.match(folded) or folded.strip(" .") == "khong":
        return ProcessingTime(None, None, original, True)
    if not original or is_empty_value(original):
        return ProcessingTime(None, None, original, False)
    bare = _BARE_RE.match(folded)
    if bare:
        number = _number(bare["number"])
        unit = default_unit or (_from_hint(number, hint) if number is not None and hint else None)
        return ProcessingTime(number if unit else None, unit, original, unit is not None)
    figure = _first_figure(folded)
    within = _WITHIN_DAY_RE.search(folded)
    if within and (figure is None or within.start() < figure[0]):
        return ProcessingTime(Decimal(0), "working_day", original, True)
    if figure is None and _NO_LIMIT_ANYWHERE_RE.search(folded):
        return ProcessingTime(None, None, original, True)
    if figure is None or figure[2] is None:
        return ProcessingTime(None, None, original, False)
    _, value, unit = figure
    return ProcessingTime(value, unit, original, True)
