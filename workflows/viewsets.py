"""Admin UI of workflows and dossiers: Wagtail viewsets grouped under one menu."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CalendarDay, CalendarSettings, Dossier, Officer, Workflow


class WorkflowViewSet(SnippetViewSet):
    model = Workflow
    icon = "tasks"
    menu_label = _("Quy trình xử lý")
    list_display = ["name", "procedure", "channel", "version", "active"]
    list_filter = ["active", "channel"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("procedure"), FieldPanel("channel")]),
        FieldRowPanel([FieldPanel("case"), FieldPanel("active")]),
        FieldPanel("source"),
        InlinePanel(
            "steps",
            heading=_("Các bước"),
            label=_("Bước"),
            panels=[
                FieldRowPanel([FieldPanel("code"), FieldPanel("name"), FieldPanel("kind")]),
                FieldRowPanel([FieldPanel("group"), FieldPanel("agency"), FieldPanel("role")]),
                FieldRowPanel(
                    [FieldPanel("budget_value"), FieldPanel("budget_unit"), FieldPanel("pauses_clock")]
                ),
                FieldRowPanel([FieldPanel("next_steps"), FieldPanel("back_step"), FieldPanel("decides")]),
            ],
        ),
    ]


class DossierViewSet(ModelViewSet):
    model = Dossier
    icon = "folder-inverse"
    menu_label = _("Hồ sơ")
    list_display = ["code", "applicant_name", "procedure", "status", "received_at", "due_at", "overdue"]
    list_filter = ["status", "channel", "overdue", "center"]
    search_fields = ["code", "applicant_name"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [
        "code",
        "procedure",
        "center",
        "agency",
        "channel",
        "applicant_name",
        "applicant_address",
        "status",
        "step_code",
        "received_at",
        "due_at",
        "due_explanation",
        "rescheduled",
        "returned_at",
        "timeliness",
    ]
    form_fields = ["assignee"]
    list_export = ["code", "applicant_name", "procedure", "status", "received_at", "due_at", "timeliness"]
    export_filename = "ho-so"

    def get_queryset(self, request):
        from .permissions import visible_dossiers

        return visible_dossiers(request.user, Dossier.objects.select_related("procedure", "center"))


class OfficerViewSet(ModelViewSet):
    model = Officer
    icon = "user"
    menu_label = _("Cán bộ")
    list_display = ["user", "agency", "center", "title"]
    form_fields = ["user", "agency", "center", "title"]


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Ngày nghỉ, ngày làm bù")
    list_display = ["date", "kind", "name", "province"]
    list_filter = ["kind", "province"]
    form_fields = ["date", "kind", "name", "province", "legal_basis"]


class CalendarSettingsViewSet(ModelViewSet):
    model = CalendarSettings
    icon = "time"
    menu_label = _("Giờ làm việc")
    list_display = ["__str__", "morning_start", "afternoon_end", "cutoff"]
    panels = [
        FieldPanel("province"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("morning_start"), FieldPanel("morning_end")]),
                FieldRowPanel([FieldPanel("afternoon_start"), FieldPanel("afternoon_end")]),
            ],
            heading=_("Giờ làm việc"),
        ),
        FieldPanel("cutoff"),
    ]


class WorkflowsViewSetGroup(ViewSetGroup):
    menu_label = _("Hồ sơ, quy trình")
    menu_icon = "folder-inverse"
    menu_order = 100
    items = (DossierViewSet, WorkflowViewSet, OfficerViewSet, CalendarDayViewSet, CalendarSettingsViewSet)
