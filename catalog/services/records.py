"""Procedure records: the one dict shape in which procedures enter the catalog.

```
{"code": "1.001193", "name": "…", "procedure_type": "…", "levels": ["commune"], "fields": ["ho-tich"],
 "agency": "000.00.01.H22", "competent_agency": "…", "cooperating_agencies": ["…"], "delegated_agency": "…",
 "applicant_types": ["…"], "channels": [{"channel": "direct", "processing_time": "05 ngày làm việc",
 "fees": "Miễn phí", "description": "…"}], "components": [{"name": "…", "originals": 1, "copies": 0,
 "required": true, "template": "…"}], "steps": ["…"], "requirements": "…", "result": "…",
 "legal_basis": [{"number": "…", "title": "…", "issued": "2014-11-20", "issuer": "…"}], "related": ["1.000001"],
 "online_level": "full|partial|none", "onsite": {"receive": true, …}, "inter_agency": false,
 "centers": ["TTPVHCC-H22"], "status": "active", "effective_from": "2021-07-01"}
```
Only `code` and `name` are required. Fields and levels may be given by code or by name; unknown fields are
created (a decision may bring a new sector), unknown levels and agencies are errors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from catalog.models import (
    AgencyLevel,
    Field,
    LegalBasis,
    Procedure,
    ProcedureChannel,
    ProcedureComponent,
    ProcedureStep,
)
from catalog.parsing.codes import normalize_procedure_code
from catalog.parsing.fees import fees_json, fees_structured, parse_fees
from catalog.parsing.processing_time import parse_processing_time
from catalog.parsing.text import fold, normalize_text
from catalog.search_seed import national_aliases

from .lookups import CatalogLookups, ProcedureRecordError

CHANNELS = ("direct", "online", "postal")
#: The procedure's copy of its principal (first) channel, which list views and search read.
CHANNEL_ATTRS = ("processing_time_text", "processing_time_value", "processing_time_unit", "fee_text")
ONSITE_KEYS = ("receive", "appraise", "approve", "return")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "\n".join(normalize_text(str(v)) for v in value if str(v).strip())
    return normalize_text(str(value))


def channel_values(
    processing_time: Any, fees: Any, *, lookups: CatalogLookups | None = None
) -> dict[str, Any]:
    """What a channel stores for its time and fee texts: the texts as given and their parsed values. The one
    parsing of both for every writer: records (imports, decisions), the importers' bulk path and the admin."""
    parse_time = lookups.processing_time if lookups else parse_processing_time
    parse_fee = lookups.fees if lookups else fees_json
    time = parse_time(_text(processing_time))
    fee_text = _text(fees)
    return {
        "processing_time_text": time.text,
        "processing_time_value": time.value,
        "processing_time_unit": time.unit or "",
        "fee_text": fee_text,
        "fees": parse_fee(fee_text),
    }


def channel_text_errors(processing_time: Any, fees: Any) -> dict[str, str]:
    """Why typed time and fee texts cannot be stored as structured values (Vietnamese, by field); empty when
    both parse. An empty text is allowed (not published yet)."""
    errors: dict[str, str] = {}
    time_text = _text(processing_time)
    if time_text and not parse_processing_time(time_text).parsed:
        errors["processing_time_text"] = (
            f"Không đọc được thời hạn “{time_text}”: hãy ghi số và đơn vị, ví dụ “15 ngày làm việc”, "
            "“02 giờ làm việc”, “Trong ngày” hoặc “Không quy định”."
        )
    fee_text = _text(fees)
    if fee_text and not fees_structured(parse_fees(fee_text)):
        errors["fee_text"] = (
            f"Không đọc được mức phí, lệ phí “{fee_text}”: hãy ghi số tiền, ví dụ “50.000 đồng/hồ sơ”, "
            "“Lệ phí: 100.000 đồng”, “0,5% giá trị hợp đồng” hoặc “Miễn phí”."
        )
    return errors


def search_body(procedure_type: str, result: str, field_names: list[str]) -> str:
    """The folded text search matches besides the name (`Procedure.search_body`): type, result, sectors."""
    return fold(" ".join([procedure_type, result, *field_names]))


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class ProcedureRow:
    """A procedure record normalised: its code, every attribute's value, and which attributes the record names
    (an amendment touches only those)."""

    code: str
    values: dict[str, Any]
    given: set[str]
    channels: list[dict] = field(default_factory=list)
    levels: list[AgencyLevel] | None = None
    fields: list[Field] | None = None


def normalise_procedure_row(
    record: dict[str, Any], lookups: CatalogLookups, *, create_fields: bool = True
) -> ProcedureRow:
    """The one normalisation of a procedure record, for every writer (`upsert_procedure`, the importers' bulk
    resources): code, texts, the principal channel's parsed time and fees, agency, levels and sectors through
    `lookups`. Raises `ProcedureRecordError` for what cannot be written. `create_fields=False` (a dry run)
    stands an unsaved sector for a new one."""
    raw_code = str(record.get("code") or "").strip()
    code = normalize_procedure_code(raw_code)
    name = _text(record.get("name"))
    if not raw_code:
        raise ProcedureRecordError("Thiếu mã thủ tục.")
    if not code:
        raise ProcedureRecordError(f"Mã thủ tục “{raw_code}” không đúng dạng (ví dụ 1.001234).")
    if not name:
        raise ProcedureRecordError(f"Thủ tục {code} thiếu tên.")
    channels = [c for c in record.get("channels") or [] if c.get("channel") in CHANNELS]
    if not channels and (record.get("processing_time") or record.get("fees") or record.get("fee")):
        channels = [
            {
                "channel": "direct",
                "processing_time": record.get("processing_time", ""),
                "fees": record.get("fees", record.get("fee", "")),
            }
        ]
    principal = channels[0] if channels else {}
    time = lookups.processing_time(_text(principal.get("processing_time")))
    onsite = record.get("onsite") or {}
    values = {
        "name": name,
        "procedure_type": _text(record.get("procedure_type")),
        "agency": lookups.agency(str(record.get("agency") or "")),
        "competent_agency": _text(record.get("competent_agency")),
        "cooperating_agencies": _text(record.get("cooperating_agencies")),
        "delegated_agency": _text(record.get("delegated_agency")),
        "applicant_types": [normalize_text(str(a)) for a in record.get("applicant_types") or []],
        "requirements": _text(record.get("requirements")),
        "result": _text(record.get("result")),
        "online_level": record.get("online_level") or "none",
        "inter_agency": bool(record.get("inter_agency", False)),
        "status": record.get("status") or Procedure.Status.ACTIVE,
        "effective_from": _date(record.get("effective_from")),
        "processing_time_text": time.text,
        "processing_time_value": time.value,
        "processing_time_unit": time.unit or "",
        "fee_text": _text(principal.get("fees")),
    }
    given = set(record) | (set(CHANNEL_ATTRS) if channels else set())
    for key in ONSITE_KEYS:
        if key in onsite:
            values[f"onsite_{key}"] = bool(onsite[key])
            given.add(f"onsite_{key}")
    row = ProcedureRow(code=code, values=values, given=given, channels=channels)
    if "levels" in record:
        row.levels = [lookups.level(lv) for lv in record["levels"] or []]
    if "fields" in record:
        row.fields = [lookups.field(f, create=create_fields) for f in record["fields"] or []]
    return row


def upsert_procedure(
    record: dict[str, Any], *, lookups: CatalogLookups | None = None
) -> tuple[Procedure, bool]:
    """Create or update the procedure a record describes (keyed by its code). Returns (procedure, created)."""
    lookups = lookups or CatalogLookups()
    with transaction.atomic():  # a sector the record brings is created with the procedure or not at all
        row = normalise_procedure_row(record, lookups)
        channels, values = row.channels, row.values
        procedure = Procedure.objects.filter(code=row.code).first()
        created = procedure is None
        if not created:
            # An amendment touches what it names: a record without a field leaves that field as it was.
            values = {attr: value for attr, value in values.items() if attr in row.given}
        # A new procedure starts with what citizens are known to call it (catalog.search_seed).
        procedure = procedure or Procedure(code=row.code, aliases=national_aliases(row.code))
        for attr, value in values.items():
            setattr(procedure, attr, value)
        # save() folds the name into `search_name`; the body also carries the fields' names: the record's
        # (given by code or name), or, for an amendment that does not name them, the ones the procedure keeps.
        if row.fields is not None:
            field_names = [f.name for f in row.fields]
        else:
            field_names = [] if created else list(procedure.fields.values_list("name", flat=True))
        procedure.search_body = search_body(procedure.procedure_type, procedure.result, field_names)
        if channels:
            procedure.channels = [
                ProcedureChannel(
                    sort_order=order,
                    channel=c["channel"],
                    description=_text(c.get("description")),
                    **channel_values(c.get("processing_time"), c.get("fees"), lookups=lookups),
                )
                for order, c in enumerate(channels)
            ]
        if "steps" in record:
            steps = [normalize_text(str(s)) for s in record["steps"] or []]
            procedure.steps = [
                ProcedureStep(sort_order=order, text=s) for order, s in enumerate(s for s in steps if s)
            ]
        if "components" in record:
            procedure.components = [
                ProcedureComponent(
                    sort_order=order,
                    name=_text(c.get("name")),
                    originals=int(c.get("originals") or 0),
                    copies=int(c.get("copies") or 0),
                    required=bool(c.get("required", True)),
                    template_name=_text(c.get("template")),
                )
                for order, c in enumerate(c for c in record["components"] if _text(c.get("name")))
            ]
        if "legal_basis" in record:
            procedure.legal_basis = [
                LegalBasis(
                    sort_order=order,
                    number=_text(lb.get("number"))[:128],
                    title=_text(lb.get("title")),
                    issued=_date(lb.get("issued")),
                    issuer=_text(lb.get("issuer"))[:255],
                )
                for order, lb in enumerate(_legal_basis_list(record["legal_basis"]))
            ]
        # Parental many-to-many fields: set in memory, written by save() with the procedure and its rows.
        if row.levels is not None:
            procedure.levels.set(row.levels)
        if row.fields is not None:
            procedure.fields.set(row.fields)
        if "centers" in record:
            missing = [c for c in record["centers"] or [] if c not in lookups.centers]
            if missing:
                raise ProcedureRecordError(f"Không có nơi tiếp nhận “{', '.join(missing)}”.")
            procedure.centers.set([lookups.centers[c] for c in record["centers"] or []])
        procedure.save()
    return procedure, created


def _legal_basis_list(value: Any) -> list[dict]:
    if isinstance(value, str):
        return [{"number": line, "title": ""} for line in value.splitlines() if line.strip()]
    return [lb if isinstance(lb, dict) else {"number": str(lb)} for lb in value or []]


def link_related(pairs: dict[str, list[str]]) -> None:
    """Set related procedures once all records of a batch exist (a record may name one written later)."""
    by_code = {p.code: p for p in Procedure.objects.filter(code__in=list(pairs))}
    targets = {p.code: p for p in Procedure.objects.filter(code__in={c for cs in pairs.values() for c in cs})}
    for code, related in pairs.items():
        if code in by_code:
            by_code[code].related.set([targets[c] for c in related if c in targets])
            by_code[code].related.commit()  # a parental field: written now, without saving the procedure


def procedure_to_dict(procedure: Procedure) -> dict[str, Any]:
    """The record of a procedure, the inverse of `upsert_procedure` (exports and decision items use it)."""
    return {
        "code": procedure.code,
        "name": procedure.name,
        "procedure_type": procedure.procedure_type,
        "levels": [lv.code for lv in procedure.levels.all()],
        "fields": [f.code for f in procedure.fields.all()],
        "agency": procedure.agency.identifier if procedure.agency else "",
        "competent_agency": procedure.competent_agency,
        "cooperating_agencies": procedure.cooperating_agencies,
        "applicant_types": procedure.applicant_types,
        "channels": [
            {
                "channel": c.channel,
                "processing_time": c.processing_time_text,
                "fees": c.fee_text,
                "description": c.description,
            }
            for c in procedure.channels.all()
        ],
        "components": [
            {
                "name": c.name,
                "originals": c.originals,
                "copies": c.copies,
                "required": c.required,
                "template": c.template_name,
            }
            for c in procedure.components.all()
        ],
        "steps": [s.text for s in procedure.steps.all()],
        "requirements": procedure.requirements,
        "result": procedure.result,
        "legal_basis": [
            {
                "number": lb.number,
                "title": lb.title,
                "issued": lb.issued.isoformat() if lb.issued else None,
                "issuer": lb.issuer,
            }
            for lb in procedure.legal_basis.all()
        ],
        "online_level": procedure.online_level,
        "onsite": {key: getattr(procedure, f"onsite_{key}") for key in ONSITE_KEYS},
        "inter_agency": procedure.inter_agency,
        "status": procedure.status,
    }
