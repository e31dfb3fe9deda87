from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import ReportFile
from .viewsets import ProducedOnlyPolicy, ReportsViewSetGroup

register_permission_policy(ReportFile, ProducedOnlyPolicy(ReportFile))

admin_urls = [
    path("", admin_views.dashboard, name="dashboard"),
    path("tep/<int:pk>/", admin_views.download, name="download"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("bao-cao/", include((admin_urls, "reports_admin"), namespace="reports_admin"))]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ReportsViewSetGroup()


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return MenuItem(_("Báo cáo điều hành"), reverse("reports_admin:dashboard"), icon_name="view", order=240)
