"""The form-field row editors fill in, shared by a center's form and a shared template: Wagtail's
`AbstractFormField` with the declaration's extra types, upload rules, show-when conditions and the
applicant-identity role."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField

from .specs import APPLICANT_ROLES, CHOICE_TYPES, FIELD_TYPES, FILE, clean_name_for
from .validation import DEFAULT_FILE_TYPES, FILE_TYPES

MAX_UPLOAD_MB = 50


class CommaSeparatedCheckboxes(forms.CheckboxSelectMultiple):
    """Tick boxes over a comma-separated text column (portable to SQLite, unlike an array column)."""

    def format_value(self, value):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        return ",".join(super().value_from_datadict(data, files, name) or [])


def validate_file_types(value: str) -> None:
    unknown = [t for t in (value or "").split(",") if t.strip() and t.strip() not in FILE_TYPES]
    if unknown:
        raise ValidationError(_("Loại tệp không hỗ trợ: %(types)s."), params={"types": ", ".join(unknown)})


class DeclarationFieldBase(AbstractFormField):
    # Wagtail's columns again, only to speak Vietnamese to editors (its own labels are English).
    label = models.CharField(_("nhãn"), max_length=255, help_text=_("Câu hỏi người dân đọc thấy."))
    required = models.BooleanField(_("bắt buộc"), default=True)
    choices = models.TextField(
        _("các lựa chọn"), blank=True, help_text=_("Mỗi lựa chọn một dòng (hoặc cách nhau bởi dấu phẩy).")
    )
    default_value = models.TextField(
        _("giá trị mặc định"),
        blank=True,
        help_text=_("Với trường địa chỉ: tên hoặc mã tỉnh chọn sẵn (ví dụ Quảng Ninh). Ô đánh dấu: “có”."),
    )
    help_text = models.CharField(_("hướng dẫn"), max_length=255, blank=True)
    # Wagtail's column is 16 characters over its own list; ours adds the declaration's types.
    field_type = models.CharField(_("loại trường"), max_length=16, choices=FIELD_TYPES)
    field_type.required_on_save = True
    condition_field = models.CharField(
        _("chỉ hiện khi trường"),
        max_length=255,
        blank=True,
        help_text=_("Nhãn (hoặc tên) của một trường đứng trước. Để trống: luôn hiện."),
    )
    condition_value = models.CharField(
        _("có giá trị"),
        max_length=255,
        blank=True,
        help_text=_(
            "Giá trị làm trường này hiện ra; nhiều giá trị cách nhau bởi “|”. Ô đánh dấu: “có” hoặc “không”."
        ),
    )
    allowed_types = models.CharField(
        _("loại tệp được nhận"),
        max_length=255,
        blank=True,
        default=",".join(DEFAULT_FILE_TYPES),
        validators=[validate_file_types],
        help_text=_("Chỉ với trường tệp. Loại tệp được kiểm tra theo nội dung, không theo tên tệp."),
    )
    max_size_mb = models.PositiveSmallIntegerField(
        _("dung lượng tối đa (MB)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_UPLOAD_MB)],
    )
    applicant_role = models.CharField(
        _("dùng làm thông tin người nộp"),
        max_length=16,
        choices=APPLICANT_ROLES,
        blank=True,
        help_text=_("Trường nào cho hồ sơ biết họ tên, số CCCD, điện thoại, thư điện tử, địa chỉ người nộp."),
    )

    panels = [
        FieldRowPanel(
            [
                FieldPanel("label"),
                FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
                FieldPanel("required"),
            ]
        ),
        FieldPanel("help_text"),
        FieldRowPanel(
            [
                FieldPanel("choices", classname="formbuilder-choices"),
                FieldPanel("default_value", classname="formbuilder-default"),
            ]
        ),
        FieldRowPanel(
            [FieldPanel("condition_field"), FieldPanel("condition_value")], heading=_("Điều kiện hiện")
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "allowed_types",
                    widget=CommaSeparatedCheckboxes(choices=[(k, v[1]) for k, v in FILE_TYPES.items()]),
                ),
                FieldPanel("max_size_mb"),
            ],
            heading=_("Tệp đính kèm"),
        ),
        FieldPanel("applicant_role"),
    ]

    class Meta(AbstractFormField.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.label

    def get_field_clean_name(self) -> str:
        return clean_name_for(self.label)

    def clean(self) -> None:
        super().clean()
        if self.field_type in CHOICE_TYPES and not (self.choices or "").strip():
            raise ValidationError({"choices": _("Trường lựa chọn cần danh sách lựa chọn.")})
        if self.field_type == FILE and not (self.allowed_types or "").strip():
            raise ValidationError({"allowed_types": _("Chọn ít nhất một loại tệp được nhận.")})
