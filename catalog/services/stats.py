"""Seed 004's appendix figures, computed live from the catalog (per agency and per center)."""

from __future__ import annotations

from django.db.models import Count, Q

from catalog.models import Agency, Center, Procedure

# Targets for procedures handled fully on site ("4 tại chỗ"): not in Decree 61/2018 itself but in the provincial
# plans implementing it under Decision 985/QĐ-TTg (08/8/2018), e.g. Quảng Bình's plan (seed 000, part II) and
# Thanh Hóa's (seed 001): at least 20 % at the provincial center, 50 % at the district desks. The district level
# was abolished on 1/7/2025 (the district desks are closed centers, left out of the current figures); its target
# is kept for the statistics of the years before. No target for the communes' centers was found in a source.
TARGETS = {"province_center": 0.20, "district_desk": 0.50}


def procedure_statistics() -> dict[str, list[dict]]:
    """Rows of the live statistics: total, not brought to a center, brought, fully on-site; per agency/center."""
    active = Q(procedures__status=Procedure.Status.ACTIVE, procedures__live=True)
    onsite = active & Q(
        procedures__onsite_receive=True,
        procedures__onsite_appraise=True,
        procedures__onsite_approve=True,
        procedures__onsite_return=True,
    )
    agencies = (
        Agency.objects.filter(active=True)
        .annotate(
            total=Count("procedures", filter=active, distinct=True),
            brought=Count("procedures", filter=active & Q(procedures__centers__isnull=False), distinct=True),
            fully_onsite=Count("procedures", filter=onsite, distinct=True),
        )
        .filter(total__gt=0)
        .order_by("identifier")
    )
    rows = [
        {
            "agency": a.name,
            "identifier": a.identifier,
            "total": a.total,
            "not_brought": a.total - a.brought,
            "brought": a.brought,
            "fully_onsite": a.fully_onsite,
            "share_onsite": (a.fully_onsite / a.brought) if a.brought else 0.0,
        }
        for a in agencies
    ]
    centers = (
        Center.objects.open_on()
        .annotate(
            total=Count("procedures", filter=active, distinct=True),
            fully_onsite=Count("procedures", filter=onsite, distinct=True),
        )
        .order_by("kind", "name")
    )
    center_rows = []
    for c in centers:
        share = (c.fully_onsite / c.total) if c.total else 0.0
        target = TARGETS.get(c.kind)
        center_rows.append(
            {
                "center": c.name,
                "code": c.code,
                "kind": c.kind,
                "total": c.total,
                "fully_onsite": c.fully_onsite,
                "share_onsite": share,
                "target": target,
                "meets_target": None if target is None else share >= target,
            }
        )
    return {"agencies": rows, "centers": center_rows}
