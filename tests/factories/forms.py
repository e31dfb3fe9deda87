"""Declaration forms, shared templates and the files citizens upload (issue 7)."""

from __future__ import annotations

import io

import factory
from django.conf import settings
from PIL import Image
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from eforms.demo import field_rows
from eforms.pages import DeclarationFormPage, FormField, FormIndexPage
from eforms.shared import SharedForm, SharedFormField

from .catalog import CenterFactory, ProcedureFactory

# A form a citizen can actually submit: who applies, a condition, and two components.
STANDARD_FIELDS = [
    {"label": "Thông tin người nộp", "field_type": "section"},
    {"label": "Họ và tên", "field_type": "singleline", "applicant_role": "name"},
    {"label": "Số CCCD", "field_type": "cccd", "applicant_role": "id_number"},
    {"label": "Số điện thoại", "field_type": "phone"},
    {"label": "Thư điện tử", "field_type": "email", "required": False},
    {"label": "Địa chỉ", "field_type": "address", "default_value": "Quảng Ninh", "required": False},
    {"label": "Người nộp", "field_type": "radio", "choices": "Tự nộp\nỦy quyền"},
    {
        "label": "Người được ủy quyền",
        "field_type": "singleline",
        "condition_field": "Người nộp",
        "condition_value": "Ủy quyền",
    },
    {"label": "Giấy tờ", "field_type": "section"},
    {"label": "Đơn đề nghị", "field_type": "file", "allowed_types": "pdf", "max_size_mb": 1},
    {"label": "Ảnh giấy tờ", "field_type": "file", "allowed_types": "jpg,png", "required": False},
]


def _root() -> Page:
    """Wagtail's tree root; a transactional test that ran before may have flushed the one migrations made."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def form_index() -> FormIndexPage:
    """The one “Nộp hồ sơ trực tuyến” page, under a home page that is the default site's root."""
    index = FormIndexPage.objects.first()
    if index is not None:
        return index
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Trang chủ", slug="trang-chu-thu")
        _root().add_child(instance=home)
        site = Site.objects.filter(is_default_site=True).first()
        if site:
            site.root_page = home
            site.save()
        else:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    index = FormIndexPage(title="Nộp hồ sơ trực tuyến", slug="nop-ho-so")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


class _FormFactory(factory.Factory):
    """Saves through `_create` (a form and its field rows, published unless `publish=False`) even when built."""

    class Meta:
        model = dict

    procedure = factory.SubFactory(ProcedureFactory)
    fields = factory.LazyFunction(lambda: STANDARD_FIELDS)
    publish = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return cls._create(model_class, *args, **kwargs)


class SharedFormFactory(_FormFactory):
    title = "Mẫu tờ khai dùng chung"

    @classmethod
    def _create(cls, model_class, *, fields, publish, **kwargs):
        shared = SharedForm(**kwargs)
        shared.fields = field_rows(SharedFormField, fields)
        shared.save()
        if publish:
            shared.save_revision().publish()
        return shared


class DeclarationFormFactory(_FormFactory):
    """A published declaration form page for a (center, procedure), added under the forms index."""

    title = factory.Sequence(lambda n: f"Tờ khai thử nghiệm {n}")
    slug = factory.Sequence(lambda n: f"to-khai-{n}")
    center = factory.SubFactory(CenterFactory)
    shared_form = None

    @classmethod
    def _create(cls, model_class, *, fields, publish, **kwargs):
        page = DeclarationFormPage(**kwargs)
        page.form_fields = field_rows(FormField, fields)
        form_index().add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        else:
            page.unpublish()
        page.refresh_from_db()
        return page


def png_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes(text: str = "Don de nghi") -> bytes:
    body = f"BT /F1 12 Tf 20 20 Td ({text}) Tj ET".encode()
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]/Contents 4 0 R>>endobj\n"
        + f"4 0 obj<</Length {len(body)}>>stream\n".encode()
        + body
        + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def zip_bytes() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("virus.exe", b"MZ" + b"\0" * 64)
    return buffer.getvalue()
