"""Admin listings: the scheduled report files (with downloads) and their recipients."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import ReportFile, ReportRecipient


class ProducedOnlyPolicy(ModelPermissionPolicy):
    """Report files are produced by the job from the dossiers: staff view and download, nobody adds or edits."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(user, action)


class ReportFileViewSet(ModelViewSet):
    model = ReportFile
    icon = "doc-full"
    menu_label = _("Tệp báo cáo định kỳ")
    url_prefix = "tep-bao-cao"
    # Files are produced by the job from the dossiers, never typed in: no create or edit form.
    list_display = [
        TitleColumn(
            "title", label=_("Báo cáo"), get_url=lambda f: reverse("reports_admin:download", args=[f.pk])
        ),
        "period",
        "scope",
        Column("received", label=_("Hồ sơ tiếp nhận")),
        Column("recipients_count", label=_("Đã gửi")),
        "created_at",
    ]
    list_filter = ["kind", "scope"]
    search_fields = ["title", "period"]
    inspect_view_enabled = True
    form_fields = []


class ReportRecipientViewSet(ModelViewSet):
    model = ReportRecipient
    icon = "mail"
    menu_label = _("Người nhận báo cáo")
    url_prefix = "nguoi-nhan-bao-cao"
    list_display = ["email", "name", "scope", "monthly", "quarterly", "active"]
    list_filter = ["active", "scope"]
    search_fields = ["email", "name"]
    form_fields = ["name", "email", "scope", "monthly", "quarterly", "active"]


class ReportsViewSetGroup(ViewSetGroup):
    menu_label = _("Báo cáo")
    menu_icon = "table"
    menu_order = 250
    items = (ReportFileViewSet, ReportRecipientViewSet)
