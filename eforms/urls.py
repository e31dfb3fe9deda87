from django.urls import path

from . import procedure_views, status_views, views

app_name = "forms"

urlpatterns = [
    path("ho-so-truc-tuyen/", views.applicant_files, name="applicant-files"),
    path("ho-so-truc-tuyen/tep/<int:pk>/", views.serve_file, name="file"),
    path("ho-so-truc-tuyen/mo/<str:token>/", views.open_files, name="open-files"),
    path("ho-so-truc-tuyen/ho-so/<str:code>/", status_views.dossier_status, name="status"),
    path("ho-so-truc-tuyen/ho-so/<str:code>/thanh-toan/", status_views.pay, name="pay"),
    path(
        "ho-so-truc-tuyen/ho-so/<str:code>/thanh-toan/ket-qua/",
        status_views.payment_return,
        name="payment-return",
    ),
    path("nop-truc-tuyen/<str:code>/", procedure_views.submit_online, name="submit-online"),
]
