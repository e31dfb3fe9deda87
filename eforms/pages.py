"""The public pages: the list of online forms, and each center's declaration form for one procedure.

`DeclarationFormPage` is Wagtail's `AbstractForm` with three changes: its fields are the shared template's
merged with its own (`specs.merge`), the builder knows the declaration's types, and `serve` keeps uploads
across failed attempts and turns one submission token into exactly one dossier.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractForm
from wagtail.fields import RichTextField
from wagtail.models import Page

from workflows.services import fee_status, format_vnd

from . import oidc, services, tasks
from .accounts import citizen_of, form_initial
from .builder import DeclarationFormBuilder, layout
from .rows import DeclarationFieldBase
from .specs import FILE, FieldSpec, condition_errors, merge, role_fields
from .submissions import OnlineSubmission


def template_rows(shared) -> list:
    """The fields a shared template lends a form: none until the template is published."""
    return list(shared.fields.order_by("sort_order", "pk")) if shared is not None and shared.live else []


def summary_channel(procedure):
    """The channel whose time and fee a form's summary shows: online, else at the desk."""
    channels = {c.channel: c for c in procedure.channels.all()}
    return channels.get("online") or channels.get("direct")


class FormIndexPage(Page):
    """“Nộp hồ sơ trực tuyến”: every published declaration form, by center."""

    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["eforms.DeclarationFormPage"]
    max_count = 1
    template = "eforms/form_index_page.html"

    class Meta:
        verbose_name = _("trang nộp hồ sơ trực tuyến")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        forms = (
            DeclarationFormPage.objects.child_of(self)
            .live()
            .public()
            .select_related("center", "procedure")
            .order_by("center__name", "procedure__code")
        )
        groups: dict = {}
        for form in forms:
            groups.setdefault(form.center, []).append(form)
        context["groups"] = groups
        return context


class DeclarationFormAdminForm(WagtailAdminFormPageForm):
    """The editor's checks, in Vietnamese, before a form can be saved: the center receives the procedure, one
    form per center and procedure, conditions that can work, and fields that tell the dossier who applies."""

    def clean(self):
        cleaned = super().clean()
        center, procedure = cleaned.get("center"), cleaned.get("procedure")
        shared = cleaned.get("shared_form")
        if procedure is not None and procedure.status != procedure.Status.ACTIVE:
            self.add_error("procedure", _("Thủ tục này không còn được áp dụng."))
        if center is not None and procedure is not None:
            if procedure.centers.exists() and not procedure.centers.filter(pk=center.pk).exists():
                self.add_error("center", _("Nơi tiếp nhận này không tiếp nhận thủ tục đã chọn."))
            twins = DeclarationFormPage.objects.filter(center=center, procedure=procedure)
            if self.instance.pk:
                twins = twins.exclude(pk=self.instance.pk)
            if twins.exists():
                self.add_error("procedure", _("Nơi tiếp nhận này đã có biểu mẫu cho thủ tục này."))
        if shared is not None and procedure is not None and shared.procedure_id != procedure.pk:
            self.add_error("shared_form", _("Mẫu dùng chung này thuộc thủ tục khác."))
        if "form_fields" in self.formsets:
            self._check_fields(shared)
        return cleaned

    def _rows(self) -> list:
        rows = []
        for form in self.formsets["form_fields"].forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("label"):
                continue
            rows.append((form, form.instance))
        return rows

    def _check_fields(self, shared) -> None:
        rows = self._rows()
        specs = merge(template_rows(shared), [row for _, row in rows])
        forms_by_name = {}
        for form, row in rows:
            forms_by_name[row.clean_name or row.get_field_clean_name()] = form
        for name, message in condition_errors(specs).items():
            target = forms_by_name.get(name)
            if target is not None:
                target.add_error("condition_field", message)
            else:
                self.add_error(None, message)
        roles = role_fields([s for s in specs if s.is_input])
        if "name" not in roles:
            self.add_error(None, _("Cần một trường “Dùng làm thông tin người nộp: Họ tên người nộp”."))
        if "id_number" not in roles and "phone" not in roles:
            self.add_error(
                None,
                _(
                    "Cần một trường số CCCD hoặc số điện thoại: người nộp tra cứu hồ sơ bằng 4 số cuối của nó."
                ),
            )


class DeclarationFormPage(AbstractForm):
    center = models.ForeignKey(
        "catalog.Center", verbose_name=_("nơi tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    procedure = models.ForeignKey(
        "catalog.Procedure", verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="+"
    )
    shared_form = models.ForeignKey(
        "eforms.SharedForm",
        verbose_name=_("bắt đầu từ mẫu dùng chung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pages",
        help_text=_("Các trường của mẫu hiện trước; trường cùng tên ở dưới sẽ thay thế trường của mẫu."),
    )
    intro = RichTextField(_("hướng dẫn"), blank=True)
    confirmation_text = models.TextField(
        _("lời nhắn sau khi nộp"),
        blank=True,
        default="Trung tâm sẽ kiểm tra hồ sơ và báo cho ông/bà qua điện thoại hoặc thư điện tử.",
    )

    content_panels = [
        *AbstractForm.content_panels,
        FieldRowPanel([FieldPanel("center"), FieldPanel("procedure")]),
        FieldPanel("shared_form"),
        FieldPanel("intro"),
        InlinePanel("form_fields", heading=_("Các trường của tờ khai"), label=_("Trường")),
        MultiFieldPanel([FieldPanel("confirmation_text")], heading=_("Sau khi nộp")),
    ]
    parent_page_types = ["eforms.FormIndexPage"]
    subpage_types = []
    base_form_class = DeclarationFormAdminForm
    form_builder = DeclarationFormBuilder
    template = "eforms/declaration_form_page.html"
    landing_page_template = "eforms/declaration_form_page_landing.html"

    class Meta:
        verbose_name = _("biểu mẫu nộp hồ sơ trực tuyến")
        verbose_name_plural = _("biểu mẫu nộp hồ sơ trực tuyến")

    # --- the definition
    def get_form_fields(self) -> list[FieldSpec]:
        return merge(template_rows(self.shared_form), list(self.form_fields.all()))

    def get_data_fields(self):
        return [("submit_time", _("Ngày nộp"))] + [
            (s.clean_name, s.label) for s in self.get_form_fields() if s.is_input
        ]

    def get_submission_class(self):
        return OnlineSubmission

    def get_form(self, *args, **kwargs):
        kwargs.setdefault("form_token", uuid.uuid4().hex)
        return super().get_form(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        procedure = self.procedure
        context["procedure"] = procedure
        context["channel"] = summary_channel(procedure)
        context["components"] = list(procedure.components.all())
        context["citizen"] = citizen_of(request.user)
        context["accounts_enabled"] = oidc.enabled()
        fee = services.online_fee(procedure)
        context["online_fee"] = fee
        context["online_fee_amount"] = format_vnd(fee.amount) if fee.amount else ""
        return context

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        form = context["form"]
        context.update(layout=layout(form, {}), form_token=form.form_token, preview=True)
        return context

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        context = self.get_context(request)
        context["submission"] = form_submission
        context["replayed"] = kwargs.get("replayed", False)
        if form_submission is not None and form_submission.dossier_id:
            context["dossier"] = form_submission.dossier
            context["lookup_hint"] = services.lookup_hint(form_submission.dossier)
            context["fee"] = fee_status(form_submission.dossier)
        return TemplateResponse(request, self.get_landing_page_template(request), context)

    # --- the citizen's submission
    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            form = self.get_form(page=self, user=request.user, initial=self.account_initial(request.user))
            return self._render_form(request, form, {})
        token = services.form_token(request.POST.get("_token"))
        existing = services.submission_for_token(token)
        if existing is not None:
            # A double click or a resent form: the dossier already exists, show it again.
            services.grant_access(request.session, existing.dossier_id)
            return self.render_landing_page(request, existing, replayed=True)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user, form_token=token)
        if form.is_valid():
            try:
                submission = services.submit_declaration(self, form, token, citizen=citizen_of(request.user))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if not submission.replayed:
                    transaction.on_commit(lambda: tasks.send_submission_confirmation(submission.pk))
                services.grant_access(request.session, submission.dossier_id)
                return self.render_landing_page(request, submission, replayed=submission.replayed)
        kept = services.keep_uploads(self, form, token)
        return self._render_form(request, form, kept)

    def account_initial(self, user) -> dict:
        """The signed-in citizen's name, ID number, phone and email in the fields that play those roles."""
        values = form_initial(user)
        if not values:
            return {}
        roles = role_fields([s for s in self.get_form_fields() if s.is_input])
        return {spec.clean_name: values[role] for role, spec in roles.items() if values.get(role)}

    def _render_form(self, request, form, kept: dict) -> TemplateResponse:
        context = self.get_context(request)
        context.update(form=form, layout=layout(form, kept), form_token=form.form_token)
        context["file_fields"] = any(s.field_type == FILE for s in form.specs)
        return TemplateResponse(request, self.get_template(request), context)


class FormField(DeclarationFieldBase):
    page = ParentalKey(DeclarationFormPage, on_delete=models.CASCADE, related_name="form_fields")
    replaces = models.CharField(
        _("thay thế trường của mẫu"),
        max_length=255,
        blank=True,
        help_text=_("Nhãn hoặc tên trường của mẫu dùng chung mà trường này thay thế (giữ vị trí của nó)."),
    )
    removed = models.BooleanField(
        _("bỏ trường của mẫu"),
        default=False,
        help_text=_("Đánh dấu cùng “thay thế trường của mẫu” để bỏ hẳn trường đó khỏi biểu mẫu này."),
    )

    panels = [
        *DeclarationFieldBase.panels,
        FieldRowPanel([FieldPanel("replaces"), FieldPanel("removed")], heading=_("So với mẫu dùng chung")),
    ]
