"""`agency-stats`: seed 004's Phụ lục 1 and 2, per agency or district, columns 3–8, arithmetic checked."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from catalog.parsing import fold, normalize_text
from catalog.services import AgencyResolver
from importers.reading.profiles_spec import AGENCY_STATS
from importers.reading.table import TableData

from .base import AnyTable, Context, Profile, ProfileRow

FIGURES = {
    "c3": "total",
    "c4": "not_in_center",
    "c5": "in_center",
    "c6": "on_site_before",
    "c7": "on_site_added",
    "c8": "on_site_after",
}
DATE_RE = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")


def _int(value) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return int(value)
    digits = re.sub(r"[^\d-]", "", str(value))
    return int(digits) if digits not in ("", "-") else None


def _as_of(context: Context) -> dt.date:
    if context.options.get("as_of"):
        return dt.date.fromisoformat(context.options["as_of"])
    match = DATE_RE.search(context.title or "")
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    return timezone.localdate()


class AgencyStatsProfile(Profile):
    name = "agency-stats"
    label = gettext_lazy("Số liệu TTHC theo đơn vị (Phụ lục 1, 2)")
    spec = AGENCY_STATS

    def build(
        self, table: AnyTable, data: TableData, context: Context
    ) -> tuple[list[ProfileRow], list[dict]]:
        agencies = AgencyResolver()
        rows: list[ProfileRow] = []
        warnings: list[dict] = []
        as_of = _as_of(context)
        for record in data.records:
            name = normalize_text(self.text(record, "unit"))
            row = ProfileRow(record.row, {"agency": name, "as_of": as_of.isoformat()})
            if not name:
                row.error(self.column(table, "unit"), "Thiếu tên cơ quan, đơn vị.")
            for c, key in FIGURES.items():
                raw = record.get(key)
                value = _int(raw)
                if raw not in (None, "") and value is None:
                    row.error(self.column(table, key), f"“{raw}” không phải là số.")
                if key in record.uncached:
                    row.warn(
                        self.column(table, key), "Ô công thức chưa có giá trị tính sẵn nên được đọc là trống."
                    )
                row.data[c] = value
            for column, message in self._arithmetic(table, row.data, f"Dòng {record.row} ({name})"):
                row.warn(column, message)
            section = record.sections[-1].label if record.sections else ""
            row.data["section"] = section
            agency = agencies.named(name)
            row.data["identifier"] = agency.identifier if agency else None
            rows.append(row)
        for total in data.totals:
            figures = {c: _int(total.values.get(key)) for c, key in FIGURES.items()}
            for c, key in FIGURES.items():
                stated = figures[c]
                if key in total.uncached or stated is None:
                    continue
                summed = sum(r.data[c] or 0 for r in rows)
                if stated != summed:
                    warnings.append(
                        {
                            "row": total.row,
                            "column": self.column(table, key),
                            "message": f"Dòng “{total.label}”: cột {c[1:]} ghi {stated} nhưng tổng các dòng là {summed}.",
                        }
                    )
            label = f"Dòng {total.row} (“{total.label}”)"
            warnings += [
                {"row": total.row, "column": column, "message": message}
                for column, message in self._arithmetic(table, figures, label)
            ]
        return rows, warnings

    def _arithmetic(self, table: AnyTable, d: dict[str, int | None], label: str) -> list[tuple[str, str]]:
        """Seed 004's identities: column 5 = column 3 − column 4; column 8 = column 6 + column 7."""
        found = []
        if None not in (d["c3"], d["c4"], d["c5"]) and d["c5"] != d["c3"] - d["c4"]:
            found.append(
                (
                    self.column(table, "in_center"),
                    f"{label}: cột 5 ({d['c5']}) khác cột 3 − cột 4 ({d['c3']} − {d['c4']} = {d['c3'] - d['c4']}).",
                )
            )
        if None not in (d["c6"], d["c7"], d["c8"]) and d["c8"] != d["c6"] + d["c7"]:
            found.append(
                (
                    self.column(table, "on_site_after"),
                    f"{label}: cột 8 ({d['c8']}) khác cột 6 + cột 7 ({d['c6']} + {d['c7']} = {d['c6'] + d['c7']}).",
                )
            )
        return found

    def land(self, rows: list[ProfileRow], context: Context, *, dry_run: bool, progress) -> dict[str, Any]:
        from importers.bulk import land
        from importers.resources import AgencyStatResource

        def columns(r: ProfileRow) -> dict[str, Any]:
            out = {
                "agency_key": fold(r.data["agency"])[:255],
                "as_of": r.data["as_of"],
                "agency_name": r.data["agency"][:255],
                "section": r.data["section"][:255],
                **{c: r.data[c] for c in FIGURES},
            }
            if r.data["identifier"]:
                out["agency"] = r.data["identifier"]
            return out

        letters = {c: context.columns.get(key, "") for c, key in FIGURES.items()}
        letters["agency_name"] = context.columns.get("unit", "")
        land(
            AgencyStatResource(run_id=context.run_id),
            rows,
            columns,
            dry_run=dry_run,
            progress=progress,
            letters=letters,
        )
        return {"as_of": rows[0].data["as_of"] if rows else None}
