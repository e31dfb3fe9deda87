from django.conf import settings
from django.urls import path
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCLogoutView,
)

from . import account_views, procedure_views, simulator, status_views, views

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
    # Citizen accounts (issue 13): mozilla-django-oidc's views under the site's own addresses.
    path("ho-so-cua-toi/", account_views.my_dossiers, name="my-dossiers"),
    path("dang-nhap/", account_views.SignIn.as_view(), name="sign-in"),
    path("dang-nhap/xac-thuc/", OIDCAuthenticationCallbackView.as_view(), name="oidc-callback"),
    path("dang-xuat/", OIDCLogoutView.as_view(http_method_names=["post"]), name="sign-out"),
]

if settings.OIDC_SIMULATOR:
    # Never in production (cms/settings/production.py refuses the setting); each view checks it again.
    urlpatterns += [
        path(
            "oidc-mo-phong/.well-known/openid-configuration", simulator.discovery, name="simulator-discovery"
        ),
        path("oidc-mo-phong/authorize/", simulator.authorize, name="simulator-authorize"),
        path("oidc-mo-phong/token/", simulator.token, name="simulator-token"),
        path("oidc-mo-phong/userinfo/", simulator.userinfo, name="simulator-userinfo"),
        path("oidc-mo-phong/jwks/", simulator.jwks, name="simulator-jwks"),
        path("oidc-mo-phong/logout/", simulator.end_session, name="simulator-logout"),
    ]
