from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("thu-tuc/", views.procedure_list, name="procedures"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure"),
    path("quyet-dinh/", views.decision_list, name="decisions"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("co-quan/", views.agency_list, name="agencies"),
    path("thong-ke/tai-ve.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
]
