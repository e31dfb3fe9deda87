"""Seed 004's appendix figures, computed live from the catalog (per agency and per center)."""

from __future__ import annotations

from django.db.models import Count, Q

from catalog.models import Agency, Center, Procedure

# Decree 61/2018 art. 14 targets for procedures handled fully on site ("4 tại chỗ").
TARGETS = {"province_center": 0.20, "district_desk": 0.50}


def procedure_statistics() -> dict[str, list[dict]]:
    """Rows of the live statistics: total, not brought to a center, brought, fully on-site; per agency/center."""
    active = Q(procedures__status=Procedure.Status.ACTIVE)
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
    centers = Center.objects.annotate(
        total=Count("procedures", filter=active, distinct=True),
        fully_onsite=Count("procedures", filter=onsite, distinct=True),
    ).order_by("kind", "name")
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
