"""Admin UI of workflows and dossiers: Wagtail viewsets grouped under one menu."""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_forms import WorkflowAdminForm
from .admin_views import (
    DossierFileView,
    DossierIndexView,
    DossierPageView,
    QueueFilterSet,
    QuickBooleanColumn,
    QuickColumn,
    ReceiveView,
)
from .calendar_admin import CalendarYearViewSet
from .diagram import workflow_svg
from .models import CalendarDay, CalendarSettings, Dossier, DossierAccess, Officer, Workflow
from .services.checker import check_workflow


class WorkflowDiagramPanel(Panel):
    """The saved workflow drawn as a diagram, with what the checker says about it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "workflows/admin/workflow_diagram_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            workflow = self.instance
            if workflow is None or workflow.pk is None:
                context.update(saved=False)
                return context
            steps = [s.as_dict() for s in workflow.steps.select_related("group", "agency")]
            findings = check_workflow(workflow, steps)
            context.update(
                saved=True, findings=findings, svg=workflow_svg(steps, findings), workflow=workflow
            )
            return context


STEP_PANELS = [
    FieldRowPanel([FieldPanel("code"), FieldPanel("name"), FieldPanel("kind")]),
    FieldRowPanel([FieldPanel("group"), FieldPanel("agency"), FieldPanel("role")]),
    FieldRowPanel([FieldPanel("budget_value"), FieldPanel("budget_unit"), FieldPanel("pauses_clock")]),
    FieldRowPanel([FieldPanel("next_steps"), FieldPanel("back_step"), FieldPanel("decides")]),
    FieldPanel("automatic"),
]


class WorkflowViewSet(SnippetViewSet):
    model = Workflow
    icon = "tasks"
    menu_label = _("Quy trình xử lý")
    list_display = ["name", "procedure", "channel", "version", "active"]
    list_filter = ["active", "channel"]
    search_fields = ["name"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("procedure"), FieldPanel("channel")]),
                    FieldRowPanel([FieldPanel("case"), FieldPanel("active")]),
                    FieldPanel("source"),
                    InlinePanel("steps", heading=_("Các bước"), label=_("Bước"), panels=STEP_PANELS),
                ],
                heading=_("Quy trình"),
            ),
            ObjectList([WorkflowDiagramPanel()], heading=_("Sơ đồ và kiểm tra")),
        ],
        base_form_class=WorkflowAdminForm,
    )


def _step_name(dossier: Dossier) -> str:
    return (dossier.step() or {}).get("name", "")


def _branch_due(dossier: Dossier) -> str:
    """The due time of the officer's agency's open parallel branch (annotated by the listing), else ""."""
    due = getattr(dossier, "branch_due", None)
    return f"{timezone.localtime(due):%H:%M %d/%m/%Y}" if due else ""


class DossierViewSet(ModelViewSet):
    """Dossiers change only through actions: "edit" is the dossier page, "new" is the desk's reception form."""

    model = Dossier
    icon = "folder-inverse"
    menu_label = _("Hồ sơ")
    index_view_class = DossierIndexView
    add_view_class = ReceiveView
    edit_view_class = DossierPageView
    pk_path_converter = "int"
    index_template_name = "workflows/admin/dossier_index.html"
    filterset_class = QueueFilterSet
    list_display = [
        "code",
        "applicant_name",
        "procedure",
        QuickColumn("status", label=_("Trạng thái"), accessor="get_status_display", sort_key="status"),
        QuickColumn("step", label=_("Bước hiện tại"), accessor=_step_name),
        QuickColumn("assignee", label=_("Cán bộ xử lý"), accessor="assignee"),
        "received_at",
        "due_at",
        QuickColumn("branch_due", label=_("Hạn nhánh liên thông của cơ quan"), accessor=_branch_due),
        QuickBooleanColumn("overdue", label=_("Quá hạn"), sort_key="overdue"),
    ]
    search_fields = ["code", "applicant_name"]
    list_per_page = 50
    inspect_view_enabled = False
    copy_view_enabled = False
    form_fields = []
    list_export = ["code", "applicant_name", "procedure", "status", "received_at", "due_at", "timeliness"]
    export_filename = "ho-so"

    # Neither view edits the model through a panel: they keep their own forms and templates, and take only
    # the viewset's URL names (and the model, for the permission policy).
    def get_add_view_kwargs(self, **kwargs):
        return kwargs

    def get_edit_view_kwargs(self, **kwargs):
        return {
            "file_url_name": self.get_url_name("file"),
            "header_icon": DossierPageView.header_icon,
            **kwargs,
        }

    @property
    def file_view(self):
        return self.construct_view(DossierFileView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("file/<int:pk>/<int:file_id>/", self.file_view, name="file"),
        ]


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


class AccessLogIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("dossier")
        user = self.request.user
        if user.is_superuser:
            return queryset
        officer = getattr(user, "officer", None)
        if officer is None:
            return queryset.none()
        return queryset.filter(dossier__agency_id=officer.agency_id)  # the leader's own agency only


class DossierAccessViewSet(ModelViewSet):
    model = DossierAccess
    icon = "view"
    menu_label = _("Nhật ký truy cập dữ liệu cá nhân")
    url_prefix = "nhat-ky-truy-cap"
    index_view_class = AccessLogIndexView
    list_display = ["at", "dossier", "user_name", "kind", "detail", "client"]
    list_filter = ["kind"]
    search_fields = ["dossier__code", "user_name"]
    list_export = ["at", "dossier", "user_name", "kind", "detail", "client"]
    export_filename = "nhat-ky-truy-cap"
    form_fields = []
    add_view_enabled = False
    edit_view_enabled = False
    delete_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False


class WorkflowsViewSetGroup(ViewSetGroup):
    menu_label = _("Hồ sơ, quy trình")
    menu_icon = "folder-inverse"
    menu_order = 100
    items = (
        DossierViewSet,
        WorkflowViewSet,
        OfficerViewSet,
        CalendarDayViewSet,
        CalendarYearViewSet,
        CalendarSettingsViewSet,
        DossierAccessViewSet,
    )
