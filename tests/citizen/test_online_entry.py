"""Issue 13, “broken now”: a procedure that promises online submission offers it, and the lookup reads well."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import ProcedureComponent
from eforms.pages import DeclarationFormPage
from tests.eforms.conftest import commune_code
from tests.factories import CenterFactory, DossierFactory
from tests.factories.forms import DeclarationFormFactory, form_index, pdf_bytes
from tests.factories.scenarios import department_desk
from workflows.models import Dossier, DossierFile


@pytest.fixture
def online_procedure(db):
    made = department_desk(
        identifier="000.00.12.H22",
        name="Sở Xây dựng",
        center={"code": "TTPVHCC-H22", "name": "Trung tâm Phục vụ hành chính công tỉnh"},
        procedure=("1.009994", "Cấp giấy phép xây dựng"),
        received_at_center=True,
    )
    procedure = made["procedure"]
    procedure.online_level = "full"
    procedure.save()
    ProcedureComponent.objects.create(procedure=procedure, name="Đơn đề nghị cấp giấy phép", sort_order=0)
    ProcedureComponent.objects.create(
        procedure=procedure, name="Bản vẽ thiết kế", required=False, sort_order=1
    )
    form_index()
    return made


def test_a_fully_online_procedure_without_a_form_offers_a_generic_one_built_from_its_components(
    online_procedure, client
):
    procedure = online_procedure["procedure"]
    page = client.get(f"/thu-tuc/{procedure.code}/")
    assert "Nộp trực tuyến" in page.content.decode()
    answer = client.get(f"/nop-truc-tuyen/{procedure.code}/")
    assert answer.status_code == 302
    form = DeclarationFormPage.objects.get(procedure=procedure)
    assert form.live and form.center == online_procedure["center"] and answer["Location"] == form.url
    labels = {f.label: f for f in form.form_fields.all()}
    assert labels["Đơn đề nghị cấp giấy phép"].field_type == "file"
    assert labels["Đơn đề nghị cấp giấy phép"].required
    assert not labels["Bản vẽ thiết kế"].required
    # A second citizen reaches the same form; no second page.
    client.get(f"/nop-truc-tuyen/{procedure.code}/")
    assert DeclarationFormPage.objects.filter(procedure=procedure).count() == 1

    shown = client.get(form.url)
    assert "Bản vẽ thiết kế" in shown.content.decode()
    sent = client.post(
        form.url,
        {
            "_token": "a" * 32,
            "ho_va_ten": "Nguyễn Văn An",
            "so_cccd": "022090001234",
            "so_dien_thoai": "0912345678",
            "dia_chi_province": "22",
            "dia_chi_commune": commune_code(),
            "dia_chi_detail": "Số 5",
            "don_de_nghi_cap_giay_phep": SimpleUploadedFile(
                "don.pdf", pdf_bytes(), content_type="application/pdf"
            ),
        },
    )
    assert sent.status_code == 200, sent.content.decode()[:500]
    dossier = Dossier.objects.get(procedure=procedure)
    assert dossier.channel == "online"
    assert DossierFile.objects.get(dossier=dossier).component == "Đơn đề nghị cấp giấy phép"


def test_the_centers_own_form_wins_over_the_generic_one(online_procedure, client):
    procedure = online_procedure["procedure"]
    own = DeclarationFormFactory(center=online_procedure["center"], procedure=procedure)
    answer = client.get(f"/nop-truc-tuyen/{procedure.code}/")
    assert answer["Location"] == own.url
    assert DeclarationFormPage.objects.filter(procedure=procedure).count() == 1


def test_with_several_centers_the_citizen_chooses_where_to_submit(online_procedure, client):
    procedure = online_procedure["procedure"]
    other = CenterFactory(
        code="BPMC-XA", name="Bộ phận Một cửa xã Bãi Cháy", agency=online_procedure["agency"]
    )
    procedure.centers.add(other)
    procedure.centers.commit()  # a parental many-to-many field: written on commit
    choice = client.get(f"/nop-truc-tuyen/{procedure.code}/")
    assert choice.status_code == 200 and "Bộ phận Một cửa xã Bãi Cháy" in choice.content.decode()
    answer = client.get(f"/nop-truc-tuyen/{procedure.code}/?noi=BPMC-XA")
    assert DeclarationFormPage.objects.get(procedure=procedure).center == other
    assert answer.status_code == 302


def test_a_procedure_not_offered_online_has_no_button_and_no_form(online_procedure, client):
    procedure = online_procedure["procedure"]
    procedure.online_level = "none"
    procedure.save()
    assert "Nộp trực tuyến" not in client.get(f"/thu-tuc/{procedure.code}/").content.decode()
    assert client.get(f"/nop-truc-tuyen/{procedure.code}/").status_code == 404
    assert not DeclarationFormPage.objects.exists()


def test_the_lookup_finds_a_lowercase_code_and_shows_vietnamese_dates_and_no_none(online_procedure, client):
    from django.core.cache import cache

    cache.clear()
    dossier = DossierFactory(
        procedure=online_procedure["procedure"],
        center=online_procedure["center"],
        channel="online",
        submitted_online=True,
    )
    assert dossier.received_at is None
    page = client.post("/tra-cuu/", {"code": dossier.code.lower(), "secret": dossier.lookup_secret.lower()})
    text = page.content.decode()
    assert page.status_code == 200, text[-800:]
    assert dossier.code in text
    assert "None" not in text
    assert "Chưa tiếp nhận" in text
    received = DossierFactory(procedure=online_procedure["procedure"], center=online_procedure["center"])
    text = client.post(
        "/tra-cuu/", {"code": received.code.lower(), "secret": received.lookup_secret}
    ).content.decode()
    from django.utils import timezone

    assert timezone.localtime(received.received_at).strftime("%d/%m/%Y") in text
    assert received.received_at.isoformat()[:10] not in text
