"""`catalog`: a decision's appendix of procedures, or a list export (national portal, a one-stop system).

With parts (new / amended / replaced / abolished) or a decision number, the rows become a draft decision with
its items, to be published through the catalog's moderation workflow. A plain list lands as procedures.
Levels and sectors come from their columns or from the section rows above (`A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH`,
`I. Lĩnh vực Hộ tịch`); levels are matched against the catalog's own levels, which are data.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from catalog.models import Agency, AgencyLevel, Decision, Field, Procedure
from catalog.parsing import (
    fees_json,
    fold,
    normalize_decision_number,
    normalize_procedure_code,
    normalize_text,
    parse_levels,
    parse_processing_time,
)
from catalog.services import CHANNEL_ATTRS, AgencyResolver, CatalogLookups, normalise_procedure_row
from importers import journal
from importers.reading.profiles_spec import CATALOG
from importers.reading.table import Record, TableData
from importers.textcache import memo

from .base import AnyTable, Context, Profile, ProfileRow, consume
from .titles import document_reference

PART_KINDS = (
    ("bai bo", "abolished"),
    ("huy bo", "abolished"),
    ("thay the", "replaced"),
    ("sua doi", "amended"),
    ("bo sung", "amended"),
    ("moi ban hanh", "new"),
    ("ban hanh moi", "new"),
)
_PLAIN_CODE = re.compile(r"^[1-9]\.\d{6}$")
KIND_VERBS = {"amended": "sửa đổi, bổ sung", "replaced": "thay thế", "abolished": "bãi bỏ"}
_MAX_LISTED_ROWS = 10


@memo
def _part_kind(label: str) -> str | None:
    folded = fold(label)
    return next((kind for needle, kind in PART_KINDS if needle in folded), None)


def _kind_of(record: Record) -> str | None:
    return next((k for s in reversed(record.sections) if (k := _part_kind(s.label))), None)


def _section_level(record: Record) -> str:
    """A level named by a section row (`A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH`), whatever its numbering."""
    for section in reversed(record.sections):
        # A part names a level only in so many words ("PHẦN I. … CẤP TỈNH"); "…BỊ BÃI BỎ" is not "Cấp bộ".
        if (
            section.kind == "level" or (section.kind == "part" and "cap " in fold(section.label))
        ) and _levels(section.label):
            return section.label
    return ""


_levels = memo(lambda text: tuple(parse_levels(text)))


def _parsed_time(text: str) -> tuple[dict, bool]:
    time = parse_processing_time(text)
    return time.as_dict(), time.parsed


def _parsed_fee(text: str) -> dict:
    return {"text": text, "items": fees_json(text)}


def _field_name(text: str) -> str:
    name = re.sub(r"^(?:[IVXLC]+|[A-H]|\d+)\s*[.)]\s*", "", normalize_text(text))
    return re.sub(r"^(?i:lĩnh vực)\s*:?\s*", "", name).strip()


def _rows_text(rows: list[int]) -> str:
    shown = ", ".join(map(str, rows[:_MAX_LISTED_ROWS]))
    return shown + (f" và {len(rows) - _MAX_LISTED_ROWS} dòng khác" if len(rows) > _MAX_LISTED_ROWS else "")


class _Catalog:
    """The catalog's agencies and levels, loaded once per file."""

    def __init__(self) -> None:
        self.agencies = AgencyResolver()
        self.levels: dict[str, str] = {}
        for level in AgencyLevel.objects.all():
            self.levels[level.code] = level.code
            for key in parse_levels(level.name):
                self.levels.setdefault(key, level.code)

    def agency(self, text: str) -> str | None:
        """The identifier of the agency a cell names on its first line (by identifier, name or short name)."""
        found = self.agencies.resolve(text.split("\n")[0])
        return found.identifier if found else None


class CatalogProfile(Profile):
    name = "catalog"
    label = gettext_lazy("Danh mục thủ tục hành chính")
    spec = CATALOG

    def build(
        self, table: AnyTable, data: TableData, context: Context
    ) -> tuple[list[ProfileRow], list[dict]]:
        known = _Catalog()
        # Tens of thousands of rows repeat a few dozen times, fees, sectors and agencies: parse each once.
        # The parsed dicts are shared between rows and never mutated.
        parsed_time, parsed_fee, field_of = memo(_parsed_time), memo(_parsed_fee), memo(_field_name)
        agency_of = memo(known.agency)
        existing = set(Procedure.objects.values_list("code", flat=True))
        decision = self.decision_mode(data, context)
        context.options["_decision_mode"] = decision
        col = self.column(table, "code")
        seen: dict[str, int] = {}
        unknown_agencies: dict[str, list[int]] = defaultdict(list)
        unknown_levels: dict[str, list[int]] = defaultdict(list)
        internal_ids: list[Any] = []
        rows: list[ProfileRow] = []
        records = len(data.records)
        for record in consume(data.records):
            row = ProfileRow(record.row, {})
            raw_code = record.get("code")
            if isinstance(raw_code, str) and _PLAIN_CODE.match(raw_code):
                code = raw_code  # already in the national form: normalising would return it unchanged
            else:
                code = normalize_procedure_code(raw_code, from_number=isinstance(raw_code, int | float))
            name = self.text(record, "name")
            if raw_code in (None, ""):
                row.error(col, "Thiếu mã thủ tục.")
            elif not code:
                if isinstance(raw_code, int):
                    internal_ids.append(raw_code)
                row.error(
                    col,
                    f"Mã thủ tục “{raw_code}” không đúng dạng (ví dụ 1.001234 hoặc 2.002154.000.00.00.H29).",
                )
            if not name:
                row.error(self.column(table, "name"), "Thiếu tên thủ tục.")
            if code and code in seen:
                row.warn(col, f"Mã {code} đã có ở dòng {seen[code]}; dòng này được bỏ qua.")
                row.action = "skip"
            elif code:
                seen[code] = record.row
            time_text = self.text(record, "processing_time")
            fee_text = self.text(record, "fee")
            time, parsed = parsed_time(time_text)
            if time_text and not parsed:
                row.warn(
                    self.column(table, "processing_time"),
                    f"Chưa hiểu được thời hạn “{time_text[:80]}”; giữ nguyên văn.",
                )
            field_section = record.section("field")
            field_name = field_of(
                self.text(record, "field") or (field_section.label if field_section else "")
            )
            level_text = self.text(record, "level") or _section_level(record)
            levels = []
            for key in _levels(level_text):
                if key in known.levels:
                    levels.append(known.levels[key])
                else:
                    unknown_levels[key].append(record.row)
            agency_text = self.text(record, "agency")
            agency = agency_of(agency_text) if agency_text else None
            if agency_text and agency is None:
                unknown_agencies[agency_text.split("\n")[0]].append(record.row)
            kind = _kind_of(record) or ("amended" if code in existing else "new")
            if decision and kind in KIND_VERBS and code and code not in existing:
                row.warn(
                    col,
                    f"Thủ tục {code} chưa có trong danh mục nên chưa thể {KIND_VERBS[kind]}; quyết định chỉ công "
                    "bố được khi danh mục đã có thủ tục này.",
                )
            row.original = {"processing_time": time_text, "fee": fee_text, "agency": agency_text}
            row.data = {
                "code": code or (str(raw_code) if raw_code is not None else ""),
                "name": name,
                "kind": kind,
                "level": levels,
                "field": field_name,
                "agency": agency,
                "agency_text": agency_text,
                "processing_time": time,
                "fee": parsed_fee(fee_text),
                "legal_basis": self.text(record, "legal_basis"),
                "authority": self.text(record, "authority"),
            }
            rows.append(row)
        if decision:
            _set_aside(rows)
        if internal_ids and len(internal_ids) * 2 >= records:
            header = table.columns["code"].header
            sample = ", ".join(map(str, internal_ids[:3]))
            context.error(
                col,
                f"Cột {col} (“{header}”) chứa số hiệu nội bộ của hệ thống một cửa ({sample}…), không phải mã TTHC "
                "quốc gia; hãy dùng bảng có cột mã thủ tục (ví dụ 1.001234 hoặc 1.001234.000.00.00.H44).",
            )
        warnings = [
            {
                "row": found[0],
                "column": self.column(table, "agency"),
                "message": f"Cơ quan “{name}” chưa có trong danh mục cơ quan (dòng {_rows_text(found)}); "
                "các thủ tục này chưa được gắn cơ quan thực hiện.",
            }
            for name, found in unknown_agencies.items()
        ]
        warnings += [
            {
                "row": found[0],
                "column": self.column(table, "level"),
                "message": f"Cấp “{key}” không có trong danh mục cấp hành chính (dòng {_rows_text(found)}); bỏ qua.",
            }
            for key, found in unknown_levels.items()
        ]
        return rows, warnings

    def decision_mode(self, data: TableData, context: Context) -> bool:
        return bool(context.options.get("decision")) or any(_part_kind(s.label) for s in data.sections)

    def land(self, rows: list[ProfileRow], context: Context, *, dry_run: bool, progress) -> dict[str, Any]:
        from importers.bulk import land
        from importers.resources import DecisionItemResource, ProcedureResource

        if context.options.get("_decision_mode"):
            decision = _draft_decision(context, dry_run=dry_run)
            land(
                DecisionItemResource(decision),
                rows,
                lambda r: {
                    "code": r.data["code"],
                    "kind": r.data["kind"],
                    "name": r.data["name"],
                    "replaces_code": "",
                    "data": _record(r),
                    "sort_order": r.row,
                },
                dry_run=dry_run,
                progress=progress,
                letters={"code": context.columns.get("code", ""), "name": context.columns.get("name", "")},
            )
            if not dry_run and any(r.action in ("create", "update") for r in rows):
                decision.refresh_from_db()
                decision.save_revision(user=context.user)  # a draft the editors see and submit for moderation
            return {"decision": {"id": decision.pk, "number": decision.number}}
        lookups = CatalogLookups()
        resource = ProcedureResource(lookups=lookups)
        columns = context.columns
        land(
            resource,
            rows,
            lambda r: _procedure_columns(r, columns, lookups, resource, dry_run=dry_run),
            dry_run=dry_run,
            progress=progress,
            letters=_letters(columns),
        )
        return {}


def _procedure_columns(
    row: ProfileRow, columns: dict[str, str], lookups: CatalogLookups, resource, *, dry_run: bool
) -> dict[str, Any]:
    """The row for ProcedureResource, normalised by the catalog as `upsert_procedure` would: only what the file
    has, so an absent column leaves the catalog's value. A sector the catalog lacks is created on apply (a dry
    run only pretends)."""
    d = row.data
    record = {**_record(row), "status": Procedure.Status.ACTIVE}
    if dry_run or all(lookups.knows_field(name) for name in record["fields"]):
        normalised = normalise_procedure_row(record, lookups, create_fields=not dry_run)
    else:
        # A sector the file brings is created here, outside the batch: it is journalled in the same short
        # transaction, so undoing a failed run removes it too. Only such rows open one (a transaction per
        # row was 50,000 BEGIN/COMMITs for a 50,000-row file).
        known = {f.pk for f in lookups.fields.values()}
        with transaction.atomic():
            normalised = normalise_procedure_row(record, lookups, create_fields=True)
            made = {f.pk for f in lookups.fields.values()} - known
            if made:
                journal.created(Field, sorted(made))
    values = normalised.values
    out: dict[str, Any] = {"code": normalised.code, "name": values["name"], "status": values["status"]}
    if values["agency"]:
        out["agency"] = values["agency"].identifier
    if d["level"] or "level" in columns:
        out["levels"] = ",".join(level.code for level in normalised.levels)
    if d["field"] or "field" in columns:
        for sector in normalised.fields:
            resource.remember_field(sector)
        out["fields"] = "|".join(sector.code for sector in normalised.fields)
    if "processing_time" in columns:
        out.update({attr: values[attr] for attr in CHANNEL_ATTRS if attr != "fee_text"})
    if "fee" in columns:
        out["fee_text"] = values["fee_text"]
    if "legal_basis" in columns:
        out["legal_basis_text"] = d["legal_basis"]
    if "authority" in columns:
        out["competent_agency"] = values["competent_agency"]
    return out


def _letters(columns: dict[str, str]) -> dict[str, str]:
    source = {
        "code": "code",
        "name": "name",
        "agency": "agency",
        "levels": "level",
        "fields": "field",
        "processing_time_text": "processing_time",
        "processing_time_value": "processing_time",
        "processing_time_unit": "processing_time",
        "fee_text": "fee",
        "legal_basis_text": "legal_basis",
        "competent_agency": "authority",
    }
    return {attr: columns.get(key, "") for attr, key in source.items()}


def _record(row: ProfileRow) -> dict:
    """The procedure record (catalog.services.records) a decision item carries."""
    d = row.data
    return {
        "code": d["code"],
        "name": d["name"],
        "levels": d["level"],
        "fields": [d["field"]] if d["field"] else [],
        "agency": d["agency"] or "",
        "competent_agency": d["authority"],
        "channels": [
            {"channel": "direct", "processing_time": d["processing_time"]["text"], "fees": d["fee"]["text"]}
        ],
        "legal_basis": d["legal_basis"],
    }


def _set_aside(rows: list[ProfileRow]) -> None:
    """A signed appendix cannot be corrected by the editor: a bad row is left out of the draft decision, with
    a warning the editors weigh before they submit it, instead of refusing the whole file."""
    for row in rows:
        if not row.errors:
            continue
        for error in row.errors:
            row.warn(
                error["column"],
                f"Dòng {row.row} không đưa vào dự thảo quyết định: {error['message']} Biên tập viên quyết định "
                "sửa quyết định, hay trình với các dòng còn lại.",
            )
        row.errors = ()
        row.action = "skip"


def _draft_decision(context: Context, *, dry_run: bool) -> Decision:
    """The decision the appendix belongs to: found by number, else a new draft (unsaved on a dry run)."""
    ref = document_reference(context.title)
    number = normalize_decision_number(context.options.get("decision") or "") or (
        ref.number if ref and ref.kind == "Quyết định" else None
    )
    number = number or f"Dự thảo: {context.filename}"[:64]
    decision = Decision.objects.filter(number=number).first()
    if decision:
        return decision
    issuer = Agency.objects.filter(parent__isnull=True).order_by("level__order", "identifier").first()
    if issuer is None:
        raise ValueError("Chưa có cơ quan nào trong danh mục để làm cơ quan ban hành quyết định.")
    today = timezone.localdate()
    issued = ref.issued if ref and ref.number == number and ref.issued else today
    decision = Decision(
        number=number,
        title=context.title[:2000] or f"Danh mục TTHC nhập từ {context.filename}",
        issued=issued,
        effective=max(issued, today),
        issuer=issuer,
        live=False,
    )
    if not dry_run:
        with transaction.atomic():
            decision.save()
            journal.created(Decision, [decision.pk])
    return decision
