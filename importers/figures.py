"""The agency figures provinces reported (seed 004's appendices), as imported, for display beside the
catalog's live statistics (composed in cms, which may read both apps)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import AgencyStat

__all__ = ["agency_stat_dates", "reported_agency_stats"]


def agency_stat_dates() -> list[dt.date]:
    """The dates figures were imported for, newest first."""
    return list(AgencyStat.objects.order_by("-as_of").values_list("as_of", flat=True).distinct())


def reported_agency_stats(as_of: dt.date | None = None) -> dict[str, Any]:
    """The figures for `as_of` (default: the latest date imported): {"as_of", "rows"} with each row's
    agency name, the catalog agency's identifier when it was matched, its section and columns 3–8."""
    dates = agency_stat_dates()
    if as_of is None or as_of not in dates:
        as_of = dates[0] if dates else None
    if as_of is None:
        return {"as_of": None, "rows": [], "dates": []}
    rows = [
        {
            "agency": stat.agency_name,
            "identifier": stat.agency.identifier if stat.agency else None,
            "section": stat.section,
            **{f"c{n}": getattr(stat, f"c{n}") for n in range(3, 9)},
        }
        for stat in AgencyStat.objects.filter(as_of=as_of).select_related("agency").order_by("pk")
    ]
    return {"as_of": as_of, "rows": rows, "dates": dates}
