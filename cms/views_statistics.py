"""/thong-ke/: the catalog's live statistics beside the figures the province reported (imported appendices).

The catalog computes its statistics and may not know the importers app; the importers keep the reported
figures and may not know the page. Composing both is the cms's job, so the page is the cms's (`statistics`);
the catalog's .xlsx download (`catalog:statistics_xlsx`) stays the catalog's.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catalog.services import procedure_statistics
from importers.services import reported_agency_stats


def _pairs(live: list[dict], reported: list[dict]) -> tuple[list[dict], list[dict]]:
    """Live rows with the reported figures of the same agency beside them; reported rows with no match."""
    by_identifier = {r["identifier"]: r for r in reported if r["identifier"]}
    rows = [{"live": row, "reported": by_identifier.pop(row["identifier"], None)} for row in live]
    for row in rows:
        reported_row = row["reported"]
        row["difference"] = (
            None
            if reported_row is None or reported_row["c3"] is None
            else (row["live"]["total"] - reported_row["c3"])
        )
    # Left in by_identifier: agencies the catalog knows but shows no live row for (no active procedure).
    leftover = {id(r) for r in by_identifier.values()}
    unmatched = [r for r in reported if not r["identifier"] or id(r) in leftover]
    return rows, unmatched


def statistics(request: HttpRequest) -> HttpResponse:
    stats = procedure_statistics()
    try:
        wanted = dt.date.fromisoformat(request.GET.get("ngay", ""))
    except ValueError:
        wanted = None
    reported = reported_agency_stats(wanted)
    rows, unmatched = _pairs(stats["agencies"], reported["rows"])
    return render(
        request,
        "cms/statistics.html",
        {"stats": stats, "reported": reported, "rows": rows, "unmatched": unmatched},
    )
