"""Wagtail's FormBuilder, extended (not forked): the declaration's extra field types, Vietnamese messages,
section headings, and a form class that honours show-when conditions on the server."""

from __future__ import annotations

from collections import OrderedDict

import django.forms
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from . import validation
from .formfields import AddressField, CitizenIdField, PhoneField, UploadField
from .specs import FILE, SECTION, TRUE_WORDS, FieldSpec, fold, visible_names


class DeclarationForm(BaseForm):
    """A built declaration. A field whose condition does not hold is neither required nor kept: the citizen
    never saw it, so whatever the browser still sent for it is dropped."""

    specs: list[FieldSpec] = []
    # The server speaks Vietnamese field by field; the browser's own bubbles would speak its UI language.
    use_required_attribute = False

    def __init__(self, *args, form_token: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.form_token = form_token
        for field in self.fields.values():
            if isinstance(field, UploadField):
                field.form_token = form_token
        self.visible = {s.clean_name for s in self.specs}

    def raw_values(self, name: str) -> list[str]:
        field = self.fields.get(name)
        if field is None:
            return []
        value = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        if isinstance(value, bool):
            return ["on"] if value else []
        if value is None:
            return []
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        return [str(value)]

    def full_clean(self) -> None:
        if self.is_bound:
            self.visible = visible_names(self.specs, self.raw_values)
            for name, field in self.fields.items():
                if name not in self.visible:
                    field.required = False
        super().full_clean()
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return
        for name in list(self.cleaned_data):
            if name not in self.visible:
                del self.cleaned_data[name]
        for name in list(self._errors):
            if name in self.fields and name not in self.visible:
                del self._errors[name]


class DeclarationFormBuilder(FormBuilder):
    """Builds from `FieldSpec`s (see `specs.merge`), skipping section headings, which are layout only."""

    def __init__(self, fields):
        super().__init__(list(fields))

    @property
    def formfields(self):
        built = OrderedDict()
        for spec in self.fields:
            if not spec.is_input:
                continue
            create = self.get_create_field_function(spec.field_type)
            built[spec.clean_name] = create(spec, self.get_field_options(spec))
        return built

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["error_messages"] = {
            "required": f"Vui lòng điền “{field.label}”.",
            "invalid": f"“{field.label}” chưa đúng định dạng.",
            "invalid_choice": f"Lựa chọn cho “{field.label}” không hợp lệ.",
            "max_length": f"“{field.label}” dài quá %(limit_value)d ký tự.",
        }
        return options

    def get_form_class(self):
        return type("DeclarationForm", (DeclarationForm,), {**self.formfields, "specs": self.fields})

    # --- Wagtail's types, with the messages and widgets a phone needs.
    def create_singleline_field(self, field, options):
        built = super().create_singleline_field(field, options)
        built.widget.attrs.setdefault("autocomplete", "on")
        return built

    def create_multiline_field(self, field, options):
        options["widget"] = django.forms.Textarea(attrs={"rows": 4})
        options["max_length"] = 5000
        options["error_messages"]["max_length"] = f"“{field.label}” dài quá 5000 ký tự."
        return super().create_multiline_field(field, options)

    def create_number_field(self, field, options):
        options["error_messages"]["invalid"] = f"“{field.label}” phải là một số."
        built = super().create_number_field(field, options)
        built.widget.attrs.update({"inputmode": "decimal"})
        return built

    def create_date_field(self, field, options):
        options["widget"] = django.forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        options["input_formats"] = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
        options["error_messages"]["invalid"] = f"“{field.label}” phải là một ngày, ví dụ 25/12/1990."
        return super().create_date_field(field, options)

    def create_dropdown_field(self, field, options):
        built = super().create_dropdown_field(field, options)
        built.choices = [("", "— Chọn —"), *built.choices]
        return built

    def create_email_field(self, field, options):
        options["error_messages"]["invalid"] = "Địa chỉ thư điện tử chưa đúng, ví dụ ten@example.vn."
        built = super().create_email_field(field, options)
        built.widget.attrs.update({"autocomplete": "email", "inputmode": "email"})
        return built

    def create_checkbox_field(self, field, options):
        options["initial"] = fold(field.default_value or "") in TRUE_WORDS
        return super().create_checkbox_field(field, options)

    # --- The declaration's own types.
    def create_phone_field(self, field, options):
        return PhoneField(**options)

    def create_cccd_field(self, field, options):
        return CitizenIdField(**options)

    def create_address_field(self, field, options):
        options.pop("initial", None)
        default = validation.find_province(field.default_value) or ""
        return AddressField(default_province=default, **options)

    def create_file_field(self, field, options):
        return UploadField(allowed_types=field.allowed_types, max_bytes=field.max_bytes, **options)


def layout(form: DeclarationForm, kept: dict[str, dict]) -> list[dict]:
    """The form as the template walks it: groups under their section heading, each field with its spec,
    the type of the field its condition watches (the script compares a tick box differently), the upload
    rules in words, and the file kept from an earlier attempt, if any."""
    types = {s.clean_name: s.field_type for s in form.specs}
    groups: list[dict] = [{"section": None, "items": []}]
    for spec in form.specs:
        source_type = types.get(spec.condition_field, "")
        if spec.field_type == SECTION:
            groups.append({"section": spec, "source_type": source_type, "items": []})
            continue
        hint = ""
        if spec.field_type == FILE:
            field = form.fields[spec.clean_name]
            hint = f"Nhận {validation.type_labels(field.allowed_types)}; tối đa {validation.human_size(field.max_bytes)}."
        groups[-1]["items"].append(
            {
                "spec": spec,
                "field": form[spec.clean_name],
                "kept": kept.get(spec.clean_name),
                "source_type": source_type,
                "hint": hint,
            }
        )
    return [g for g in groups if g["section"] is not None or g["items"]]
