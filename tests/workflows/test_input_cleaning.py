"""Issue 11 item 5: names and text are NFC without bidi controls on every input path, through one function
(`catalog.parsing.text.normalize_text`). Here: the one function, the API and the desk's admin form; the online
form, the catalog admin and the imports have theirs beside their own tests."""

import unicodedata

import pytest
from django.urls import reverse

from catalog.parsing.text import BIDI_CONTROLS, normalize_text
from cms.api.tokens import issue_token
from workflows.models import Dossier

from .test_admin import ADMIN, reception_form

# "Nguyễn Văn An" decomposed (NFD), with a right-to-left override hiding inside it: it displays reversed.
HOSTILE = unicodedata.normalize("NFD", "Nguyễn \u202eVăn\u202c An\u2066")
CLEAN = "Nguyễn Văn An"


def is_clean(value: str) -> bool:
    return unicodedata.is_normalized("NFC", value) and not set(BIDI_CONTROLS) & set(value)


@pytest.mark.parametrize("control", list(BIDI_CONTROLS))
def test_the_one_function_drops_every_bidi_control_and_composes(control):
    assert normalize_text(f"Văn{control} An") == "Văn An"
    assert normalize_text(unicodedata.normalize("NFD", "Hồ sơ")) == "Hồ sơ"


def test_the_api(desk, client):
    _, key = issue_token(desk["desk"])
    body = {
        "procedure": desk["procedure"].code,
        "center": desk["center"].code,
        "channel": "direct",
        "applicant": {"name": HOSTILE, "phone": "0911222333", "address": f"Số 5 {HOSTILE}"},
    }
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    response = client.post("/api/v1/dossiers/", body, content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    dossier = Dossier.objects.get()
    assert dossier.applicant_name == CLEAN and is_clean(dossier.applicant_address)
    moved = client.post(
        f"/api/v1/dossiers/{dossier.code}/actions/",
        {"action": "transfer", "note": HOSTILE},
        content_type="application/json",
        **auth,
    )
    assert moved.status_code == 200 and dossier.events.last().note == CLEAN


def test_the_desks_admin_form(desk, client):
    from tests.factories import UserFactory

    UserFactory(username=desk["desk"].username, perms=[ADMIN])
    client.force_login(desk["desk"])
    response = client.post(
        reverse("dossier:add"), reception_form(desk, name=HOSTILE, phone="0911000222", components="")
    )
    assert response.status_code == 302
    assert Dossier.objects.get().applicant_name == CLEAN
