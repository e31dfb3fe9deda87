from django.urls import path

from . import views

urlpatterns = [
    path("tra-cuu/", views.lookup, name="lookup"),
    path("ho-so/<str:code>/in/<str:form>/", views.print_form, name="dossier-print"),
]
