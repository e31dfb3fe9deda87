"""The site's URLs: the domain apps' public pages and API under one roof, Wagtail's pages last."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import health, views_plans, views_statistics
from .api.urls import urlpatterns as api_urls
from .sitemaps import sitemaps

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include(api_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Composed pages (cms reads two apps); importers reverse `plan_detail` by this root name.
    path("thong-ke/", views_statistics.statistics, name="statistics"),
    path("ke-hoach/<int:pk>/", views_plans.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/tinh-trang/", views_plans.task_status, name="plan_task_status"),
    path("", include("catalog.urls")),
    path("", include("workflows.urls")),
    path("", include("importers.urls")),
    path("", include("eforms.urls")),
    path("", include("reports.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
