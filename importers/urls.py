from django.urls import path

from . import views

app_name = "importers"

urlpatterns = [
    path("ke-hoach/", views.plan_list, name="plans"),
]
