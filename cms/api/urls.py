from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from catalog import api as catalog_api
from reports import api as reports_api
from workflows import api as workflows_api

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("procedures/", catalog_api.ProcedureList.as_view(), name="api-procedures"),
    path("procedures/<str:code>/", catalog_api.ProcedureDetail.as_view(), name="api-procedure"),
    path("decisions/", catalog_api.DecisionList.as_view(), name="api-decisions"),
    path("agencies/", catalog_api.AgencyList.as_view(), name="api-agencies"),
    path("centers/", catalog_api.CenterList.as_view(), name="api-centers"),
    path("calendar/due/", workflows_api.CalendarDue.as_view(), name="api-calendar-due"),
    path("lookup/", workflows_api.Lookup.as_view(), name="api-lookup"),
    path("dossiers/", workflows_api.DossierCreate.as_view(), name="api-dossiers"),
    path("dossiers/<str:code>/", workflows_api.DossierDetail.as_view(), name="api-dossier"),
    path("dossiers/<str:code>/actions/", workflows_api.DossierActions.as_view(), name="api-dossier-actions"),
    path("forms/", include("eforms.api_urls")),
    path("reports/dossiers/", reports_api.DossierReportView.as_view(), name="api-reports-dossiers"),
]
