"""Admin views: the leaders' dashboard (the public figures and charts, plus the overdue list by agency) and
the download of a scheduled report file (private storage, staff with the model's view permission only)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from reports.models import ReportFile
from reports.pages import overview_context
from reports.services import ReportInputError, parse_period, parse_scope, period_containing
from reports.services.trends import overdue_list

VIEW_FILES = "reports.view_reportfile"


def dashboard(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("ky", "").strip()
    error = None
    try:
        period = parse_period(text) if text else period_containing(timezone.now(), "quarter")
        scope = parse_scope(request.GET.get("pham-vi"))
    except ReportInputError as exc:
        error = str(exc)
        period, scope = period_containing(timezone.now(), "quarter"), parse_scope("province")
    context = overview_context(period, scope)
    context.update(error=error, overdue_groups=overdue_list(scope), files=ReportFile.objects.all()[:8])
    return TemplateResponse(request, "reports/admin/dashboard.html", context)


def download(request: HttpRequest, pk: int) -> FileResponse:
    if not request.user.has_perm(VIEW_FILES):
        raise PermissionDenied
    report_file = get_object_or_404(ReportFile, pk=pk)
    name = report_file.file.name.rsplit("/", 1)[-1]
    return FileResponse(report_file.file.open("rb"), as_attachment=True, filename=name)
