"""Editors build forms in the Wagtail admin; officers read submissions there."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from eforms.pages import DeclarationFormPage
from eforms.submissions import OnlineSubmission
from tests.factories import OfficerFactory, UserFactory
from tests.factories.forms import DeclarationFormFactory, SharedFormFactory, form_index

from .conftest import PERMS, valid_data


def field(label, field_type, **extra):
    return {"label": label, "field_type": field_type, "required": "on", "max_size_mb": "10", **extra}


def page_data(center, procedure, fields, **extra):
    data = nested_form_data(
        {
            "title": "Tờ khai do biên tập viên dựng",
            "slug": "to-khai-bien-tap",
            "center": center.pk,
            "procedure": procedure.pk,
            "shared_form": "",
            "intro": rich_text("<p>Hướng dẫn</p>"),
            "confirmation_text": "Cảm ơn ông/bà.",
            "form_fields": inline_formset([{k: v for k, v in row.items() if k != "types"} for row in fields]),
            "action-publish": "action-publish",
            **extra,
        }
    )
    for index, row in enumerate(fields):
        if "types" in row:  # tick boxes: one value per ticked type
            data[f"form_fields-{index}-allowed_types"] = row["types"]
    return data


@pytest.fixture
def editor(client, desk):
    client.force_login(UserFactory(username="bientap", superuser=True))
    return client


def add_url():
    return reverse("wagtailadmin_pages:add", args=("eforms", "declarationformpage", form_index().pk))


def test_an_editor_builds_and_publishes_a_form_that_citizens_can_submit(editor, desk):
    DeclarationFormPage.objects.all().delete()
    fields = [
        field("Thông tin người nộp", "section", required=""),
        field("Họ và tên", "singleline", applicant_role="name"),
        field("Số CCCD", "cccd", applicant_role="id_number"),
        field("Có đính kèm ảnh", "checkbox", required=""),
        field(
            "Ảnh giấy tờ",
            "file",
            types=["jpg", "png"],
            condition_field="Có đính kèm ảnh",
            condition_value="có",
        ),
        field("Đơn đề nghị", "file", types=["pdf"]),
    ]
    response = editor.post(add_url(), page_data(desk["center"], desk["procedure"], fields))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = DeclarationFormPage.objects.get()
    assert page.live and page.center == desk["center"]
    specs = {s.clean_name: s for s in page.get_form_fields()}
    assert specs["anh_giay_to"].allowed_types == ["jpg", "png"]
    assert specs["anh_giay_to"].condition_field == "co_dinh_kem_anh"
    edit = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Chỉ hiện khi trường" in edit and "Số CCCD / định danh cá nhân (12 số)" in edit
    citizen = Client()
    data = valid_data()
    response = citizen.post(
        page.url,
        {k: data[k] for k in ("_token", "ho_va_ten", "so_cccd")} | {"don_de_nghi": data["don_de_nghi"]},
    )
    assert OnlineSubmission.objects.get().dossier.code in response.content.decode()


def test_the_admin_refuses_a_form_that_cannot_work_and_says_why(editor, desk):
    fields = [
        field("Họ tên", "singleline"),
        field("Ghi chú", "singleline", condition_field="Không có trường này", condition_value="x"),
    ]
    response = editor.post(add_url(), page_data(desk["center"], desk["procedure"], fields, slug="hong"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "không có trường nào tên “Không có trường này”" in body
    assert "Họ tên người nộp" in body and "4 số cuối" in body
    assert "Nơi tiếp nhận này đã có biểu mẫu cho thủ tục này." in body  # the desk fixture's form
    assert not DeclarationFormPage.objects.filter(slug="hong").exists()


def test_the_preview_shows_the_form_and_the_confirmation_before_publishing(desk, rf):
    page = DeclarationFormFactory(publish=False)
    form = page.make_preview_request(None, "form").render().content.decode()
    assert "Bản xem trước" in form and 'name="so_cccd"' in form
    landing = page.make_preview_request(None, "landing").render().content.decode()
    assert "mã hồ sơ và mã bí mật tra cứu sẽ hiện ở đây" in landing


def test_a_center_starts_from_the_shared_template_and_overrides_it(client, desk):
    shared = SharedFormFactory(procedure=desk["procedure"])
    preview = shared.make_preview_request(None, shared.default_preview_mode).render().content.decode()
    assert "Bản xem trước mẫu tờ khai dùng chung" in preview and 'name="so_cccd"' in preview
    page = DeclarationFormFactory(
        center=desk["center"],
        procedure=desk["procedure"],
        shared_form=shared,
        slug="theo-mau",
        fields=[
            {"label": "Thư điện tử", "field_type": "email", "replaces": "Thư điện tử"},  # now required
            {"label": "Ảnh giấy tờ", "field_type": "file", "replaces": "Ảnh giấy tờ", "removed": True},
            {"label": "Ghi chú", "field_type": "multiline", "required": False},
        ],
    )
    fields = client.get(f"/api/v1/forms/{page.pk}/").json()["fields"]
    names = [f["name"] for f in fields]
    assert names[:2] == ["thong_tin_nguoi_nop", "ho_va_ten"] and names[-1] == "ghi_chu"
    assert "anh_giay_to" not in names
    assert next(f for f in fields if f["name"] == "thu_dien_tu")["required"] is True
    # The province updates its published template: every form built on it follows.
    shared.fields.filter(clean_name="ho_va_ten").update(label="Họ, chữ đệm và tên")
    assert client.get(f"/api/v1/forms/{page.pk}/").json()["fields"][1]["label"] == "Họ, chữ đệm và tên"


def test_officers_read_submissions_with_answers_and_previews(desk):
    Client().post(desk["page"].url, valid_data())
    submission = OnlineSubmission.objects.get()
    officer = UserFactory(username="tiepnhan2", perms=[*PERMS, "wagtailadmin.access_admin"])
    OfficerFactory(user=officer, agency=desk["agency"], center=desk["center"])
    client = Client()
    client.force_login(officer)
    listing = client.get("/admin/ho-so-truc-tuyen/")
    assert listing.status_code == 200 and submission.dossier.code in listing.content.decode()
    page = client.get(f"/admin/ho-so-truc-tuyen/inspect/{submission.pk}/").content.decode()
    assert "Nguyễn Văn An" in page and "022090001234" in page and "Phường Bãi Cháy" in page
    assert f"/ho-so-truc-tuyen/tep/{submission.files.get().pk}/?xem=1" in page
    assert client.get(f"/admin/ho-so-truc-tuyen/edit/{submission.pk}/").status_code in (302, 403)
    outsider = UserFactory(username="ngoai", perms=["wagtailadmin.access_admin"])
    client.force_login(outsider)
    assert client.get(f"/admin/ho-so-truc-tuyen/inspect/{submission.pk}/").status_code in (302, 403, 404)


def test_wagtail_forms_listing_does_not_expose_declarations(editor, desk):
    body = editor.get(reverse("wagtailforms:index")).content.decode()
    assert desk["page"].title not in body
