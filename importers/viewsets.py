"""Admin listings of what imports produced: the run history, agency statistics, plans and their tasks."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .models import AgencyStat, ImportRun, Plan, PlanTask


class ImportRunViewSet(ModelViewSet):
    """The run history (Wagtail's generic listing, inspect, edit…) and the import pages themselves: upload at
    /admin/nhap-phu-luc/, then each run's page (preview, confirm, progress, retry, cancel, the kept file)."""

    model = ImportRun
    icon = "history"
    menu_label = _("Lịch sử nhập")
    url_prefix = "nhap-phu-luc"
    url_namespace = "importers_admin"
    #: The generic listing's old address (the viewset's default prefix), redirected by wagtail_hooks.
    old_url_prefix = "importrun"
    # A run is opened on its own page (preview, confirm, progress, retry), not in a generic edit form.
    list_display = [
        TitleColumn(
            "filename",
            label=_("Tệp"),
            get_url=lambda run: reverse("importers_admin:run", args=[run.pk]),
        ),
        "detected_profile",
        "status",
        "created_by",
        "created_at",
        "created",
        "updated",
        "unchanged",
        "error_count",
        Column("duration_text", label=_("Thời gian xử lý")),
    ]
    list_filter = ["status", "detected_profile"]
    search_fields = ["filename"]
    inspect_view_enabled = True
    form_fields = ["profile"]
    import_views = (
        ("", admin_views.UploadView, "upload"),
        ("<int:pk>/", admin_views.RunDetailView, "run"),
        ("<int:pk>/progress/", admin_views.RunProgressView, "progress"),
        ("<int:pk>/confirm/", admin_views.RunConfirmView, "confirm"),
        ("<int:pk>/retry/", admin_views.RunRetryView, "retry"),
        ("<int:pk>/cancel/", admin_views.RunCancelView, "cancel"),
        ("<int:pk>/file/", admin_views.RunFileView, "file"),
    )

    def get_urlpatterns(self):
        # The upload page keeps the prefix's root, so the generic listing moves to lich-su/ (listed first: the
        # menu links to the first pattern).
        listing = {"index": "lich-su/", "index_results": "lich-su/results/"}
        generic = super().get_urlpatterns()
        moved = [path(listing[p.name], p.callback, name=p.name) for p in generic if p.name in listing]
        kept = [p for p in generic if p.name not in listing]
        views = [
            path(
                route,
                self.construct_view(
                    view_class, permission_policy=self.permission_policy, url_namespace=self.url_namespace
                ),
                name=name,
            )
            for route, view_class, name in self.import_views
        ]
        return [*moved, *views, *kept]


class AgencyStatViewSet(ModelViewSet):
    model = AgencyStat
    icon = "table"
    menu_label = _("Số liệu theo đơn vị")
    list_display = ["agency_name", "as_of", "c3", "c4", "c5", "c6", "c7", "c8"]
    list_filter = ["as_of"]
    search_fields = ["agency_name"]
    form_fields = ["agency_name", "agency", "as_of", "section", "c3", "c4", "c5", "c6", "c7", "c8"]
    list_export = ["agency_name", "as_of", "c3", "c4", "c5", "c6", "c7", "c8"]


class PlanViewSet(ModelViewSet):
    model = Plan
    icon = "list-ul"
    menu_label = _("Kế hoạch")
    list_display = ["title", "issuer", "issued"]
    form_fields = ["title", "key", "issuer", "issued"]


class PlanTaskViewSet(ModelViewSet):
    model = PlanTask
    icon = "tick"
    menu_label = _("Nhiệm vụ kế hoạch")
    list_display = ["number", "content", "plan", "due", "status"]
    list_filter = ["status", "plan", "recurring"]
    search_fields = ["content"]
    form_fields = ["status"]
    list_export = ["plan", "number", "section", "content", "output", "deadline_text", "due", "status"]


class ImportersViewSetGroup(ViewSetGroup):
    menu_label = _("Nhập dữ liệu")
    menu_icon = "upload"
    menu_order = 300
    items = (ImportRunViewSet, AgencyStatViewSet, PlanViewSet, PlanTaskViewSet)
