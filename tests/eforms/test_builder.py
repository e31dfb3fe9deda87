"""The builder's field types, the shared-template merge and the show-when conditions."""

import datetime as dt
import decimal

import django.forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict

from eforms.builder import DeclarationFormBuilder, layout
from eforms.formfields import AddressField, CitizenIdField, PhoneField, UploadField
from eforms.pages import FormField
from eforms.shared import SharedFormField
from eforms.specs import FieldSpec, condition_errors, finish, merge, visible_names
from tests.factories.forms import png_bytes

from .conftest import commune_code


def spec(label, field_type, name, **extra) -> FieldSpec:
    return FieldSpec(clean_name=name, label=label, field_type=field_type, **extra)


ALL_TYPES = [
    spec("Phần một", "section", "phan_mot", required=False),
    spec("Họ tên", "singleline", "ho_ten"),
    spec("Ghi chú", "multiline", "ghi_chu", required=False),
    spec("Số lượng", "number", "so_luong"),
    spec("Ngày sinh", "date", "ngay_sinh"),
    spec("Loại", "dropdown", "loai", choices="A\nB"),
    spec("Giới tính", "radio", "gioi_tinh", choices="Nam, Nữ"),
    spec("Hình thức", "checkboxes", "hinh_thuc", choices="Tư vấn\nĐại diện"),
    spec("Ngôn ngữ", "multiselect", "ngon_ngu", choices="Việt\nAnh", required=False),
    spec("Đồng ý", "checkbox", "dong_y"),
    spec("Thư", "email", "thu"),
    spec("Điện thoại", "phone", "dien_thoai"),
    spec("CCCD", "cccd", "cccd"),
    spec("Địa chỉ", "address", "dia_chi", default_value="Quảng Ninh"),
    spec("Ảnh", "file", "anh", allowed_types=["png"], max_size_mb=1),
]


def test_every_type_builds_its_django_field_and_sections_build_none():
    form = DeclarationFormBuilder(ALL_TYPES).get_form_class()()
    kinds = {name: type(field) for name, field in form.fields.items()}
    assert "phan_mot" not in kinds
    assert kinds["ho_ten"] is django.forms.CharField
    assert isinstance(form.fields["ghi_chu"].widget, django.forms.Textarea)
    assert kinds["so_luong"] is django.forms.DecimalField
    assert kinds["ngay_sinh"] is django.forms.DateField
    assert form.fields["loai"].choices[0] == ("", "— Chọn —")
    assert isinstance(form.fields["gioi_tinh"].widget, django.forms.RadioSelect)
    assert isinstance(form.fields["hinh_thuc"].widget, django.forms.CheckboxSelectMultiple)
    assert kinds["ngon_ngu"] is django.forms.MultipleChoiceField
    assert kinds["dong_y"] is django.forms.BooleanField
    assert kinds["thu"] is django.forms.EmailField
    assert kinds["dien_thoai"] is PhoneField
    assert kinds["cccd"] is CitizenIdField
    assert kinds["dia_chi"] is AddressField
    assert kinds["anh"] is UploadField
    assert form.fields["anh"].widget.attrs["accept"] == ".png,image/png"
    assert form.fields["dia_chi"].initial == {"province": "22"}
    groups = layout(form, {})
    assert [g["section"].clean_name for g in groups] == ["phan_mot"]  # no empty group before it
    assert "Nhận ảnh PNG; tối đa 1,0 MB." in [i["hint"] for i in groups[0]["items"]]


def test_a_filled_form_cleans_to_typed_values(db):
    data = QueryDict(mutable=True)
    data.update(
        {
            "ho_ten": "Trần Thị Bình",
            "so_luong": "2",
            "ngay_sinh": "25/12/1990",
            "loai": "B",
            "gioi_tinh": "Nữ",
            "dong_y": "on",
            "thu": "binh@example.vn",
            "dien_thoai": "+84 912 345 678",
            "cccd": "001305012345",
            "dia_chi_province": "22",
            "dia_chi_commune": commune_code(),
            "dia_chi_detail": "Tổ 3",
        }
    )
    data.setlist("hinh_thuc", ["Tư vấn", "Đại diện"])
    files = {"anh": SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")}
    form = DeclarationFormBuilder(ALL_TYPES).get_form_class()(data, files, form_token="t")
    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data
    assert cleaned["so_luong"] == decimal.Decimal("2")
    assert cleaned["ngay_sinh"] == dt.date(1990, 12, 25)
    assert cleaned["hinh_thuc"] == ["Tư vấn", "Đại diện"]
    assert cleaned["dien_thoai"] == "0912345678"
    assert cleaned["dia_chi"]["commune_name"] == "Phường Bãi Cháy"
    assert cleaned["anh"].checked.content_type == "image/png"


def test_every_error_is_in_vietnamese_field_by_field(db):
    form = DeclarationFormBuilder(ALL_TYPES).get_form_class()(
        {"so_luong": "hai", "thu": "x@", "ngay_sinh": "32/13/2000"}, {}
    )
    assert not form.is_valid()
    errors = {name: messages[0] for name, messages in form.errors.items()}
    assert errors["ho_ten"] == "Vui lòng điền “Họ tên”."
    assert errors["so_luong"] == "“Số lượng” phải là một số."
    assert errors["ngay_sinh"].startswith("“Ngày sinh” phải là một ngày")
    assert errors["thu"].startswith("Địa chỉ thư điện tử chưa đúng")
    assert errors["anh"] == "Vui lòng điền “Ảnh”."
    assert errors["dia_chi"] == "Vui lòng điền “Địa chỉ”."
    assert "phan_mot" not in errors


def row(model, label, field_type="singleline", **extra):
    """An unsaved field row, as the editor's form holds it before saving."""
    return model(label=label, field_type=field_type, **extra)


def test_a_center_overrides_removes_and_adds_fields_of_the_shared_template():
    template = [
        row(SharedFormField, "Họ và tên"),
        row(SharedFormField, "Số điện thoại", "phone"),
        row(SharedFormField, "Nghề nghiệp"),
        row(SharedFormField, "Quê quán"),
    ]
    page = [
        row(FormField, "Số điện thoại", "phone", required=False),  # same name: replaces in place
        row(FormField, "Nơi công tác", replaces="Nghề nghiệp"),  # named replacement keeps the position
        row(FormField, "Quê quán", replaces="que_quan", removed=True),
        row(FormField, "Ghi chú", "multiline"),  # new: after the template's fields
    ]
    merged = merge(template, page)
    assert [s.clean_name for s in merged] == ["ho_va_ten", "so_dien_thoai", "noi_cong_tac", "ghi_chu"]
    assert merged[1].required is False


def applicant_and_proxy(condition_field: str) -> list[FieldSpec]:
    """Who submits, and the proxy's name shown only when a proxy does (the condition names “Người nộp”)."""
    return [
        spec("Người nộp", "radio", "nguoi_nop", choices="Tự nộp\nỦy quyền"),
        spec(
            "Người được ủy quyền",
            "singleline",
            "uy_quyen",
            condition_field=condition_field,
            condition_value="Ủy quyền",
        ),
    ]


def test_conditions_resolve_by_label_and_must_point_at_an_earlier_choice():
    specs = finish(
        [
            *applicant_and_proxy(condition_field="người  NỘP"),
            spec("Sai", "singleline", "sai", condition_field="Sau", condition_value="x"),
            spec("Sau", "singleline", "sau"),
            spec("Lạ", "singleline", "la", condition_field="Người nộp", condition_value="Khác"),
            spec("Ảnh", "file", "anh"),
            spec("Theo ảnh", "singleline", "theo_anh", condition_field="Ảnh", condition_value="x"),
        ]
    )
    assert specs[1].condition_field == "nguoi_nop"
    errors = condition_errors(specs)
    assert set(errors) == {"sai", "la", "theo_anh"}
    assert "phải đứng trước" in errors["sai"]
    assert "không phải một lựa chọn" in errors["la"]
    assert "không đặt điều kiện" in errors["theo_anh"]


def test_visibility_follows_conditions_sections_and_chains():
    specs = finish(
        [
            spec("Có con", "checkbox", "co_con"),
            spec("Con", "section", "con", condition_field="co_con", condition_value="có"),
            spec("Số con", "number", "so_con"),
            spec("Loại", "dropdown", "loai", choices="A\nB"),
            spec("Chi tiết B", "singleline", "chi_tiet", condition_field="loai", condition_value="B|b2"),
            spec("Khác", "section", "khac"),
            spec("Chưa có con", "singleline", "chua", condition_field="co_con", condition_value="không"),
        ]
    )
    raw = {"co_con": ["on"], "loai": ["B"]}
    assert visible_names(specs, lambda n: raw.get(n, [])) == {
        "co_con",
        "con",
        "so_con",
        "loai",
        "chi_tiet",
        "khac",
    }
    raw = {"loai": ["B"]}  # the section is hidden, so its fields are, and what depends on them
    assert visible_names(specs, lambda n: raw.get(n, [])) == {"co_con", "khac", "chua"}


def test_a_hidden_field_is_not_required_and_what_it_sent_is_dropped(db):
    specs = finish(
        [
            *applicant_and_proxy(condition_field="nguoi_nop"),
            spec("Thư", "email", "thu", condition_field="nguoi_nop", condition_value="Ủy quyền"),
        ]
    )
    form_class = DeclarationFormBuilder(specs).get_form_class()
    form = form_class({"nguoi_nop": "Tự nộp", "thu": "not-an-email"}, {})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"nguoi_nop": "Tự nộp"}
    form = form_class({"nguoi_nop": "Ủy quyền"}, {})
    assert not form.is_valid()
    assert form.errors["uy_quyen"] == ["Vui lòng điền “Người được ủy quyền”."]
