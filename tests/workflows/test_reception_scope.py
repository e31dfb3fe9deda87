"""Issue 11 item 5: an officer receives only at their agency's centers and only what the center handles."""

import pytest
from django.urls import reverse

from cms.api.tokens import issue_token
from tests.factories import AgencyFactory, CenterFactory, ProcedureFactory, UserFactory
from workflows.models import Dossier, DossierEvent

from .test_admin import ADMIN, reception_form

APPLICANT = {"name": "Phạm Thị Dung", "id_number": "022190009876", "phone": "0911222333"}


@pytest.fixture
def elsewhere(desk):
    """Another department's center and a procedure only that center handles."""
    agency = AgencyFactory(identifier="000.00.31.H22", name="Sở Tư pháp")
    center = CenterFactory(code="tu-phap", agency=agency)
    procedure = ProcedureFactory(code="1.001022", name="Đăng ký khai sinh", agency=agency)
    procedure.centers.add(center)
    procedure.centers.commit()  # a parental many-to-many field: written on commit
    return {"center": center, "procedure": procedure}


def post_api(client, user, procedure, center):
    _, key = issue_token(user)
    body = {"procedure": procedure, "center": center, "channel": "direct", "applicant": APPLICANT}
    return client.post(
        "/api/v1/dossiers/", body, content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}"
    )


def test_the_api_refuses_another_agencys_center_and_writes_nothing(desk, elsewhere, client):
    response = post_api(client, desk["desk"], desk["procedure"].code, elsewhere["center"].code)
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert not Dossier.objects.exists() and not DossierEvent.objects.exists()


def test_the_api_refuses_a_procedure_the_center_does_not_handle(desk, elsewhere, client):
    response = post_api(client, desk["desk"], elsewhere["procedure"].code, desk["center"].code)
    assert response.status_code == 403 and "không giải quyết" in response.json()["error"]["message"]
    assert not Dossier.objects.exists()
    # Its own procedure at its own center still goes through.
    assert post_api(client, desk["desk"], desk["procedure"].code, desk["center"].code).status_code == 201


def test_the_admin_form_refuses_a_procedure_the_center_does_not_handle(desk, elsewhere, client):
    UserFactory(username=desk["desk"].username, perms=[ADMIN])
    client.force_login(desk["desk"])
    data = reception_form(desk, name="Trịnh Thị Hoa", phone="0911000222", components="")
    data["procedure"] = elsewhere["procedure"].pk
    # The desk's form offers only what its center receives: another procedure is refused as a bad choice
    # (a forged post), or with 403 by the reception scope; either way nothing is written.
    response = client.post(reverse("dossier:add"), data)
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert response.context["form"].errors.get("procedure")
    assert not Dossier.objects.exists()
    # A forged center of another agency is not even a choice of the form.
    data = {
        **reception_form(desk, name="Trịnh Thị Hoa", phone="0911000222"),
        "center": elsewhere["center"].pk,
    }
    client.post(reverse("dossier:add"), data)
    assert not Dossier.objects.exists()
