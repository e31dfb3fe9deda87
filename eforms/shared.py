"""Shared template forms: one declaration per procedure, kept by the province, that centers start from."""

from __future__ import annotations

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

from .builder import DeclarationFormBuilder, layout
from .rows import DeclarationFieldBase
from .specs import FieldSpec, finish, spec_from_row


class SharedForm(DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    """A template a center's form copies by reference: its published fields show in every form built on it,
    each center overriding, removing or adding fields of its own (see `specs.merge`)."""

    title = models.CharField(_("tên mẫu"), max_length=255)
    procedure = models.ForeignKey(
        "catalog.Procedure", verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="+"
    )
    intro = models.TextField(_("hướng dẫn chung"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("procedure"),
        FieldPanel("intro"),
        InlinePanel("fields", heading=_("Các trường của tờ khai"), label=_("Trường")),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("mẫu tờ khai dùng chung")
        verbose_name_plural = _("mẫu tờ khai dùng chung")

    def __str__(self) -> str:
        return self.title

    def get_specs(self) -> list[FieldSpec]:
        return finish([spec_from_row(row) for row in self.fields.order_by("sort_order", "pk")])

    def get_preview_template(self, request, mode_name):
        return "eforms/shared_form_preview.html"

    def serve_preview(self, request, mode_name):
        form = DeclarationFormBuilder(self.get_specs()).get_form_class()()
        context = {"object": self, "form": form, "layout": layout(form, {}), "preview": True}
        return TemplateResponse(request, self.get_preview_template(request, mode_name), context)


class SharedFormField(DeclarationFieldBase):
    form = ParentalKey(SharedForm, on_delete=models.CASCADE, related_name="fields")
