"""`plan-tasks`: the task tables of the seeds' plans: sections, tasks, agencies, free-text deadlines parsed."""

from __future__ import annotations

import re
from typing import Any

from catalog.parsing import normalize_text
from importers.reading.deadlines import parse_deadline, split_agencies
from importers.reading.profiles_spec import PLAN_TASKS
from importers.reading.table import Table, TableData

from .base import Context, Profile, ProfileRow


class PlanTasksProfile(Profile):
    name = "plan-tasks"
    label = "Nhiệm vụ của kế hoạch"
    spec = PLAN_TASKS

    def build(self, table: Table, data: TableData, context: Context) -> tuple[list[ProfileRow], list[dict]]:
        rows: list[ProfileRow] = []
        seen: dict[str, int] = {}
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
            # Numbering restarts in every section of the seeds' tables, so the key carries the section.
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
            row.original = {"deadline": deadline_text}
            row.data = {
                "number": number,
                "key": key,
                "order": order,
                "section": section,
                "content": content,
                "output": normalize_text(self.text(record, "output")),
                "lead_agencies": split_agencies(self.text(record, "lead")),
                "cooperating_agencies": split_agencies(self.text(record, "partners")),
                "deadline_text": deadline_text,
                "deadlines": deadlines,
                "recurring": parsed.recurring,
            }
            rows.append(row)
        return rows, []

    def land(self, rows: list[ProfileRow], context: Context, *, dry_run: bool, progress) -> dict[str, Any]:
        from importers.models import Plan
        from importers.resources import PlanTaskResource, land

        title = normalize_text(context.options.get("plan") or context.title or context.filename)
        key = re.sub(r"\s+", " ", title)[:255]
        plan, _ = Plan.objects.get_or_create(key=key, defaults={"title": title[:500]})
        land(
            PlanTaskResource(),
            rows,
            lambda r: {
                "plan": plan.pk,
                "number": r.data["key"][:32],
                "order": r.data["order"],
                "section": r.data["section"][:500],
                "content": r.data["content"],
                "output": r.data["output"],
                "lead_agencies": r.data["lead_agencies"],
                "cooperating_agencies": r.data["cooperating_agencies"],
                "deadline_text": r.data["deadline_text"],
                "deadlines": r.data["deadlines"],
                "due": min((d["date"] for d in r.data["deadlines"]), default=None),
                "recurring": r.data["recurring"],
            },
            dry_run=dry_run,
            progress=progress,
        )
        return {"plan": {"id": plan.pk, "title": plan.title}}
