"""The Django form fields a declaration needs beyond Wagtail's own: citizen ID, phone, address and upload."""

from __future__ import annotations

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from . import validation

KEEP_SALT = "cms.forms.pending-upload"  # unchanged by the move: references already signed stay valid
KEEP_MAX_AGE = 2 * 24 * 3600  # a citizen may come back to a half-filled form the next day


class CitizenIdField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": "15"})

    def clean(self, value):
        value = super().clean(value)
        return validation.parse_citizen_id(value).number if value else value


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def clean(self, value):
        value = super().clean(value)
        return validation.normalize_phone(value) if value else value


class AddressWidget(forms.MultiWidget):
    """Province and commune lists plus the street line; the communes offered follow the chosen province
    (a small script refreshes them in the browser; without it the server does on the next round trip)."""

    def __init__(self, attrs=None):
        provinces = [("", "— Chọn tỉnh, thành phố —")] + [
            (p["code"], p["name"]) for p in validation.provinces()
        ]
        widgets = {
            "province": forms.Select(choices=provinces, attrs={"data-address": "province"}),
            "commune": forms.Select(attrs={"data-address": "commune"}),
            "detail": forms.TextInput(
                attrs={"data-address": "detail", "placeholder": "Số nhà, đường, thôn, tổ dân phố"}
            ),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, dict):
            return [value.get("province", ""), value.get("commune", ""), value.get("detail", "")]
        return ["", "", ""]

    def get_context(self, name, value, attrs):
        values = value if isinstance(value, list) else self.decompress(value)
        self.widgets[1].choices = [("", "— Chọn xã, phường —"), *validation.communes(values[0] or "")]
        return super().get_context(name, values, attrs)


class AddressField(forms.MultiValueField):
    widget = AddressWidget

    def __init__(self, *, default_province: str = "", **kwargs):
        kwargs.pop("max_length", None)
        fields = (forms.CharField(), forms.CharField(), forms.CharField(max_length=255))
        initial = {"province": default_province} if default_province else None
        kwargs["initial"] = initial
        super().__init__(fields, require_all_fields=False, **kwargs)
        for field in self.fields:
            field.required = False

    def compress(self, data_list):
        province, commune, detail = ([*data_list, "", "", ""])[:3]
        if not self.required and not commune and not (detail or "").strip():
            return None  # an optional address left alone; the preselected province alone means nothing
        return validation.check_address(province or "", commune or "", detail or "")


class KeepRef(str):
    """The signed reference the form carries to a file already uploaded in an earlier, failed attempt."""


def sign_keep(pending_id: int, form_token: str) -> str:
    return signing.dumps({"u": pending_id, "t": form_token}, salt=KEEP_SALT, compress=True)


class UploadInput(forms.FileInput):
    def value_from_datadict(self, data, files, name):
        upload = files.get(name)
        if upload:
            return upload
        if data.get(f"{name}__clear"):
            return None
        token = data.get(f"{name}__keep")
        return KeepRef(token) if token else None

    def value_omitted_from_data(self, data, files, name):
        return False


class UploadField(forms.Field):
    """One dossier component's file: size and type checked on its content; a file kept from an earlier
    attempt comes back as its `PendingUpload` row."""

    widget = UploadInput

    def __init__(self, *, allowed_types: list[str], max_bytes: int, **kwargs):
        kwargs.pop("initial", None)
        super().__init__(**kwargs)
        self.allowed_types = validation.accepted_types(allowed_types)
        self.max_bytes = max_bytes
        self.form_token = ""
        accept = ",".join(
            [f".{t}" for t in self.allowed_types] + [validation.FILE_TYPES[t][0] for t in self.allowed_types]
        )
        self.widget.attrs["accept"] = accept

    def resolve(self, ref: str):
        from .submissions import PendingUpload

        try:
            data = signing.loads(ref, salt=KEEP_SALT, max_age=KEEP_MAX_AGE)
        except signing.BadSignature:
            return None
        if not self.form_token or data.get("t") != self.form_token:
            return None
        return PendingUpload.objects.filter(pk=data.get("u"), form_token=self.form_token).first()

    def clean(self, value):
        if isinstance(value, UploadedFile):
            value.checked = validation.check_file(
                value,
                name=value.name,
                size=value.size,
                allowed=self.allowed_types,
                max_bytes=self.max_bytes,
            )
            return value
        if isinstance(value, KeepRef):
            pending = self.resolve(value)
            if pending is not None:
                return pending
            raise ValidationError(
                "Tệp đã tải lên trước đó không còn giữ được (quá hạn). Vui lòng chọn lại tệp.", code="expired"
            )
        if self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return None
