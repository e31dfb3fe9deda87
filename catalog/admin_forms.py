"""The procedure's admin form: rows instead of JSON, typed times and fees parsed as the importer parses them.

Steps, components, channels and legal basis are inline rows. A channel's typed time and fee go through
`catalog.services.channel_values` (the parsing imports and decisions use) and are refused, in Vietnamese, when
they cannot be read. The procedure's own copy of its principal (first) channel, which lists and search read, is
taken from the rows on save, so the editor types each value once.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel
from wagtail.admin.panels.base import get_form_for_model

from .parsing.text import normalize_text
from .services import CHANNEL_ATTRS, channel_text_errors, channel_values, search_body


class LinesField(forms.CharField):
    """A list of short texts edited one per line (the applicant types), stored as the JSON list it was."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        lines = (normalize_text(line) for line in (value or "").splitlines())
        return [line for line in lines if line]

    def has_changed(self, initial, data):
        return self.to_python(initial if initial is not None else []) != self.to_python(data)


class ChannelForm(WagtailAdminModelForm):
    """One channel row: its typed time and fee must parse; their parsed values are set on the row."""

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("DELETE"):
            return cleaned
        time_text = cleaned.get("processing_time_text", "")
        fee_text = cleaned.get("fee_text", "")
        # Texts an import brought in (and this edit leaves alone) stay as they are, parsed or not: only what the
        # editor types must be readable.
        typed = {name for name in ("processing_time_text", "fee_text") if name in self.changed_data}
        for name, message in channel_text_errors(time_text, fee_text).items():
            if name in typed:
                self.add_error(name, message)
        for attr, value in channel_values(time_text, fee_text).items():
            setattr(self.instance, attr, value)
        return cleaned


class ParsedInlinePanel(InlinePanel):
    """An InlinePanel whose rows use a given form class (Wagtail's takes the child model's default)."""

    def __init__(self, relation_name, *args, form_class=None, **kwargs):
        self.child_form_class = form_class
        super().__init__(relation_name, *args, **kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "form_class": self.child_form_class}

    def get_form_options(self):
        options = super().get_form_options()
        if self.child_form_class is not None:
            opts = options["formsets"][self.relation_name]
            defer = self.child_edit_handler.get_form_options().get("defer_required_on_fields")
            extra = {"defer_required_on_fields": defer} if defer else {}
            opts["form"] = get_form_for_model(
                self.db_field.related_model, form_class=self.child_form_class, fields=opts["fields"], **extra
            )
        return options


class ProcedureForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "applicant_types" in self.fields:
            old = self.fields["applicant_types"]
            self.fields["applicant_types"] = LinesField(
                label=old.label, required=False, help_text=_("Mỗi dòng một đối tượng.")
            )

    def save(self, commit=True):
        procedure = super().save(commit=False)
        # The principal channel is the first row kept, in the order the editor left them (in memory here).
        channels = sorted(procedure.channels.all(), key=lambda c: c.sort_order or 0)
        if channels:
            for attr in CHANNEL_ATTRS:
                setattr(procedure, attr, getattr(channels[0], attr))
        # The folded text search matches besides the name, with the sectors as this form leaves them.
        sectors = self.cleaned_data.get("fields")
        if sectors is not None:
            names = [f.name for f in sectors]
            procedure.search_body = search_body(procedure.procedure_type, procedure.result, names)
        if commit:
            procedure.save()
            self.save_m2m()
        return procedure
