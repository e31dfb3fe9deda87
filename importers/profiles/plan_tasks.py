"""`plan-tasks`: the task tables of the seeds' plans: sections, tasks, agencies, free-text deadlines parsed.

The plan is the document the appendix names (``Kèm theo Kế hoạch số 1655/KH-UBND ngày 03/10/2018 của UBND
tỉnh Quảng Bình``): its number keys the plan, so importing the table again updates the same plan. Tasks are
keyed by section and number, because numbering restarts in every section of the seeds' tables.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy

from catalog.parsing import fold, normalize_text
from catalog.services import AgencyResolver
from importers import journal
from importers.reading.deadlines import parse_deadline, split_agencies
from importers.reading.profiles_spec import PLAN_TASKS
from importers.reading.table import TableData

from .base import AnyTable, Context, Profile, ProfileRow
from .titles import document_reference

# "Sở TT&TT chủ trì tham mưu; Các sở, ban, ngành phối hợp" in one "Cơ quan thực hiện" cell (seed 000).
_PARTNER_ROLE = re.compile(r"\s+phối hợp\s*\.?$", re.IGNORECASE)
_LEAD_ROLE = re.compile(r"\s+(?:chủ trì(?: tham mưu)?|tham mưu|thực hiện)\s*\.?$", re.IGNORECASE)
_AND_AGENCY = re.compile(r"\s+và\s+(?=(?:Sở|Ban|UBND|Văn phòng|VP|Công an|Bưu điện|Cục|Chi cục)\b)")
_TITLE_SKIP = {"phu luc", "phu luc i", "phu luc ii"}


def _plan_identity(context: Context) -> tuple[str, str, dict[str, Any]]:
    """(key, title, extra fields) of the plan: from --plan, else the document named in the title lines."""
    lines = [normalize_text(line) for line in (context.title or "").splitlines() if line.strip()]
    described = [line for line in lines if fold(line) not in _TITLE_SKIP]
    title = normalize_text(context.options.get("plan") or " ".join(described) or context.filename)
    ref = document_reference(context.title)
    extra: dict[str, Any] = {}
    if context.options.get("plan"):
        key = title
    elif ref is not None:
        key = f"{ref.kind} {ref.number}"
        extra = {"issuer": ref.issuer[:255], "issued": ref.issued}
    else:
        key = title
    return re.sub(r"\s+", " ", key)[:255], title[:500], extra


def _agencies(lead_text: str, partners_text: str, has_partners_column: bool) -> tuple[list[str], list[str]]:
    """Lead and cooperating agencies; without a partners column the roles written in the cell decide."""
    lead, partners = [], split_agencies(partners_text, strip_roles=True)
    for name in split_agencies(lead_text):
        for part in _AND_AGENCY.split(name):
            if not has_partners_column and _PARTNER_ROLE.search(part):
                partners.append(_PARTNER_ROLE.sub("", part).strip())
            else:
                lead.append(_LEAD_ROLE.sub("", part).strip())
    # Continuation rows repeat the agencies of the task they continue: keep each name once, in order.
    return list(dict.fromkeys(n for n in lead if n)), list(dict.fromkeys(n for n in partners if n))


class PlanTasksProfile(Profile):
    name = "plan-tasks"
    label = gettext_lazy("Nhiệm vụ của kế hoạch")
    spec = PLAN_TASKS

    def build(
        self, table: AnyTable, data: TableData, context: Context
    ) -> tuple[list[ProfileRow], list[dict]]:
        known = AgencyResolver()
        rows: list[ProfileRow] = []
        seen: dict[str, int] = {}
        has_partners = "partners" in table.columns
        for order, record in enumerate(data.records, start=1):
            stt = record.get("stt")
            number = (
                str(int(stt))
                if isinstance(stt, float) and stt.is_integer()
                else str(stt or "").strip().rstrip(".")
            )
            section = " — ".join(s.label for s in record.sections)
            if not number:
                number = f"{order}"
            key = (
                f"{record.sections[-1].number or record.sections[-1].label[:20]}.{number}"
                if record.sections
                else number
            )
            content = normalize_text(self.text(record, "task"))
            row = ProfileRow(record.row, {})
            if not content:
                row.error(self.column(table, "task"), "Thiếu nội dung nhiệm vụ.")
            if key in seen:
                row.warn(
                    self.column(table, "stt"),
                    f"Số thứ tự {number} trùng với dòng {seen[key]} trong cùng mục.",
                )
                key = f"{key}@{record.row}"
            seen[key] = record.row
            deadline_text = normalize_text(self.text(record, "deadline"))
            parsed = parse_deadline(deadline_text)
            deadlines = [{"date": d.isoformat(), "scope": scope} for d, scope in parsed.deadlines]
            lead, partners = _agencies(self.text(record, "lead"), self.text(record, "partners"), has_partners)
            row.original = {"deadline": deadline_text, "lead": self.text(record, "lead") or ""}
            row.data = {
                "number": number,
                "key": key,
                "order": order,
                "section": section,
                "content": content,
                "output": normalize_text(self.text(record, "output")),
                "lead_agencies": lead,
                "cooperating_agencies": partners,
                "lead_ids": sorted({agency.identifier for n in lead if (agency := known.named(n))}),
                "deadline_text": deadline_text,
                "deadlines": deadlines,
                "recurring": parsed.recurring,
            }
            rows.append(row)
        return rows, []

    def land(self, rows: list[ProfileRow], context: Context, *, dry_run: bool, progress) -> dict[str, Any]:
        from importers.bulk import land
        from importers.models import Plan
        from importers.resources import PlanTaskResource

        key, title, extra = _plan_identity(context)
        plan = Plan.objects.filter(key=key).first() or Plan(key=key, title=title, **extra)
        if plan.pk is None and not dry_run:
            with transaction.atomic():
                plan.save()
                journal.created(Plan, [plan.pk])
        land(
            PlanTaskResource(plan),
            rows,
            lambda r: {
                "number": r.data["key"][:32],
                "order": r.data["order"],
                "section": r.data["section"][:500],
                "content": r.data["content"],
                "output": r.data["output"],
                "lead_agencies": r.data["lead_agencies"],
                "cooperating_agencies": r.data["cooperating_agencies"],
                "lead": "|".join(r.data["lead_ids"]),
                "deadline_text": r.data["deadline_text"],
                "deadlines": r.data["deadlines"],
                "due": min((d["date"] for d in r.data["deadlines"]), default=None),
                "recurring": r.data["recurring"],
            },
            dry_run=dry_run,
            progress=progress,
            letters={"content": context.columns.get("task", ""), "number": context.columns.get("stt", "")},
        )
        return {"plan": {"id": plan.pk, "title": plan.title, "key": plan.key}}
