"""Every admin model form cleans its text with `catalog.formfields.CleanCharField` (NFC, no bidi or control
characters; issue 11 item 5), set up once here rather than per form:

- forms built from panels (snippets, pages, viewsets with panels) take Wagtail's form field overrides, where
  plain CharField and TextField are mapped to it;
- `ModelViewSet`s without panels build a plain `modelform_factory` through their `formfield_for_dbfield` hook,
  which gets the same mapping.

Exact classes only, as Wagtail registers its own TextField widget: EmailField, SlugField, URLField and
RichTextField keep their form fields, and fields with choices keep their choice field.
"""

from __future__ import annotations

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminAutoHeightTextInput

from catalog.formfields import CleanCharField


def cleans(db_field) -> bool:
    return type(db_field) in (models.CharField, models.TextField) and not db_field.choices


def install() -> None:
    register_form_field_override(models.CharField, override={"form_class": CleanCharField}, exact_class=True)
    register_form_field_override(
        models.TextField,
        override={"form_class": CleanCharField, "widget": AdminAutoHeightTextInput},
        exact_class=True,
    )
    original = ModelViewSet.formfield_for_dbfield
    if getattr(original, "cleans_text", False):
        return

    def formfield_for_dbfield(self, db_field, **kwargs):
        if cleans(db_field):
            kwargs.setdefault("form_class", CleanCharField)
        return original(self, db_field, **kwargs)

    formfield_for_dbfield.cleans_text = True
    ModelViewSet.formfield_for_dbfield = formfield_for_dbfield
