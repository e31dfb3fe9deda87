"""Admin listings of what imports produced: the run history, agency statistics, plans and their tasks."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import AgencyStat, ImportRun, Plan, PlanTask


class ImportRunViewSet(ModelViewSet):
    model = ImportRun
    icon = "history"
    menu_label = _("Lịch sử nhập")
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
