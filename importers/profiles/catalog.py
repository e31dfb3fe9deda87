"""`catalog`: a decision's appendix of procedures, or a list export (national portal, a one-stop system).

With parts (new / amended / replaced / abolished) or a decision number, the rows become a draft decision with
its items, to be published through the catalog's moderation workflow. A plain list lands as procedures.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone

from catalog.models import Agency, Decision, Procedure
from catalog.parsing import (
    fold,
    normalize_decision_number,
    normalize_procedure_code,
    normalize_text,
    parse_fees,
    parse_levels,
    parse_processing_time,
)
from importers.reading.profiles_spec import CATALOG
from importers.reading.table import Record, Table, TableData

from .base import Context, Profile, ProfileRow

PART_KINDS = (
    ("bai bo", "abolished"),
    ("huy bo", "abolished"),
    ("thay the", "replaced"),
    ("sua doi", "amended"),
    ("bo sung", "amended"),
    ("moi ban hanh", "new"),
    ("ban hanh moi", "new"),
)
LEVEL_CODES = {"province": "province", "district": "district", "commune": "commune"}


def _kind_of(record: Record) -> str | None:
    for section in reversed(record.sections):
        label = fold(section.label)
        for needle, kind in PART_KINDS:
            if needle in label:
                return kind
    return None


class CatalogProfile(Profile):
    name = "catalog"
    label = "Danh mục thủ tục hành chính"
    spec = CATALOG

    def build(self, table: Table, data: TableData, context: Context) -> tuple[list[ProfileRow], list[dict]]:
        agencies = {fold(a.name): a.identifier for a in Agency.objects.only("name", "identifier")}
        agencies.update({a: a for a in agencies.values()})
        existing = set(Procedure.objects.values_list("code", flat=True))
        seen: dict[str, int] = {}
        rows: list[ProfileRow] = []
        warnings: list[dict] = []
        for record in data.records:
            row = ProfileRow(record.row, {})
            raw_code = record.get("code")
            code = normalize_procedure_code(raw_code, from_number=isinstance(raw_code, int | float))
            name = normalize_text(self.text(record, "name"))
            col = self.column(table, "code")
            if raw_code in (None, ""):
                row.error(col, "Thiếu mã thủ tục.")
            elif not code:
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
            time = parse_processing_time(time_text)
            if time_text and not time.parsed:
                row.warn(
                    self.column(table, "processing_time"),
                    f"Chưa hiểu được thời hạn “{time_text[:80]}”; giữ nguyên văn.",
                )
            field_name = self.text(record, "field") or (
                record.section("field").label if record.section("field") else ""
            )
            field_name = re.sub(r"^(?:[IVXLC]+|[A-H]|\d+)\s*[.)]\s*", "", normalize_text(field_name))
            field_name = re.sub(r"^(?i:lĩnh vực)\s*:?\s*", "", field_name).strip()
            level_text = self.text(record, "level") or (
                record.section("level").label if record.section("level") else ""
            )
            levels = [LEVEL_CODES[lv] for lv in parse_levels(level_text) if lv in LEVEL_CODES]
            agency_text = normalize_text(self.text(record, "agency"))
            agency = None
            if agency_text:
                agency = agencies.get(fold(agency_text.split("\n")[0])) or agencies.get(agency_text)
            kind = _kind_of(record) or ("amended" if code in existing else "new")
            row.original = {"processing_time": time_text, "fee": fee_text, "agency": agency_text}
            row.data = {
                "code": code or (str(raw_code) if raw_code is not None else ""),
                "name": name,
                "kind": kind,
                "level": levels,
                "field": field_name,
                "agency": agency,
                "agency_text": agency_text,
                "processing_time": time.as_dict(),
                "fee": {"text": fee_text, "items": [_fee_dict(f) for f in parse_fees(fee_text)]},
                "legal_basis": normalize_text(self.text(record, "legal_basis")),
                "authority": normalize_text(self.text(record, "authority")),
            }
            rows.append(row)
        return rows, warnings

    def decision_mode(self, rows: list[ProfileRow], table: Table, data: TableData, context: Context) -> bool:
        return bool(context.options.get("decision")) or any(
            any(needle in fold(s.label) for needle, _ in PART_KINDS) for s in data.sections
        )

    def land(self, rows: list[ProfileRow], context: Context, *, dry_run: bool, progress) -> dict[str, Any]:
        from catalog.models import Field
        from importers.resources import DecisionItemResource, ProcedureResource, land

        if context.options.get("_decision_mode"):
            decision = _draft_decision(context)
            land(
                DecisionItemResource(),
                [r for r in rows if r.action != "skip"],
                lambda r: {
                    "decision": decision.pk,
                    "code": r.data["code"],
                    "kind": r.data["kind"],
                    "name": r.data["name"],
                    "replaces_code": "",
                    "data": _record(r),
                    "sort_order": r.row,
                },
                dry_run=dry_run,
                progress=progress,
            )
            if not dry_run:
                decision.refresh_from_db()
                decision.save_revision(user=context.user)  # a draft the editors see and submit for moderation
            return {"decision": {"id": decision.pk, "number": decision.number}}
        wanted = {r.data["field"] for r in rows if r.data["field"] and not r.errors}
        known = {fold(f.name): f for f in Field.objects.all()}
        codes = {}
        for name in sorted(wanted):
            match = known.get(fold(name))
            if match is None:
                slug = "-".join(fold(name).split())[:64] or "khac"
                match, _ = Field.objects.get_or_create(code=slug, defaults={"name": name[:255]})
                known[fold(name)] = match
            codes[name] = match.code
        land(
            ProcedureResource(),
            [r for r in rows if r.action != "skip"],
            lambda r: {
                "code": r.data["code"],
                "name": r.data["name"],
                "agency": r.data["agency"] or "",
                "levels": ",".join(r.data["level"]),
                "fields": codes.get(r.data["field"], ""),
                "processing_time_text": r.data["processing_time"]["text"],
                "processing_time_value": r.data["processing_time"]["value"],
                "processing_time_unit": r.data["processing_time"]["unit"] or "",
                "fee_text": r.data["fee"]["text"],
                "legal_basis_text": r.data["legal_basis"],
                "competent_agency": r.data["authority"],
                "status": "active",
            },
            dry_run=dry_run,
            progress=progress,
        )
        return {}


def _fee_dict(fee) -> dict:
    out = {}
    for key in ("amount", "currency", "kind", "description", "text"):
        value = getattr(fee, key, None)
        out[key] = str(value) if value is not None and key == "amount" else value
    return out


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


def _draft_decision(context: Context) -> Decision:
    number = normalize_decision_number(context.options.get("decision") or "") or normalize_decision_number(
        context.title
    )
    number = number or f"Dự thảo: {context.filename}"[:64]
    decision = Decision.objects.filter(number=number).first()
    if decision:
        return decision
    issuer = Agency.objects.filter(parent__isnull=True).order_by("level__order", "identifier").first()
    if issuer is None:
        raise ValueError("Chưa có cơ quan nào trong danh mục để làm cơ quan ban hành quyết định.")
    today = timezone.localdate()
    decision = Decision(
        number=number,
        title=context.title[:2000] or f"Danh mục TTHC nhập từ {context.filename}",
        issued=today,
        effective=today,
        issuer=issuer,
        live=False,
    )
    decision.save()
    return decision
