"""Public report pages (/bao-cao/…): the province overview, one page per agency, the overdue list, the .xlsx."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from catalog.models import Agency
from reports.export import report_xlsx
from reports.pages import agency_context, overview_context
from reports.services import ReportInputError, dossier_report, parse_period, parse_scope, period_containing
from reports.services.trends import overdue_list

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(request: HttpRequest):
    text = request.GET.get("ky", "").strip()
    return parse_period(text) if text else period_containing(timezone.now(), "quarter")


def _bad_input(request: HttpRequest, error: ReportInputError) -> HttpResponse:
    return render(request, "reports/bad_input.html", {"message": str(error)}, status=400)


def overview(request: HttpRequest) -> HttpResponse:
    try:
        period = _period(request)
        scope = parse_scope(request.GET.get("pham-vi"))
        context = overview_context(period, scope)
    except ReportInputError as error:
        return _bad_input(request, error)
    context["agencies"] = Agency.objects.filter(active=True).order_by("name")
    return render(request, "reports/overview.html", context)


def agency(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=pk)
    try:
        context = agency_context(agency, _period(request))
    except ReportInputError as error:
        return _bad_input(request, error)
    return render(request, "reports/agency.html", context)


def overdue(request: HttpRequest) -> HttpResponse:
    groups = overdue_list(parse_scope("province"))
    return render(request, "reports/overdue.html", {"groups": groups, "now": timezone.now()})


def download(request: HttpRequest) -> HttpResponse:
    try:
        report = dossier_report(_period(request), parse_scope(request.GET.get("pham-vi")))
    except ReportInputError as error:
        return _bad_input(request, error)
    response = HttpResponse(report_xlsx(report), content_type=XLSX)
    name = f"bao-cao-{report.period.label}-{report.scope.label.replace(':', '-')}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
