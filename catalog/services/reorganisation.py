"""Reorganising the province's units: merge agencies, split one into several, close centers and levels.

A province reorganises by a plan (a JSON file, see `docs/REORGANISATION.md`): units to create or rename, merges
(several agencies into one that carries on), splits (one agency's procedures shared among successors), centers
closed with their successor, levels ended (the district level on 1/7/2025). `read_plan` checks its shape;
`apply_reorganisation` checks it against the database and applies the catalog's side in one transaction, then
sends `units_reorganised` so other apps follow (workflows remaps open dossiers, workflow steps and officers)
inside the same transaction. With `dry_run=True` the same code runs and everything is rolled back: the report
says exactly what would change.

History is kept: a merged or split agency keeps its row (`active=False`, `merged_into`, `merged_on`), a closed
center keeps its row (`closed_on`, `successor`), so closed dossiers and past figures still name them. Applying
a plan twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.dispatch import Signal

from catalog.models import Agency, AgencyLevel, Center, Procedure

from .search_index import reindex_procedures

#: Sent inside the reorganisation's transaction, with `reorganisation` (a `Reorganisation`) and `user`.
#: Receivers add their own lines and counts to it; on a dry run everything is rolled back afterwards.
units_reorganised = Signal()


class PlanError(ValueError):
    """The plan cannot be applied; `messages` says why, in Vietnamese, and nothing was written."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class Merge:
    into: str
    sources: list[str]


@dataclass
class Split:
    source: str
    default: str
    # procedure code -> the successor's identifier; the rest go to `default`.
    procedures: dict[str, str]


@dataclass
class Plan:
    name: str
    effective: dt.date
    basis: str = ""
    close_levels: list[str] = field(default_factory=list)
    agencies: list[dict] = field(default_factory=list)  # created or updated (renamed, moved to another level)
    centers: list[dict] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    splits: list[Split] = field(default_factory=list)
    close_centers: dict[str, str | None] = field(default_factory=dict)  # code -> successor's code
    # A closed level's procedures move to their agency's level, else to this one (district -> commune).
    level_successors: dict[str, str] = field(default_factory=dict)


@dataclass
class Reorganisation:
    """What a plan changed (or, on a dry run, would change)."""

    plan: Plan
    dry_run: bool
    lines: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    # old agency pk -> successor pk (for a split: its default successor); old center pk -> successor pk.
    agency_map: dict[int, int] = field(default_factory=dict)
    center_map: dict[int, int] = field(default_factory=dict)
    # For splits: (old agency pk, procedure pk) -> successor pk, when the plan routes that procedure.
    procedure_routes: dict[tuple[int, int], int] = field(default_factory=dict)

    def successor(self, agency_id: int, procedure_id: int | None = None) -> int | None:
        return self.procedure_routes.get((agency_id, procedure_id)) or self.agency_map.get(agency_id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan.name,
            "effective": self.plan.effective.isoformat(),
            "dry_run": self.dry_run,
            "counts": dict(self.counts),
            "lines": self.lines,
        }


def _text(data: dict, key: str, errors: list[str], where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        errors.append(f"{where}: thiếu “{key}”.")
        return ""
    return value.strip()


def read_plan(data: Any) -> Plan:
    """A plan from its JSON data; a `PlanError` lists every problem of shape (references are checked later)."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise PlanError(["Phương án phải là một đối tượng JSON."])
    name = _text(data, "name", errors, "Phương án")
    effective = None
    try:
        effective = dt.date.fromisoformat(str(data.get("effective", "")))
    except ValueError:
        errors.append("Phương án: “effective” phải là ngày dạng YYYY-MM-DD.")
    merges, splits, closures = [], [], {}
    for i, m in enumerate(data.get("merges") or [], 1):
        sources = m.get("from") if isinstance(m, dict) else None
        into = _text(m, "into", errors, f"Hợp nhất thứ {i}") if isinstance(m, dict) else ""
        if not isinstance(sources, list) or not sources:
            errors.append(f"Hợp nhất thứ {i}: “from” phải là danh sách mã định danh cơ quan.")
        elif into in sources:
            errors.append(f"Hợp nhất thứ {i}: cơ quan {into} không thể hợp nhất vào chính nó.")
        else:
            merges.append(Merge(into=into, sources=[str(s) for s in sources]))
    for i, s in enumerate(data.get("splits") or [], 1):
        if not isinstance(s, dict):
            errors.append(f"Chia tách thứ {i}: phải là một đối tượng.")
            continue
        source = _text(s, "from", errors, f"Chia tách thứ {i}")
        default = _text(s, "default", errors, f"Chia tách thứ {i}")
        routes = s.get("procedures") or {}
        if not isinstance(routes, dict):
            errors.append(
                f"Chia tách thứ {i}: “procedures” phải ánh xạ mã cơ quan kế thừa → danh sách mã TTHC."
            )
            continue
        by_code = {code: successor for successor, codes in routes.items() for code in codes}
        splits.append(Split(source=source, default=default, procedures=by_code))
    for i, c in enumerate(data.get("close_centers") or [], 1):
        if isinstance(c, dict) and c.get("code"):
            closures[str(c["code"])] = c.get("successor") or None
        else:
            errors.append(f"Nơi tiếp nhận ngừng hoạt động thứ {i}: thiếu “code”.")
    moved = [m for merge in merges for m in merge.sources] + [s.source for s in splits]
    twice = sorted({x for x in moved if moved.count(x) > 1})
    if twice:
        errors.append("Một cơ quan chỉ được hợp nhất hoặc chia tách một lần: " + ", ".join(twice) + ".")
    if errors:
        raise PlanError(errors)
    return Plan(
        name=name,
        effective=effective,
        basis=str(data.get("basis") or ""),
        close_levels=[str(code) for code in data.get("close_levels") or []],
        agencies=list(data.get("agencies") or []),
        centers=list(data.get("centers") or []),
        merges=merges,
        splits=splits,
        close_centers=closures,
        level_successors={str(k): str(v) for k, v in (data.get("level_successors") or {}).items()},
    )


def apply_reorganisation(plan: Plan, *, dry_run: bool = False, user=None) -> Reorganisation:
    """Apply the plan (all or nothing); on a dry run, report and roll back. Raises `PlanError`."""
    result = Reorganisation(plan=plan, dry_run=dry_run)
    with transaction.atomic():
        _Applier(plan, result).run()
        units_reorganised.send(sender=Reorganisation, reorganisation=result, user=user)
        if dry_run:
            transaction.set_rollback(True)
    return result


class _Applier:
    def __init__(self, plan: Plan, result: Reorganisation):
        self.plan, self.result = plan, result

    def say(self, line: str, count: str | None = None, n: int = 1) -> None:
        self.result.lines.append(line)
        if count:
            self.result.counts[count] += n

    def run(self) -> None:
        errors: list[str] = []
        levels = {lv.code: lv for lv in AgencyLevel.objects.all()}
        self.upsert_agencies(levels, errors)
        self.upsert_centers(errors)
        agencies = {a.identifier: a for a in Agency.objects.all()}
        for ref in self.references():
            if ref not in agencies:
                errors.append(f"Không có cơ quan mã định danh {ref}.")
        centers = {c.code: c for c in Center.objects.all()}
        for code, successor in self.plan.close_centers.items():
            for ref in (code, successor):
                if ref and ref not in centers:
                    errors.append(f"Không có nơi tiếp nhận mã {ref}.")
        for code in [*self.plan.close_levels, *self.plan.level_successors.values()]:
            if code not in levels:
                errors.append(f"Không có cấp hành chính mã {code}.")
        if errors:
            raise PlanError(errors)
        for merge in self.plan.merges:
            for source in merge.sources:
                self.retire(agencies[source], agencies[merge.into], verb="Hợp nhất")
        for split in self.plan.splits:
            self.split(split, agencies)
        for code, successor in self.plan.close_centers.items():
            self.close_center(centers[code], centers.get(successor) if successor else None)
        for code in self.plan.close_levels:
            successor = self.plan.level_successors.get(code)
            self.close_level(levels[code], levels[successor] if successor else None)

    def references(self) -> set[str]:
        refs = set()
        for merge in self.plan.merges:
            refs.update([merge.into, *merge.sources])
        for split in self.plan.splits:
            refs.update([split.source, split.default, *split.procedures.values()])
        return refs

    def upsert_agencies(self, levels: dict[str, AgencyLevel], errors: list[str]) -> None:
        for a in self.plan.agencies:
            identifier, level = a.get("identifier"), levels.get(a.get("level", ""))
            if not identifier or not a.get("name") or level is None:
                errors.append(f"Cơ quan {identifier or '?'}: cần mã định danh, tên và cấp hành chính có sẵn.")
                continue
            parent = Agency.objects.filter(identifier=a["parent"]).first() if a.get("parent") else None
            values = {
                "name": a["name"],
                "short_name": a.get("short_name", ""),
                "kind": a.get("kind", Agency.Kind.DEPARTMENT),
                "level": level,
                "parent": parent,
            }
            agency = Agency.objects.filter(identifier=identifier).first()
            if agency is None:
                agency = Agency(identifier=identifier, **values)
                try:
                    agency.full_clean()
                except Exception as exc:
                    errors.append(f"Cơ quan {identifier}: {'; '.join(getattr(exc, 'messages', [str(exc)]))}")
                    continue
                agency.save()
                self.say(f"Thành lập {agency.name} ({identifier}).", "agencies_created")
            elif any(getattr(agency, k) != v for k, v in values.items()):
                old = agency.name
                for k, v in values.items():
                    setattr(agency, k, v)
                agency.save()
                self.say(f"Đổi {old} thành {agency.name} ({identifier}).", "agencies_renamed")

    def upsert_centers(self, errors: list[str]) -> None:
        for c in self.plan.centers:
            owner = Agency.objects.filter(identifier=c.get("agency", "")).first()
            if not c.get("code") or not c.get("name") or owner is None:
                errors.append(
                    f"Nơi tiếp nhận {c.get('code') or '?'}: cần mã, tên và cơ quan chủ quản có sẵn."
                )
                continue
            center, created = Center.objects.update_or_create(
                code=c["code"],
                defaults={
                    "name": c["name"],
                    "kind": c.get("kind", Center.Kind.COMMUNE_CENTER),
                    "agency": owner,
                    **{k: c.get(k, "") for k in ("address", "phone", "email", "opening_hours")},
                },
            )
            served = Agency.objects.filter(identifier__in=c.get("agencies") or [owner.identifier])
            center.agencies.add(*served)
            if created:
                self.say(f"Thành lập nơi tiếp nhận {center.name} ({center.code}).", "centers_created")

    def retire(self, old: Agency, new: Agency, *, verb: str) -> None:
        """`old` stops; `new` carries on its procedures, sub-units and the centers' lists (not its history)."""
        self.result.agency_map[old.pk] = new.pk
        # Whatever still points at `old` moves, even when the merge was applied before (a catalog reloaded
        # with the old agency's name): applied twice, the plan changes nothing the second time.
        procedures = list(Procedure.objects.filter(agency=old).values_list("pk", flat=True))
        Procedure.objects.filter(pk__in=procedures).update(agency=new)
        reindex_procedures(procedures)
        Agency.objects.filter(parent=old).exclude(pk=new.pk).update(parent=new)
        for center in Center.objects.filter(agencies=old):
            center.agencies.remove(old)
            center.agencies.add(new)
        Center.objects.filter(agency=old, closed_on__isnull=True).update(agency=new)
        if old.merged_into_id == new.pk and not old.active:
            if procedures:
                self.say(f"Chuyển {len(procedures)} thủ tục còn lại của {old.name} sang {new.name}.")
                self.result.counts["procedures_moved"] += len(procedures)
            return
        Agency.objects.filter(pk=old.pk).update(active=False, merged_into=new, merged_on=self.plan.effective)
        self.say(
            f"{verb} {old.name} ({old.identifier}) vào {new.name} ({new.identifier}): "
            f"{len(procedures)} thủ tục chuyển sang.",
            "agencies_retired",
        )
        self.result.counts["procedures_moved"] += len(procedures)

    def split(self, split: Split, agencies: dict[str, Agency]) -> None:
        old, default = agencies[split.source], agencies[split.default]
        codes = Procedure.objects.filter(code__in=split.procedures).values_list("code", "pk")
        for code, pk in codes:
            self.result.procedure_routes[(old.pk, pk)] = agencies[split.procedures[code]].pk
        moved = 0
        for code, pk in codes:
            if Procedure.objects.filter(pk=pk, agency=old).update(agency=agencies[split.procedures[code]]):
                moved += 1
        reindex_procedures([pk for _code, pk in codes])
        self.result.counts["procedures_moved"] += moved
        if old.merged_into_id == default.pk and not old.active:
            self.retire(old, default, verb="Phần còn lại của")
            return
        successors = sorted({default.name, *(agencies[i].name for i in split.procedures.values())})
        self.say(f"Chia tách {old.name} ({old.identifier}) cho: {', '.join(successors)}.", "agencies_split")
        self.retire(old, default, verb="Phần còn lại của")

    def close_center(self, center: Center, successor: Center | None) -> None:
        if successor is not None:
            self.result.center_map[center.pk] = successor.pk
            successor.procedures.add(*center.procedures.all())  # idempotent: a set
        if center.closed_on is not None:
            return
        Center.objects.filter(pk=center.pk).update(closed_on=self.plan.effective, successor=successor)
        target = f", thay bằng {successor.name}" if successor else ""
        self.say(f"Ngừng tiếp nhận tại {center.name} ({center.code}){target}.", "centers_closed")

    def close_level(self, level: AgencyLevel, successor: AgencyLevel | None) -> None:
        if successor is not None:
            moved = []
            for procedure in Procedure.objects.filter(levels=level).select_related("agency__level"):
                own = procedure.agency.level if procedure.agency_id else None
                target = (
                    own if own is not None and own.pk != level.pk and own.closed_on is None else successor
                )
                procedure.levels.remove(level)
                procedure.levels.add(target)
                procedure.levels.commit()  # a parental field: written now, without saving the procedure
                moved.append(procedure.pk)
            reindex_procedures(moved)
            if moved:
                self.say(
                    f"Chuyển {len(moved)} thủ tục {level.name} sang cấp thực hiện mới.", "procedure_levels"
                )
        if level.closed_on is not None:
            return
        AgencyLevel.objects.filter(pk=level.pk).update(closed_on=self.plan.effective)
        self.say(f"Kết thúc {level.name} từ {self.plan.effective:%d/%m/%Y}.", "levels_closed")
