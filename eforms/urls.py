from django.urls import path

from . import views

app_name = "forms"

urlpatterns = [
    path("ho-so-truc-tuyen/", views.applicant_files, name="applicant-files"),
    path("ho-so-truc-tuyen/tep/<int:pk>/", views.serve_file, name="file"),
    path("ho-so-truc-tuyen/mo/<str:token>/", views.open_files, name="open-files"),
]
