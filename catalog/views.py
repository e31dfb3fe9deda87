"""The public catalog: browse, search (without diacritics), a page per procedure and per decision, statistics."""

from __future__ import annotations

import io
from collections import defaultdict
from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .models import Agency, AgencyLevel, Center, Decision, Procedure, ProcedureEvent
from .models.procedures import OnlineLevel
from .services import MAX_QUERY_CHARS, SearchResult, procedure_statistics, search_catalog
from .services.search_log import logged_form, promotions_for, record_click
from .services.search_sql import AmongIds
from .tasks import log_catalog_search

PAGE_SIZE = 20
FACET_ITEMS = 15
# What a row of the results page shows, read as values: a row needs six of a Procedure's forty-one
# columns, and none of what building twenty instances (and their agencies) costs in Python.
ROW_COLUMNS = ("pk", "code", "name", "processing_time_text", "online_level")
ROW_TIME_CHARS = 60  # a processing time longer than this is cut, with an ellipsis, on the results page


def _filtered(request: HttpRequest):
    qs = Procedure.objects.published()
    level = request.GET.get("level") or ""
    field = request.GET.get("field") or ""
    agency = request.GET.get("agency") or ""
    online = request.GET.get("online") or ""
    if level:
        qs = qs.at_level(level)
    if field:
        qs = qs.in_field(field)
    if agency:
        qs = qs.filter(agency__identifier=agency)
    if online in ("full", "partial", "none"):
        qs = qs.filter(online_level=online)
    return qs, {"level": level, "field": field, "agency": agency, "online": online}


def _facets(found: SearchResult, q: str, filters: dict[str, str]) -> list[dict]:
    """The filter panel: counts per level, field and agency over the whole result set, each a link that
    sets (or keeps) that filter. One grouped query per facet, starting from the results (an index lookup
    per match) rather than from every procedure of the catalog: from the ids the search collected when it
    did (they already satisfy the filters), so no count joins the procedures to find them again."""
    if found.ids is None:
        results = found.unordered
        matched = results.values("pk")
        levels = Procedure.levels.through.objects.filter(procedure__in=matched)
        fields = Procedure.fields.through.objects.filter(procedure__in=matched)
    else:
        results = Procedure.objects.filter(AmongIds(found.ids))
        levels = Procedure.levels.through.objects.filter(AmongIds(found.ids, column="procedure_id"))
        fields = Procedure.fields.through.objects.filter(AmongIds(found.ids, column="procedure_id"))
    groups = [
        (
            _("Cấp thực hiện"),
            "level",
            levels.values(facet_code=F("agencylevel__code"), facet_name=F("agencylevel__name"))
            .annotate(n=Count("procedure"))
            .order_by("agencylevel__order", "facet_name"),
        ),
        (
            _("Lĩnh vực"),
            "field",
            fields.values(facet_code=F("field__code"), facet_name=F("field__name"))
            .annotate(n=Count("procedure"))
            .order_by("-n", "facet_name")[:FACET_ITEMS],
        ),
        (
            _("Cơ quan"),
            "agency",
            results.filter(agency__isnull=False)
            .values(facet_code=F("agency__identifier"), facet_name=F("agency__name"))
            .annotate(n=Count("pk"))
            .order_by("-n", "facet_name")[:FACET_ITEMS],
        ),
    ]

    # Every link carries the question and the filters, one of them set: each pair is encoded once.
    encoded = {key: urlencode({key: value}) for key, value in {"q": q, **filters}.items()}

    def link(key: str, value: str) -> str:
        return "?" + "&".join(urlencode({key: value}) if k == key else pair for k, pair in encoded.items())

    panel = [
        {
            "title": title,
            "items": [
                {
                    "label": item["facet_name"],
                    "n": item["n"],
                    "href": link(key, item["facet_code"]),
                    "current": filters[key] == item["facet_code"],
                }
                for item in items
            ],
        }
        for title, key, items in groups
    ]
    online = [("full", _("Toàn trình")), ("partial", _("Một phần"))]
    panel.insert(
        1,
        {
            "title": _("Mức độ trực tuyến"),
            "items": [
                {
                    "label": label,
                    "n": None,
                    "href": link("online", value),
                    "current": filters["online"] == value,
                }
                for value, label in online
            ],
        },
    )
    return panel


def _rows(page, logged_query: str) -> list[dict]:
    """The page's rows, each with the names of its levels in the levels' own order (one query for the
    page, as the prefetch was, without building AgencyLevel instances), and its link and texts, made here
    in one pass rather than by a `{% url %}`, two `{% blocktranslate %}` and `truncatechars` in the
    template for each row. The template escapes each text whole: neither it nor its translations carry
    markup."""
    rows = list(page.object_list)
    if not rows:
        return rows
    levels = defaultdict(list)
    through = Procedure.levels.through.objects.filter(procedure_id__in=[row["pk"] for row in rows])
    order = [f"agencylevel__{column}" for column in AgencyLevel._meta.ordering]
    for procedure, name in through.order_by(*order).values_list("procedure_id", "agencylevel__name"):
        levels[procedure].append(name)
    labels = dict(OnlineLevel.choices)
    # Opening a result tells the search log the question was answered (procedure_detail's `tk`).
    clicked = f"?tk={quote(logged_query)}" if logged_query else ""
    code_text, time_text = _("Mã: %(code)s"), _("Thời hạn: %(time)s")
    for row in rows:
        row["href"] = reverse("catalog:procedure", args=[row["code"]]) + clicked
        row["code_text"] = code_text % {"code": row["code"]}
        time = row["processing_time_text"]
        row["time_text"] = time_text % {"time": Truncator(time).chars(ROW_TIME_CHARS)} if time else ""
        row["levels"] = ", ".join(levels[row["pk"]])
        row["online_label"] = labels.get(row["online_level"], row["online_level"])
    return rows


def procedure_list(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "")[:MAX_QUERY_CHARS]
    qs, filters = _filtered(request)
    found = search_catalog(q, qs)
    results = found.procedures
    paginator = Paginator(results.values(*ROW_COLUMNS, agency_name=F("agency__name")), PAGE_SIZE)
    if found.total is not None:
        # The search counted its results already; `count` is a cached_property, so this saves a query.
        paginator.count = found.total
    page = paginator.get_page(request.GET.get("page"))
    facets = _facets(found, q, filters)
    logged_query = logged_form(q)
    if logged_query and page.number == 1:
        # One count per search a citizen asked, not per page they turn, written by a job after the response.
        count, quality = paginator.count, found.quality
        transaction.on_commit(lambda: log_catalog_search(logged_query, count, quality))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "catalog/procedure_list.html",
        {
            "page": page,
            "rows": _rows(page, logged_query),
            "q": q,
            "filters": filters,
            "facets": facets,
            "querystring": params.urlencode(),
            "total": page.paginator.count,
            # No procedure has every word: say the results are the closest ones, not exact matches.
            "approximate": bool(q.strip()) and not found.exact,
            "quality": found.quality,
            "promotions": promotions_for(q) if q.strip() else [],
        },
    )


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    procedure = get_object_or_404(
        Procedure.objects.select_related("agency").prefetch_related(
            "levels",
            "fields",
            "channels",
            "components",
            "steps",
            "legal_basis",
            # Offices closed by a reorganisation stay on old dossiers, not on where to apply today.
            Prefetch("centers", queryset=Center.objects.open_on()),
            "related",
            Prefetch("events", queryset=ProcedureEvent.objects.select_related("decision")),
        ),
        code=code,
    )
    if procedure.status == Procedure.Status.DRAFT or not procedure.live:
        raise Http404  # never published: a draft the workflow has not approved
    if request.GET.get("tk"):
        record_click(request.GET["tk"])  # a search result was opened: the query answered somebody
    return render(
        request,
        "catalog/procedure_detail.html",
        {"procedure": procedure, "submit_url": online_submission_url(procedure)},
    )


def online_submission_url(procedure: Procedure) -> str:
    """Where “Nộp trực tuyến” leads: the online forms app's URL by its name (the catalog imports no app of
    ours; without that app installed there is no button)."""
    if not procedure.takes_online_submission:
        return ""
    try:
        return reverse("forms:submit-online", kwargs={"code": procedure.code})
    except NoReverseMatch:
        return ""


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
        n=Count("procedures", filter=Q(procedures__status=Procedure.Status.ACTIVE, procedures__live=True))
    )
    centers = (
        Center.objects.open_on()
        .select_related("agency")
        .annotate(
            n=Count("procedures", filter=Q(procedures__status=Procedure.Status.ACTIVE, procedures__live=True))
        )
    )
    return render(request, "catalog/agency_list.html", {"agencies": agencies, "centers": centers})


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
            _("Cơ quan"),
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
