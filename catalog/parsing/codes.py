"""Procedure codes, agency identifiers and decision numbers.

Procedure codes: the national database numbers each procedure ``<group>.<6 digits>`` (``1.001234``,
``2.000889``). Provinces append the agency identifier of the publishing body, sometimes in short
form (``1.012753.H19``), usually in full (``2.002154.000.00.00.H29``), and a service variant may
follow (``2.000815.000.00.00.H55.02``, ``1.013652.01``). Spreadsheets add trailing dots and spaces,
and a numeric cell read back as a float loses trailing zeros (``1.0012`` for ``1.001200``).

Agency identifiers follow QCVN 102:2016/BTTTT (kept by Quyết định 20/2020/QĐ-TTg): four levels
written ``V1V2V3.Z1Z2.Y1Y2.<level 1>``. Level 1 is a capital letter and two digits (``G01`` Bộ Công
an, ``H22`` a province's People's Committee, ``K57`` a provincial People's Council); level 2 is two
digits (``Y1Y2``), level 3 two digits (``Z1Z2``), level 4 three digits (``V1V2V3``), zero where the
unit sits higher up: ``000.00.00.H22`` is the level-1 body itself, ``000.00.12.H22`` its level-2
unit 12. We check that shape and that no level is set under a zero parent; the letter is not checked
against the published list, which changes (Quyết định 09/2025/QĐ-TTg renumbered ministries).

Decision numbers: ``Quyết định số 6225/QĐ-BQP``, ``3980 /QĐ-BQP``, ``12/2021/QĐ-TTg``, ``QĐ/0001-BCA``
are normalised to ``<number>[/<year>]/<type>-<issuer>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .text import normalize_text

__all__ = [
    "AgencyCode",
    "DecisionNumber",
    "ProcedureCode",
    "is_agency_code",
    "is_procedure_code",
    "normalize_agency_code",
    "normalize_decision_number",
    "normalize_procedure_code",
    "parse_agency_code",
    "parse_decision_number",
    "parse_procedure_code",
]

_AGENCY = r"(?:(?P<l4>\d{3})\.(?P<l3>\d{2})\.(?P<l2>\d{2})\.)?(?P<l1>[A-Z]\d{2})"
_AGENCY_RE = re.compile(rf"^{_AGENCY}$")
_PROCEDURE_RE = re.compile(
    rf"^(?P<national>[1-9]\.\d{{6}})(?:\.(?P<agency>{_AGENCY}))?(?:\.(?P<variant>\d{{1,3}}))?$"
)


@dataclass(frozen=True)
class AgencyCode:
    """An agency identifier in the QCVN 102:2016/BTTTT shape; ``code`` is its full four-level form."""

    level1: str
    level2: str = "00"
    level3: str = "00"
    level4: str = "000"

    @property
    def code(self) -> str:
        return f"{self.level4}.{self.level3}.{self.level2}.{self.level1}"

    @property
    def level(self) -> int:
        """1 for the level-1 body itself (``000.00.00.H22``), up to 4 for a level-4 unit."""
        if self.level4 != "000":
            return 4
        if self.level3 != "00":
            return 3
        return 2 if self.level2 != "00" else 1

    def __str__(self) -> str:
        return self.code


def _clean_code(value: object) -> str:
    text = normalize_text(str(value)) if value is not None else ""
    # Spaces around dots and trailing dots come from hand-typed spreadsheet cells.
    text = re.sub(r"\s*\.\s*", ".", text).strip(" .")
    return text.upper()


def parse_agency_code(value: object) -> AgencyCode | None:
    """Parse ``000.00.12.H22``, ``H22`` or ``g01`` into an :class:`AgencyCode`; None if not that shape."""
    match = _AGENCY_RE.match(_clean_code(value))
    if not match:
        return None
    l4, l3, l2 = match["l4"] or "000", match["l3"] or "00", match["l2"] or "00"
    if (l3 != "00" and l2 == "00") or (l4 != "000" and l3 == "00"):
        return None  # a unit cannot hang under a level left at zero
    return AgencyCode(match["l1"], l2, l3, l4)


def is_agency_code(value: object) -> bool:
    return parse_agency_code(value) is not None


def normalize_agency_code(value: object) -> str | None:
    """The full form (``H22`` → ``000.00.00.H22``), or None when *value* is not an agency identifier."""
    agency = parse_agency_code(value)
    return agency.code if agency else None


@dataclass(frozen=True)
class ProcedureCode:
    """A procedure code split into its national part, the local agency suffix and a service variant."""

    national: str
    agency: str | None = None
    variant: str | None = None

    @property
    def code(self) -> str:
        return ".".join(part for part in (self.national, self.agency, self.variant) if part)

    @property
    def is_national(self) -> bool:
        return self.agency is None and self.variant is None

    def __str__(self) -> str:
        return self.code


def parse_procedure_code(value: object, *, from_number: bool = False) -> ProcedureCode | None:
    """Parse a procedure code; None when *value* is not one.

    Floats and Decimals (a numeric spreadsheet cell) are padded back to six decimals. Pass
    ``from_number=True`` for strings that went through a number (``"1.0012"`` from a CSV export of a
    numeric column) to pad them too; a typed string is never padded, a missing digit is an error.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float | Decimal):
        from_number = True
        value = format(Decimal(str(value)), "f")
    text = _clean_code(value).replace(",", ".")
    if from_number and re.fullmatch(r"[1-9]\.\d{1,5}", text):
        text = text.ljust(8, "0")
    match = _PROCEDURE_RE.match(text)
    if not match:
        return None
    agency = match["agency"]
    if agency is not None:
        parsed = parse_agency_code(agency)
        if parsed is None:
            return None
        # Keep the short "H19" form as written: it is how the province publishes it, and the long
        # form would be a different string to look up.
        agency = parsed.level1 if agency == parsed.level1 else parsed.code
    return ProcedureCode(match["national"], agency, match["variant"])


def normalize_procedure_code(value: object, *, from_number: bool = False) -> str | None:
    """The cleaned code (``" 1.001234. "`` → ``1.001234``), or None when *value* is not a procedure code."""
    code = parse_procedure_code(value, from_number=from_number)
    return code.code if code else None


def is_procedure_code(value: object) -> bool:
    return parse_procedure_code(value) is not None


@dataclass(frozen=True)
class DecisionNumber:
    """A decision's number: ``6225/QĐ-BQP`` is number 6225, type QĐ, issuer BQP."""

    number: str
    type: str | None = None
    issuer: str | None = None
    year: str | None = None

    @property
    def code(self) -> str:
        head = f"{self.number}/{self.year}" if self.year else self.number
        if not self.type:
            return head
        return f"{head}/{self.type}-{self.issuer}" if self.issuer else f"{head}/{self.type}"

    def __str__(self) -> str:
        return self.code


_DECISION_PREFIX_RE = re.compile(r"^(?:quyết\s+định\s*)?(?:số\s*[:.]?\s*)?", re.IGNORECASE)
# Types typed without the Vietnamese letter Đ.
_ASCII_TYPES = {"QD": "QĐ", "ND": "NĐ"}
_NUMBER = r"(?P<number>\d+[a-zA-Z]?)"
_TYPE = r"(?P<type>[A-ZĐ]{1,6})"
_ISSUER = r"(?P<issuer>[A-Za-zĐđ0-9]+(?:-[A-Za-zĐđ0-9]+)*)"
_DECISION_FORMS = (
    # 6225/QĐ-BQP, 3980 /QĐ-BQP, 9999./QĐ-BXD, 12/2021/QĐ-TTg, 99/QĐCB
    re.compile(rf"^{_NUMBER}\s*\.?\s*/\s*(?:(?P<year>(?:19|20)\d{{2}})\s*/\s*)?{_TYPE}\s*-?\s*{_ISSUER}?$"),
    # QĐ/0001-BCA, QĐ9999-BTP
    re.compile(rf"^{_TYPE}\s*/?\s*{_NUMBER}\s*-\s*{_ISSUER}$"),
    # A bare number ("Quyết định số 4777")
    re.compile(rf"^{_NUMBER}$"),
)


def parse_decision_number(value: object) -> DecisionNumber | None:
    """Parse a decision number in any of the written forms; None when none fits."""
    text = normalize_text(str(value)) if value is not None else ""
    text = _DECISION_PREFIX_RE.sub("", text, count=1).strip(" .;,")
    for form in _DECISION_FORMS:
        match = form.match(text)
        if not match:
            continue
        parts = match.groupdict()
        kind = parts.get("type")
        if kind is not None:
            kind = _ASCII_TYPES.get(kind.upper(), kind.upper())
        if kind is not None and parts.get("issuer") is None and len(kind) > 2 and kind.startswith("QĐ"):
            kind, parts["issuer"] = "QĐ", kind[2:]  # "99/QĐCB": the dash was dropped
        return DecisionNumber(parts["number"], kind, parts.get("issuer"), parts.get("year"))
    return None


def normalize_decision_number(value: object) -> str | None:
    """``Quyết định số 6225/QĐ-BQP`` → ``6225/QĐ-BQP``; None when *value* is not a decision number."""
    decision = parse_decision_number(value)
    return decision.code if decision else None
