"""Issue 13, the desk: only the center's procedures, a checklist from the procedure's record, and the online
declaration's answers and files on the dossier page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from catalog.models import ProcedureComponent
from tests.eforms.conftest import nationality_form, valid_data
from tests.factories import CenterFactory, ProcedureFactory, UserFactory
from tests.factories.scenarios import officer
from workflows.admin_forms import ReceiveForm
from workflows.models import Dossier
from workflows.services.setup import RECEPTION_GROUP

ADMIN = "wagtailadmin.access_admin"


@pytest.fixture
def online_desk(db):
    made = nationality_form()
    user = officer("tiepnhan", made, groups=[RECEPTION_GROUP])
    UserFactory(username=user.username, perms=[ADMIN])
    ProcedureComponent.objects.create(
        procedure=made["procedure"], name="Tờ khai  đề nghị", originals=1, copies=0, sort_order=0
    )
    ProcedureComponent.objects.create(
        procedure=made["procedure"], name="Bản sao CCCD", originals=0, copies=1, sort_order=1
    )
    return {**made, "officer": user}


def test_reception_lists_only_the_procedures_the_center_handles(online_desk):
    elsewhere = ProcedureFactory(
        code="1.000001", name="Thủ tục của trung tâm khác", agency=online_desk["agency"]
    )
    elsewhere.centers.add(CenterFactory(code="khac", agency=online_desk["agency"]))
    elsewhere.centers.commit()  # a parental many-to-many field: written on commit
    form = ReceiveForm(user=online_desk["officer"])
    assert list(form.fields["procedure"].queryset) == [online_desk["procedure"]]
    refused = ReceiveForm(
        {
            "procedure": elsewhere.pk,
            "center": online_desk["center"].pk,
            "channel": "direct",
            "applicant_kind": "person",
            "name": "Lê Thị Hoa",
            "phone": "0911000222",
        },
        user=online_desk["officer"],
    )
    assert not refused.is_valid() and "procedure" in refused.errors


def test_the_checklist_comes_from_the_procedures_record(online_desk, client):
    form = ReceiveForm(user=online_desk["officer"])
    assert form.checklists() == {
        str(online_desk["procedure"].pk): "Tờ khai đề nghị | 1 | 0\nBản sao CCCD | 0 | 1"
    }
    client.force_login(online_desk["officer"])
    page = client.get(reverse("dossier:add")).content.decode()
    assert 'id="procedure-checklists"' in page and "CCCD | 0 | 1" in page
    response = client.post(
        reverse("dossier:add"),
        {
            "procedure": online_desk["procedure"].pk,
            "center": online_desk["center"].pk,
            "channel": "direct",
            "applicant_kind": "person",
            "name": "Lê Thị Hoa",
            "phone": "0911000222",
        },
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get(applicant_name="Lê Thị Hoa")
    assert [c["name"] for c in dossier.components] == ["Tờ khai đề nghị", "Bản sao CCCD"]
    receipt = client.get(f"/ho-so/{dossier.code}/in/receipt_appointment/").content.decode()
    assert "Bản sao CCCD" in receipt


def test_officers_see_the_online_declaration_on_the_dossier_page(online_desk, client):
    client.post(online_desk["page"].url, valid_data())
    dossier = Dossier.objects.get(channel="online")
    client.force_login(online_desk["officer"])
    page = client.get(reverse("dossier:edit", args=(dossier.pk,))).content.decode()
    assert "Tờ khai trực tuyến" in page
    assert "Nguyễn Văn An" in page and "Số 5 đường Hạ Long" in page
    stored = dossier.files.get()
    assert reverse("forms:file", args=(stored.pk,)) in page and stored.original_name in page
