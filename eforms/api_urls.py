from django.urls import path

from . import api

urlpatterns = [
    path("", api.FormList.as_view(), name="api-forms"),
    path("units/", api.ProvinceList.as_view(), name="api-form-provinces"),
    path("units/<str:code>/", api.CommuneList.as_view(), name="api-form-communes"),
    path("<int:pk>/", api.FormDetail.as_view(), name="api-form"),
]
