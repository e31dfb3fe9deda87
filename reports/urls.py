from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("bao-cao/", views.overview, name="overview"),
    path("bao-cao/co-quan/<int:pk>/", views.agency, name="agency"),
    path("bao-cao/qua-han/", views.overdue, name="overdue"),
    path("bao-cao/tai-ve.xlsx", views.download, name="xlsx"),
]
