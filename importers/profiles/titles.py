"""The document an appendix belongs to, read from its title lines.

Appendices say whose they are in a line such as ``(Ban hành kèm theo Kế hoạch số 1655 /KH-UBND ngày 03 / 10
/2018 của UBND tỉnh Quảng Bình)`` or ``(Kèm theo Quyết định số 3342/QĐ-UBND ngày 05 tháng 9 năm 2018 của Chủ
tịch UBND tỉnh Thanh Hóa)``: the number keys the plan or the draft decision, so re-importing the same appendix
finds the same record.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from catalog.parsing import normalize_decision_number

__all__ = ["DocumentRef", "document_reference"]

_REFERENCE = re.compile(
    r"(?P<kind>quyết\s+định|kế\s+hoạch|chỉ\s+thị|công\s+văn)\s+số\s*[:.]?\s*"
    r"(?P<number>\d+[a-zA-Z]?\s*\.?\s*/\s*(?:(?:19|20)\d{2}\s*/\s*)?[A-ZĐ]{1,6}\s*-\s*[A-Za-zĐđ0-9]+(?:-[A-Za-zĐđ0-9]+)*)"
    r"(?:\s*,?\s*ngày\s*(?P<day>\d{1,2})\s*(?:/|tháng)\s*(?P<month>\d{1,2})\s*(?:/|năm)\s*(?P<year>(?:19|20)\d{2}))?"
    r"(?:\s*của\s+(?P<issuer>[^)\n]+))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DocumentRef:
    kind: str  # "Quyết định", "Kế hoạch"…
    number: str  # normalised: "1655/KH-UBND"
    issued: dt.date | None
    issuer: str


def document_reference(text: str) -> DocumentRef | None:
    """The first decision or plan named in ``text`` with its number, date and issuer; None when none is."""
    match = _REFERENCE.search(text or "")
    if match is None:
        return None
    number = normalize_decision_number(match["number"]) or re.sub(r"\s+", "", match["number"])
    issued = None
    if match["year"]:
        try:
            issued = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            issued = None
    kind = " ".join(match["kind"].split()).capitalize()
    issuer = " ".join((match["issuer"] or "").split()).rstrip(" .;,")
    return DocumentRef(kind, number, issued, issuer)
