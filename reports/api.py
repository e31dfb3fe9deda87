"""GET /api/v1/reports/dossiers/?period=2026-Q4&scope=agency:12[&format=xlsx] (../shared/API.md).

Public like the rest of the published figures: the report holds counts only, no personal data. A token is
accepted (the site's default authentication) but not required. `results` are the agency rows, paginated
as every list of the API; the period, scope, column labels and the total ride beside them.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import APIException
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from reports.export import report_xlsx
from reports.services import ReportInputError, dossier_report, parse_period, parse_scope, period_containing

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class BadReportInput(APIException):
    status_code = 400
    default_code = "invalid_report_input"
    vietnamese = True


class XlsxRenderer(BaseRenderer):
    """Lets `?format=xlsx` pass DRF's content negotiation; the view writes the workbook itself."""

    media_type = XLSX
    format = "xlsx"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class DossierReportView(APIView):
    renderer_classes = [JSONRenderer, XlsxRenderer]
    # The site's paginator (cms.api.pagination through the setting): reports may not import cms.
    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS

    def handle_exception(self, exc):
        # Errors are always JSON, even when the client asked for the workbook.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "period",
                str,
                description="2026-11 (tháng), 2026-Q4 (quý) hoặc 2026 (năm); mặc định quý hiện tại",
            ),
            OpenApiParameter(
                "scope",
                str,
                description="province | agency:<id> | center:<mã> | procedure:<mã> | commune:<id>",
            ),
            OpenApiParameter("format", str, enum=["json", "xlsx"]),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        try:
            text = request.query_params.get("period", "").strip()
            period = parse_period(text) if text else period_containing(timezone.now(), "quarter")
            report = dossier_report(period, parse_scope(request.query_params.get("scope")))
        except ReportInputError as error:
            raise BadReportInput(str(error), code="invalid_report_input") from None
        if request.accepted_renderer.format == "xlsx":
            response = HttpResponse(report_xlsx(report), content_type=XLSX)
            name = f"bao-cao-{report.period.label}.xlsx"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        paginator = self.pagination_class()
        rows = [{"agency_id": r.agency_id, "agency": r.agency, **r.figures} for r in report.rows]
        page = paginator.paginate_queryset(rows, request, view=self)
        response = paginator.get_paginated_response(page)
        response.data = {**response.data, **report.as_dict()}
        return Response(response.data)
