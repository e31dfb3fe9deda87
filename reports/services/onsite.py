"""The "fully on site" targets measured from real dossiers, not from the catalog's editor flags.

The targets are the provincial plans': at least 20 % of procedures handled entirely (received, appraised,
approved, returned) at the province's public service center and 50 % at district one-stop desks — Quảng Bình's
plan (../shared/seeds/000, III.1 and Phụ lục task II.5) and Thanh Hóa's (../shared/seeds/001, III.2, which
counts "thủ tục hành chính thường xuyên phát sinh hồ sơ", and Phụ lục task II.5). The plans set no target for
commune desks; they are measured and shown without one.

A returned dossier was handled fully on site when every event an officer performed on it (receive, transfer,
appraise, approve, return…) was performed by an officer of the center that received it. A procedure counts
as fully on site at a kind of center when it had returned dossiers there in the period and all of them were.
Following Thanh Hóa's wording, the denominator is the procedures that had dossiers, not the whole catalog.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from catalog.models import Center
from reports.periods import Period, Scope
from workflows.models import Dossier, DossierEvent, DossierStatus

from .scope import reference_moment, scope_q

TARGETS = {Center.Kind.PROVINCE_CENTER: 0.20, Center.Kind.DISTRICT_DESK: 0.50}
SOURCES = {
    Center.Kind.PROVINCE_CENTER: "Kế hoạch tỉnh Quảng Bình (seeds/000) mục III.1, Phụ lục nhiệm vụ II.5; "
    "Kế hoạch tỉnh Thanh Hóa (seeds/001) mục III.2, Phụ lục nhiệm vụ II.5",
    Center.Kind.DISTRICT_DESK: "Như trên: tối thiểu 50% tại Bộ phận Một cửa cấp huyện",
}


def onsite_targets(period: Period, scope: Scope, *, now: dt.datetime | None = None) -> list[dict]:
    """One row per kind of center: procedures and dossiers fully on site, their shares, target and verdict."""
    ref = reference_moment(period, now)
    returned = Dossier.objects.filter(
        scope_q(scope), status=DossierStatus.RETURNED, returned_at__gte=period.start, returned_at__lt=ref
    )
    dossiers = {pk: (center_id, kind, procedure_id) for pk, center_id, kind, procedure_id in
                returned.values_list("pk", "center_id", "center__kind", "procedure_id")}  # fmt: skip
    onsite = dict.fromkeys(dossiers, True)
    acted = dict.fromkeys(dossiers, False)
    events = DossierEvent.objects.filter(dossier_id__in=list(dossiers), actor__isnull=False)
    for dossier_id, officer_center in events.values_list("dossier_id", "actor__officer__center_id"):
        acted[dossier_id] = True
        if officer_center != dossiers[dossier_id][0]:
            onsite[dossier_id] = False
    by_kind: dict[str, dict] = defaultdict(lambda: {"dossiers": 0, "onsite_dossiers": 0, "procedures": {}})
    for pk, (_, kind, procedure_id) in dossiers.items():
        fully = onsite[pk] and acted[pk]
        row = by_kind[kind]
        row["dossiers"] += 1
        row["onsite_dossiers"] += fully
        row["procedures"][procedure_id] = row["procedures"].get(procedure_id, True) and fully
    out = []
    for kind, label in Center.Kind.choices:
        row = by_kind.get(kind, {"dossiers": 0, "onsite_dossiers": 0, "procedures": {}})
        procedures = len(row["procedures"])
        onsite_procedures = sum(row["procedures"].values())
        share = onsite_procedures / procedures if procedures else None
        target = TARGETS.get(kind)
        out.append({
            "kind": kind, "label": label, "procedures": procedures, "onsite_procedures": onsite_procedures,
            "procedure_share": share, "dossiers": row["dossiers"], "onsite_dossiers": row["onsite_dossiers"],
            "dossier_share": row["onsite_dossiers"] / row["dossiers"] if row["dossiers"] else None,
            "target": target, "source": SOURCES.get(kind, "Kế hoạch của tỉnh không đặt chỉ tiêu cho cấp xã"),
            "meets": None if target is None or share is None else share >= target,
        })  # fmt: skip
    return out
