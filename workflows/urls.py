from django.urls import path

from . import payment_views, views

urlpatterns = [
    path("tra-cuu/", views.lookup, name="lookup"),
    path("tra-cuu/danh-gia/", views.rate, name="rating"),
    path("ho-so/so-theo-doi/", views.register, name="dossier-register"),
    path("ho-so/<str:code>/in/<str:form>/", views.print_form, name="dossier-print"),
    path("thanh-toan/thong-bao/", payment_views.payment_notification, name="payment-notify"),
    path("thanh-toan/mo-phong/<str:token>/", payment_views.payment_simulator, name="payment-simulator"),
]
