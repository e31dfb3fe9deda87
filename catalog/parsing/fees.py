"""Fees and charges ("phí, lệ phí") of a procedure or channel.

Three shapes occur in the sources, and :func:`parse_fees` handles each:

* a labelled line per tier, as in the BQP data: ``Phí : 2.000.000 Đồng (Thẩm định …)``,
  ``Lệ phí : 1.5 USD``, ``Phí : o Đồng`` (a letter o for zero), ``Phí :  Đồng (Theo quy định…)``;
* the national portal's cell: an amount and currency, then a note in brackets:
  ``2,000,000 Việt Nam Đồng(Phí kiểm tra …)``, ``Miễn phí(Không)``. The amount before the bracket is
  the portal's structured value and wins over figures quoted in the note;
* prose: ``200.000 đồng/lần/người``, ``- Cấp mới: 50.000đ; - Cấp lại: miễn phí``,
  ``0,5% giá trị hợp đồng``, ``theo quy định của Bộ Tài chính``. Every amount (with a currency, or
  with thousands separators before a ``/`` as in ``8.000.000/lần``) and every percentage becomes a
  tier described by its clause.

Amounts without a currency are Vietnamese đồng. ``1.500.000`` and ``1,500,000`` are both 1,500,000:
one separator followed by exactly three digits groups thousands, otherwise it is a decimal point.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from .text import fold, normalize_text, strip_diacritics

__all__ = ["Fee", "FeeKind", "fees_json", "fees_structured", "parse_amount", "parse_fees"]

FeeKind = Literal["phí", "lệ phí"]


@dataclass(frozen=True)
class Fee:
    """One fee tier.

    ``amount`` is 0 for a free service and None when the text gives no figure ("theo quy định") or
    gives a rate instead, in ``percent``. ``per`` is what the amount is charged for (``lần/người``).
    ``description`` says which case the tier applies to; ``text`` is the source text of the tier.
    """

    amount: Decimal | None
    currency: str | None
    kind: FeeKind | None
    description: str
    text: str
    percent: Decimal | None = None
    per: str | None = None

    @property
    def is_free(self) -> bool:
        return self.amount == 0

    @property
    def is_structured(self) -> bool:
        return self.amount is not None or self.percent is not None


def fees_structured(fees: Sequence[Fee]) -> bool:
    """Tell whether *fees* (from :func:`parse_fees`) carry figures: at least one tier, each with an
    amount (0 when free) or a percentage. False for "theo quy định" and for an empty list."""
    return bool(fees) and all(fee.is_structured for fee in fees)


_AMOUNT = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
# Longest spellings first; matched on the diacritic-free lower-case form.
_CURRENCIES: tuple[tuple[str, str], ...] = (
    ("viet nam dong", "VND"),
    ("vnd", "VND"),
    ("dong", "VND"),
    ("d", "VND"),
    ("usd", "USD"),
    ("do la my", "USD"),
    ("dola my", "USD"),
    ("\\$", "USD"),
    ("eur", "EUR"),
    ("euro", "EUR"),
)
_CURRENCY = "|".join(sorted((c for c, _ in _CURRENCIES), key=len, reverse=True))
_CURRENCY_RE = re.compile(rf"^(?:{_CURRENCY})(?![a-z])")
_MONEY_RE = re.compile(rf"(?<![\d.,/])(?P<amount>{_AMOUNT})\s*(?P<currency>{_CURRENCY})(?![a-z])")
# "8.000.000/lần": thousands separators make a bare figure a sum of money even without a currency.
_GROUPED_RE = re.compile(r"(?<![\d.,/])(?P<amount>\d{1,3}(?:[.,]\d{3})+)(?=\s*/)")
# A figure right after "năm", "ngày", "số", "Điều"… is a date or a reference, even when the export's
# template glued "Đồng" after it ("… ngày 11 tháng 11 năm 2016 Đồng").
_NOT_MONEY_RE = re.compile(r"(?:\bnam|\bngay|\bthang|\bso|\bdieu|\bkhoan|\bmuc|\bdiem)\s*$")
_PERCENT_RE = re.compile(r"(?<![\d.,])(?P<amount>\d+(?:[.,]\d+)?)\s*%")
_PER_RE = re.compile(r"^\s*/\s*(?P<per>[^,;.()\n:]{1,40})")
_LABEL_RE = re.compile(r"^\s*(?P<kind>le phi|phi)\s*:\s*")
_HEAD_RE = re.compile(rf"\s*(?:(?P<amount>{_AMOUNT}|o|khong)\s*)?(?P<currency>{_CURRENCY})(?![a-z])\s*")
_FREE_RE = re.compile(r"\s*mien\s+(?:phi|le\s+phi)(?![a-z])\s*")
_FREE_WORDS = frozenset(
    {"mien phi", "khong", "khong co", "khong thu", "khong thu phi", "khong thu le phi", "mien le phi", "0"}
)
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper())
# Tier boundaries: lines, ";", bullets ("- ", "+ ", "a) "), and sentence ends before a capital letter.
_SEGMENT_SPLIT_RE = re.compile(
    rf"\n|;|(?:^|(?<=[\s;]))(?:[-+•*]|\(?[a-zđ]\))\s+|(?<=[^\s\d.])\.\s+(?=[{_UPPER}])"
)


def parse_amount(text: str) -> Decimal | None:
    """Parse ``1.500.000``, ``1,500,000``, ``1.5``, ``0,5`` or ``15000000`` into a Decimal."""
    text = text.strip()
    if not re.fullmatch(_AMOUNT, text):
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns above only let digits through
        return None


def _currency(word: str) -> str:
    word = " ".join(word.split())
    return next((code for spelling, code in _CURRENCIES if re.fullmatch(spelling, word)), "VND")


def _kind(text: str) -> FeeKind | None:
    folded = fold(text)
    if re.search(r"\ble phi\b", folded):
        return "lệ phí"
    if re.search(r"(?<!mien )\bphi\b", folded):
        return "phí"
    return None


def _clean(text: str) -> str:
    """Strip one enclosing pair of brackets, bullets and trailing punctuation."""
    text = text.strip()
    if text.startswith("(") and _balanced(text, 0) == len(text):
        text = text[1:-1]
    return text.strip(" :-–+;,.*•").strip()


def _balanced(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    return len(text)


def _note(line: str, folded: str, start: int) -> str | None:
    """The bracketed note starting at *start*, if it runs to the end of *line*; else None."""
    rest = folded[start:]
    if not rest.strip():
        return ""
    offset = start + len(rest) - len(rest.lstrip())
    if folded[offset] == "(" and _balanced(folded, offset) >= len(folded.rstrip(" .")):
        return _clean(line[offset:])
    return None


def _head(line: str, folded: str) -> list[Fee] | None:
    """Parse a labelled (``Phí : …``) or portal (``70,000 VNĐ(…)``, ``Miễn phí(…)``) line, or None."""
    label = _LABEL_RE.match(folded)
    kind: FeeKind | None = None
    start = 0
    if label:
        kind = "lệ phí" if label["kind"] == "le phi" else "phí"
        start = label.end()
    free = _FREE_RE.match(folded, start)
    head = _HEAD_RE.match(folded, start)
    note = _note(line, folded, (free or head).end()) if free or head else None
    if free and note is not None:
        return [Fee(Decimal(0), "VND", kind or _kind(note), note or "Miễn phí", line)]
    if head and note is not None and (head["amount"] is not None or label):
        word = head["amount"]
        amount = Decimal(0) if word in ("o", "khong") else parse_amount(word) if word else None
        if amount is not None:
            currency, per = _quoted(note, amount, _currency(head["currency"]))
            return [Fee(amount, currency, kind or _kind(note), note, line, per=per)]
        # "Phí :  Đồng (…)": the export's template with the figure left out; the note may still hold one.
        mined = _mine(note, kind)
        return mined if any(f.is_structured for f in mined) else [Fee(None, None, kind, note, line)]
    if label:
        # "Phí : Mức thu bằng 50% mức thu … Đồng (…)": prose put where the figure belongs.
        body = line[start:]
        mined = _mine(body, kind)
        return mined if any(f.is_structured for f in mined) else [Fee(None, None, kind, _clean(body), line)]
    return None


def _quoted(note: str, amount: Decimal, currency: str) -> tuple[str, str | None]:
    """Currency and "per" of the note's quote of *amount* ("70.000 đồng/Giấy chứng nhận").

    The portal prints every head in VNĐ; a note quoting the same figure in USD corrects it
    ("155 VNĐ(… 155 USD/thẻ.)").
    """
    folded = strip_diacritics(note).lower()
    for match in _MONEY_RE.finditer(folded):
        if parse_amount(match["amount"]) == amount:
            per = _PER_RE.match(note[match.end() :])
            return _currency(match["currency"]), _clean(per["per"]) if per else None
    return currency, None


def _fee_at(segment: str, folded: str, match: re.Match[str], kind: FeeKind | None) -> Fee:
    per = _PER_RE.match(segment[match.end() :])
    return Fee(
        parse_amount(match["amount"]),
        _currency(match["currency"]) if "currency" in match.groupdict() else "VND",
        kind or _kind(segment[: match.start()]) or _kind(segment),
        _clean(segment),
        segment,
        per=_clean(per["per"]) if per else None,
    )


def _mine(text: str, kind: FeeKind | None = None) -> list[Fee]:
    """Every amount, percentage and "free" statement in *text*, one tier per clause."""
    fees: list[Fee] = []
    for segment in _SEGMENT_SPLIT_RE.split(text):
        segment = segment.strip() if segment else ""
        if not segment:
            continue
        folded = strip_diacritics(segment).lower()
        found = [m for m in _MONEY_RE.finditer(folded) if not _NOT_MONEY_RE.search(folded, 0, m.start())]
        found = found or list(_GROUPED_RE.finditer(folded))
        fees.extend(_fee_at(segment, folded, match, kind) for match in found)
        for match in _PERCENT_RE.finditer(folded):
            percent = parse_amount(match["amount"])
            fees.append(Fee(None, None, kind or _kind(segment), _clean(segment), segment, percent=percent))
        if not found and re.search(r"\bmien\s+(?:le\s+)?phi\b|\bkhong\s+thu\b", folded):
            fees.append(Fee(Decimal(0), "VND", kind or _kind(segment), _clean(segment), segment))
    return fees


def parse_fees(text: object) -> list[Fee]:
    """Parse a fee cell into its tiers.

    Returns ``[]`` when the cell is empty or says ``Không có thông tin``; a single tier with amount 0
    for ``Miễn phí`` / ``Không``; a tier with amount None for prose without figures ("theo quy định").
    Use :func:`fees_structured` to tell whether the result carries figures.
    """
    if isinstance(text, int | float | Decimal) and not isinstance(text, bool):
        text = format(Decimal(str(text)), "f")
    original = normalize_text(text if isinstance(text, str) else None)
    whole = fold(original)
    if not whole or whole in {"n a", "na"} or whole.startswith(("khong co thong tin", "chua co thong tin")):
        return []
    if whole in _FREE_WORDS:
        return [Fee(Decimal(0), "VND", None, "Miễn phí", original)]
    amount = parse_amount(original)
    if amount is not None:  # a bare number, as spreadsheets and the e-PAR workflows write fees
        return [Fee(amount, "VND", None, "", original)]
    fees: list[Fee] = []
    prose: list[str] = []
    for line in original.split("\n"):
        folded = strip_diacritics(line).lower()
        head = _head(line, folded)
        if head is not None:
            fees.extend(head)
        elif line.strip():
            prose.append(line)
    if prose:
        mined = _mine("\n".join(prose))
        # Lines without figures ("File đính kèm: …") only matter when nothing else was found.
        fees.extend(fee for fee in mined if fee.is_structured or not fees)
    if not fees:
        fees.append(Fee(None, None, _kind(original), _clean(original), original))
    return fees


def fees_json(text: object) -> list[dict]:
    """A fee cell's parsed fees as stored on a channel (`ProcedureChannel.fees`): JSON-ready, amounts as text."""
    out = []
    for fee in parse_fees(text):
        item = asdict(fee)
        for key, val in item.items():
            if isinstance(val, Decimal):
                item[key] = str(val)
        out.append(item)
    return out
