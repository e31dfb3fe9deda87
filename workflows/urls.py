from django.urls import path

from . import views

urlpatterns = [
    path("tra-cuu/", views.lookup, name="lookup"),
    path("tra-cuu/danh-gia/", views.rate, name="rating"),
    path("ho-so/so-theo-doi/", views.register, name="dossier-register"),
    path("ho-so/<str:code>/in/<str:form>/", views.print_form, name="dossier-print"),
]
