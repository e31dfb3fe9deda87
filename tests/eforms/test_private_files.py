"""Dossier files go only to staff who may see the dossier and to the applicant (same session or a lookup)."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import AgencyFactory, OfficerFactory, UserFactory
from workflows.models import Dossier, DossierFile

from .conftest import PERMS, valid_data


@pytest.fixture
def submitted(client, desk):
    client.post(desk["page"].url, valid_data())
    return {**desk, "file": DossierFile.objects.get(), "dossier": Dossier.objects.get(), "applicant": client}


def file_url(stored, preview=False):
    return f"/ho-so-truc-tuyen/tep/{stored.pk}/" + ("?xem=1" if preview else "")


def test_the_applicant_who_submitted_can_download_in_the_same_session(submitted):
    response = submitted["applicant"].get(file_url(submitted["file"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")
    assert "don-de-nghi.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_nobody_else_gets_the_file(submitted):
    assert Client().get(file_url(submitted["file"])).status_code == 404
    stranger = UserFactory(username="khac", perms=PERMS)
    OfficerFactory(user=stranger, agency=AgencyFactory(identifier="000.00.17.H22"))
    other = Client()
    other.force_login(stranger)
    assert other.get(file_url(submitted["file"])).status_code == 404


def test_an_officer_of_the_center_previews_pdfs_inline(submitted):
    officer = Client()
    officer.force_login(submitted["officer"])
    response = officer.get(file_url(submitted["file"], preview=True))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_applicant_gets_access_again_through_the_lookup(submitted):
    cache.clear()
    later = Client()
    url = "/ho-so-truc-tuyen/"
    wrong = later.post(url, {"code": submitted["dossier"].code, "secret": "9999"})
    assert wrong.status_code == 404 and "Không tìm thấy" in wrong.content.decode()
    assert later.get(file_url(submitted["file"])).status_code == 404
    right = later.post(url, {"code": submitted["dossier"].code, "secret": "1234"})
    assert right.status_code == 200
    assert file_url(submitted["file"]) in right.content.decode()
    assert later.get(file_url(submitted["file"])).status_code == 200


def test_the_lookup_is_rate_limited(submitted):
    cache.clear()
    guesser = Client()
    statuses = [
        guesser.post(
            "/ho-so-truc-tuyen/", {"code": submitted["dossier"].code, "secret": f"{n:04d}"}
        ).status_code
        for n in range(12)
    ]
    assert statuses[-1] == 429
    cache.clear()
