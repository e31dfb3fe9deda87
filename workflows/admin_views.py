"""The officers' admin: the dossier listing with its queues, the dossier page with its actions, the desk's form.

Every view asks `DossierPermissionPolicy` (through `visible_dossiers`) which dossiers the officer may see, and
every change goes through `perform_action` / `receive_dossier`: a refused action shows its Vietnamese reason
and changes nothing, exactly as the API answers 403/409.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template import Context
from django.template.base import render_value_in_context
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from django_filters import ChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .admin_forms import DossierActionForm, ReceiveForm
from .calendar.rules import RULE_SETS
from .counts import queue_counts_for
from .forms import FORMS, FormUnavailable, check_printable, rule_set_of, step_agencies
from .models import ClockSegment, Dossier, DossierBranch, DossierFile, DossierStatus
from .permissions import denial_reason, officer_of, scope_arms, visible_dossiers
from .queues import QUEUE_LABELS, CappedCountPaginator, queue_q
from .services import (
    ActionNotAllowed,
    Conflict,
    ReceptionError,
    ReceptionForbidden,
    fee_status,
    perform_action,
    receive_dossier,
    record_desk_payment,
)
from .services.access import record_access
from .services.actions import actions
from .services.results import attach_result

S = DossierStatus


class QueueFilterSet(WagtailFilterSet):
    queue = ChoiceFilter(label=_("Hàng đợi"), choices=list(QUEUE_LABELS.items()), method="filter_queue")

    def filter_queue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(queue_q(value, user=getattr(self.request, "user", None)))

    class Meta:
        model = Dossier
        fields = ["queue", "status", "channel", "overdue", "center"]


class QuickColumn(Column):
    """A column whose cells are Wagtail's `tables/cell.html` markup built in Python: a listing page has 500
    cells, and a template render per cell was most of the page's time once the counts were summed."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_cell_context_data(instance, parent_context)["value"]
        # What `{{ value }}` does: local time, localized, escaped.
        shown = "" if value is None else render_value_in_context(value, Context(autoescape=True))
        return format_html(
            "<td{}>{}</td>", format_html(' class="{}"', self.classname) if self.classname else "", shown
        )


class QuickBooleanColumn(BooleanColumn):
    """Wagtail's boolean cell (an icon), rendered once per value and class and reused for every row."""

    def render_cell_html(self, instance, parent_context):
        key = (self.get_value(instance), self.classname)
        cache = self.__dict__.setdefault("_cells", {})
        if key not in cache:
            cache[key] = super().render_cell_html(instance, parent_context)
        return cache[key]


class DossierIndexView(IndexView):
    """The listing, scoped by the permission policy, with the queues as tabs above it."""

    # Five years of a province is millions of rows: count at most COUNT_CAP of them (workflows.queues).
    paginator_class = CappedCountPaginator

    def get_base_queryset(self):
        return visible_dossiers(
            self.request.user, Dossier.objects.select_related("procedure", "center", "assignee")
        )

    def get_queryset(self):
        """The page's rows, each with the due time of the officer's agency's open parallel branch (if any):
        the police see the residence branch's own deadline beside the dossier's (Decree 63/2024)."""
        queryset = super().get_queryset()
        officer = officer_of(self.request.user)
        if officer is None:
            return queryset
        branches = DossierBranch.objects.filter(
            dossier=OuterRef("pk"), finished_at__isnull=True, step_agency=officer.agency.identifier
        ).order_by("step_due_at")
        return queryset.annotate(branch_due=Subquery(branches.values("step_due_at")[:1]))

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        # The listing's plain fields (applicant, procedure, dates) without a template per cell.
        if column_class is Column:
            column_class = QuickColumn
        return super()._get_custom_column(field_name, column_class, **kwargs)

    @cached_property
    def queue_sizes(self) -> dict[str, int]:
        # From the tallies on PostgreSQL (a few hundred groups, not every open dossier), exact either way.
        return queue_counts_for(self.request.user)

    def listing_kind(self) -> str | None:
        """ "" for the whole listing, a queue's key for one queue's tab, None once anything else filters it."""
        asked = {k: v for k, v in self.request.GET.items() if v and k not in (self.page_kwarg, "ordering")}
        if not asked:
            return ""
        if set(asked) == {"queue"} and asked["queue"] in QUEUE_LABELS:
            return asked["queue"]
        return None

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        kind = self.listing_kind()
        officer = officer_of(self.request.user)
        if kind:
            # A queue's tab lists exactly the dossiers its count counts: no second count of the rows.
            kwargs["known_count"] = self.queue_sizes[kind]
        elif kind == "" and officer is not None and not self.request.user.is_superuser:
            # The agency's own dossiers are part of the officer's listing: past the cap they decide alone.
            kwargs["floor"] = Dossier.objects.filter(agency_id=officer.agency_id)
            kwargs["arms"] = scope_arms(officer)
        return super().get_paginator(queryset, per_page, orphans, allow_empty_first_page, **kwargs)

    def get_list_more_buttons(self, instance):
        # Its only item was "Edit", the dossier page the code already links to; its dropdown (a component
        # with icons per row) cost more than the rest of the row.
        return []

    def get_edit_url(self, instance):
        # Anyone who may see a dossier may open its page (acting is checked there, per action).
        return reverse(self.edit_url_name, args=(instance.pk,))

    @cached_property
    def add_item_label(self):
        return _("Tiếp nhận hồ sơ")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        counts = self.queue_sizes
        current = self.request.GET.get("queue", "")
        context["queues"] = [
            {"key": key, "label": label, "count": counts[key], "active": key == current}
            for key, label in QUEUE_LABELS.items()
        ]
        context["queue_base_url"] = reverse(self.index_url_name)
        paginator = context.get("paginator")
        context["count_capped"] = bool(paginator and getattr(paginator, "count_capped", False))
        context["count_cap"] = getattr(paginator, "cap", None)
        return context


def dossier_panels(request: HttpRequest, dossier: Dossier) -> list[str]:
    """HTML sections other apps add to the dossier page through the `dossier_page_panels` hook (the online
    declaration, from eforms): workflows imports none of them."""
    # Each hook returns rendered template output (a SafeString), or "" when it has nothing for this dossier.
    panels = [fn(request, dossier) for fn in hooks.get_hooks("dossier_page_panels")]
    return [html for html in panels if html]


def available_actions(dossier: Dossier, user) -> list[dict]:
    """The actions worth a button for this officer now: allowed by state, and by role (with the reason)."""
    offered = sorted((a for a in actions if a.offered(dossier)), key=lambda a: a.position)
    return [
        {"name": a.name, "label": a.label, "denied": denial_reason(user, dossier, a.role)} for a in offered
    ]


def printable_forms(dossier: Dossier, done: set[str]) -> list[dict]:
    """The statutory forms of the dossier's rule set that its state gives content to: the same check as the
    print view (`workflows.forms.check_printable`), so a listed form never answers 409."""
    forms = []
    for form in rule_set_of(dossier).forms:
        if form.key not in FORMS or (FORMS[form.key].events and not set(FORMS[form.key].events) & done):
            continue
        try:
            check_printable(dossier, form.key)
        except FormUnavailable:
            continue
        url = reverse("dossier-print", args=(dossier.code, form.key))
        forms.append({"label": form.label, "url": url, "pdf": url + "?pdf=1"})
    return forms


class DossierPageView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """One dossier for an officer: the record, the history, the clock ledger, the forms and the actions."""

    model = Dossier
    any_permission_required = ["view", "change"]
    template_name = "workflows/admin/dossier_page.html"
    index_url_name: str = ""
    file_url_name: str = ""
    header_icon = "folder-open-inverse"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        queryset = visible_dossiers(
            request.user, Dossier.objects.select_related("procedure", "center", "agency", "assignee")
        )
        self.object = get_object_or_404(queryset, pk=kwargs["pk"])

    def get_page_title(self):
        return f"Hồ sơ {self.object.code}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": "Hồ sơ"},
            {"url": "", "label": self.object.code},
        ]

    def get(self, request, *args, **kwargs):
        record_access(request, self.object.pk, "view")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = self.object
        steps = {s["code"]: s["name"] for s in dossier.workflow_snapshot.get("steps", [])}
        events = [
            {
                "event": e,
                "label": actions.label(e.action),
                "from_status": S(e.from_status).label if e.from_status else "",
                "to_status": S(e.to_status).label if e.to_status else "",
                "from_step": steps.get(e.from_step, e.from_step),
                "to_step": steps.get(e.to_step, e.to_step),
            }
            for e in dossier.events.select_related("actor")
        ]
        buttons = available_actions(dossier, self.request.user)
        for action in buttons:
            action["form"] = DossierActionForm(
                initial={"version": dossier.version},
                dossier=dossier,
                action=action["name"],
                user=self.request.user,
            )
        context.update(
            dossier=dossier,
            status_label=S(dossier.status).label,
            rule_set=next((rs for rs in RULE_SETS if rs.key == dossier.rule_set), None),
            step=dossier.step() or {},
            steps=dossier.workflow_snapshot.get("steps", []),
            events=events,
            segments=ClockSegment.objects.filter(dossier=dossier).select_related("actor"),
            branches=branch_rows(dossier),
            forms=printable_forms(dossier, {row["event"].action for row in events}),
            actions=buttons,
            files=list(dossier.files.all()),
            now=timezone.now(),
            panels=dossier_panels(self.request, dossier),
            fee=fee_status(dossier),
        )
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        dossier = self.object
        action = request.POST.get("action", "")
        form = DossierActionForm(
            request.POST, request.FILES, dossier=dossier, action=action, user=request.user
        )
        if not form.is_valid():
            errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
            messages.error(request, f"{actions.label(action)}: {errors}")
            return redirect(request.path)
        if form.cleaned_data["version"] != dossier.version:
            messages.error(request, Conflict.message)
            return redirect(request.path)
        try:
            if action == "attach_result":
                # The file is signed and stored first; the service then performs the action that records it.
                attach_result(
                    dossier, form.cleaned_data["result_file"], request.user, note=form.cleaned_data["note"]
                )
            elif action == "payment_at_desk":
                # The paid Payment (with the receipt's number) and the action are written together.
                record_desk_payment(dossier, request.user, receipt=form.cleaned_data["note"])
            else:
                perform_action(dossier, action, request.user, note=form.cleaned_data["note"], **form.params())
        except ActionNotAllowed as exc:
            messages.error(request, exc.message)
        except Conflict:
            messages.error(request, Conflict.message)
        else:
            messages.success(request, f"Đã thực hiện: {actions.label(action)}.")
        return redirect(request.path)


class DossierFileView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A digitised component, streamed to an officer who may see the dossier (never a public URL)."""

    model = Dossier
    any_permission_required = ["view", "change"]

    def get(self, request, pk: int, file_id: int):
        dossier = get_object_or_404(visible_dossiers(request.user), pk=pk)
        stored = get_object_or_404(DossierFile, pk=file_id, dossier=dossier)
        if not stored.file.storage.exists(stored.file.name):
            raise Http404
        record_access(request, dossier.pk, "download", stored.component or stored.original_name)
        return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.original_name)


class ReceiveView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """The desk's form: receive a dossier, print its receipt."""

    model = Dossier
    permission_required = "add"
    template_name = "workflows/admin/receive.html"
    form_class = ReceiveForm
    page_title = _("Tiếp nhận hồ sơ")
    header_icon = "folder-inverse"
    index_url_name: str = ""
    edit_url_name: str = ""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": "Hồ sơ"},
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form: ReceiveForm) -> HttpResponse:
        data = form.cleaned_data
        if not self.request.user.has_perm("workflows.act_on_dossier") and not self.request.user.is_superuser:
            raise PermissionDenied
        try:
            dossier = receive_dossier(
                procedure=data["procedure"],
                center=data["center"],
                agency=data.get("agency"),
                channel=data["channel"],
                applicant=form.applicant(),
                components=data["components"],
                files=data.get("files") or [],
                user=self.request.user,
            )
        except ReceptionForbidden as exc:
            # The form again with the reason, as a 403 (Wagtail turns PermissionDenied into a redirect home).
            form.add_error(None, str(exc))
            response = self.form_invalid(form)
            response.status_code = 403
            return response
        except ReceptionError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        due = f"; hẹn trả {timezone.localtime(dossier.due_at):%H:%M %d/%m/%Y}" if dossier.due_at else ""
        messages.success(self.request, f"Đã tiếp nhận hồ sơ {dossier.code}{due}.")
        return redirect(self.edit_url_name, dossier.pk)


def branch_rows(dossier) -> list[dict]:
    """Each parallel inter-agency branch for the dossier page: its step, agency, due time and result."""
    names = {s["code"]: s["name"] for s in dossier.workflow_snapshot.get("steps", [])}
    agencies = step_agencies(dossier)
    return [
        {
            "branch": b,
            "step": names.get(b.step_code, b.step_code),
            "first": names.get(b.first_step, b.first_step),
            "agency": agencies.get(b.step_code, b.step_agency),
        }
        for b in dossier.branches.all()
    ]
