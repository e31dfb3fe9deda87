"""Admin of the yearly calendar confirmation: the package's proposal beside the province's decision."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet

from .models import CalendarYear
from .services.calendar_year import calendar_proposal


class CalendarProposalPanel(Panel):
    """The days off and make-up days of the year, as proposed by the package and overridden here."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "workflows/admin/calendar_proposal_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            year = getattr(self.instance, "year", None)
            context["year"] = year
            context["days"] = calendar_proposal(year, self.instance.province or None) if year else []
            return context


class CalendarYearForm(WagtailAdminModelForm):
    """Records who confirmed the year and when, from the signed-in user rather than typed in."""

    def save(self, commit=True):
        year = super().save(commit=False)
        if "confirmed" in self.changed_data:
            if year.confirmed:
                user = self.for_user
                year.confirmed_by = (user.get_full_name() or user.get_username()) if user else ""
                year.confirmed_at = timezone.now()
            else:
                year.confirmed_by, year.confirmed_at = "", None
        if commit:
            year.save()
        return year


class CalendarYearViewSet(ModelViewSet):
    model = CalendarYear
    icon = "date"
    menu_label = _("Xác nhận lịch năm")
    list_display = ["year", "province", BooleanColumn("confirmed", label=_("đã xác nhận")), "confirmed_by"]
    list_filter = ["confirmed"]
    edit_handler = ObjectList(
        [
            FieldPanel("year"),
            FieldPanel("province"),
            CalendarProposalPanel(heading=_("Đề xuất lịch nghỉ của năm")),
            FieldPanel("confirmed"),
            FieldPanel("note"),
        ],
        base_form_class=CalendarYearForm,
    )
