"""The public catalog: browse, search (without diacritics), a page per procedure and per decision, statistics."""

from __future__ import annotations

import io

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Agency, AgencyLevel, Center, Decision, Field, Procedure, ProcedureEvent
from .services import procedure_statistics, search_procedures

PAGE_SIZE = 20


def _filtered(request: HttpRequest):
    qs = Procedure.objects.published()
    level = request.GET.get("level") or ""
    field = request.GET.get("field") or ""
    agency = request.GET.get("agency") or ""
    online = request.GET.get("online") or ""
    if level:
        qs = qs.filter(levels__code=level)
    if field:
        qs = qs.filter(fields__code=field)
    if agency:
        qs = qs.filter(agency__identifier=agency)
    if online in ("full", "partial", "none"):
        qs = qs.filter(online_level=online)
    return qs.distinct(), {"level": level, "field": field, "agency": agency, "online": online}


def procedure_list(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "")[:200]
    qs, filters = _filtered(request)
    results = search_procedures(q, qs) if q.strip() else qs.order_by("code")
    page = Paginator(results.for_listing(), PAGE_SIZE).get_page(request.GET.get("page"))
    # Facet counts over the current result set: one grouped query per facet, whatever the page shows.
    ids = results.values("pk")
    facets = {
        "levels": AgencyLevel.objects.annotate(
            n=Count("procedure", filter=Q(procedure__in=ids), distinct=True)
        ).filter(n__gt=0),
        "fields": Field.objects.annotate(n=Count("procedures", filter=Q(procedures__in=ids), distinct=True))
        .filter(n__gt=0)
        .order_by("-n", "name"),
        "agencies": Agency.objects.annotate(
            n=Count("procedures", filter=Q(procedures__in=ids), distinct=True)
        )
        .filter(n__gt=0)
        .order_by("-n", "name"),
    }
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "catalog/procedure_list.html",
        {
            "page": page,
            "q": q,
            "filters": filters,
            "facets": facets,
            "querystring": params.urlencode(),
            "total": page.paginator.count,
        },
    )


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    procedure = get_object_or_404(
        Procedure.objects.select_related("agency").prefetch_related(
            "levels",
            "fields",
            "channels",
            "components",
            "legal_basis",
            "centers",
            "related",
            Prefetch("events", queryset=ProcedureEvent.objects.select_related("decision")),
        ),
        code=code,
    )
    if procedure.status == Procedure.Status.DRAFT:
        raise Http404
    return render(request, "catalog/procedure_detail.html", {"procedure": procedure})


def decision_list(request: HttpRequest) -> HttpResponse:
    decisions = Decision.objects.filter(live=True).select_related("issuer").annotate(n=Count("items"))
    return render(request, "catalog/decision_list.html", {"decisions": decisions})


def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision.objects.filter(live=True).select_related("issuer"), pk=pk)
    return render(
        request, "catalog/decision_detail.html", {"decision": decision, "items": decision.items.all()}
    )


def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = Agency.objects.select_related("level", "merged_into").annotate(
        n=Count("procedures", filter=Q(procedures__status=Procedure.Status.ACTIVE))
    )
    centers = Center.objects.select_related("agency").annotate(
        n=Count("procedures", filter=Q(procedures__status=Procedure.Status.ACTIVE))
    )
    return render(request, "catalog/agency_list.html", {"agencies": agencies, "centers": centers})


def statistics(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/statistics.html", {"stats": procedure_statistics()})


def statistics_xlsx(request: HttpRequest) -> HttpResponse:
    """Seed 004's Phụ lục layout: STT, agency, total, not brought, brought, fully on-site."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    stats = procedure_statistics()
    wb = Workbook()
    ws = wb.active
    ws.title = "PL1"
    ws.append(["THỐNG KÊ SỐ LƯỢNG THỦ TỤC HÀNH CHÍNH TIẾP NHẬN, GIẢI QUYẾT TẠI TRUNG TÂM"])
    ws.merge_cells("A1:F1")
    ws.append(
        [
            "STT",
            "Cơ quan",
            "Tổng số TTHC",
            "Số TTHC chưa đưa vào Trung tâm",
            "Số TTHC đưa vào Trung tâm",
            "Số TTHC giải quyết 4 tại chỗ",
        ]
    )
    ws.append([1, 2, 3, 4, 5, 6])
    for i, row in enumerate(stats["agencies"], start=1):
        # Names are ours, but escape anything a spreadsheet would run as a formula.
        name = row["agency"]
        if name[:1] in ("=", "+", "-", "@"):
            name = "'" + name
        ws.append([i, name, row["total"], row["not_brought"], row["brought"], row["fully_onsite"]])
    last = ws.max_row
    ws.append(["", "Tổng số", *(f"=SUM({c}4:{c}{last})" for c in "CDEF")])
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.column_dimensions["B"].width = 50
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="thong-ke-tthc.xlsx"'
    return response
