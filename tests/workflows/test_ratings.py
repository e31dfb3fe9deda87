"""After the result, the applicant rates the service once, from the lookup page, with no code in any URL."""

import re

import pytest

from tests.workflows.conftest import at, new_dossier
from workflows.models import Rating
from workflows.services import perform_action
from workflows.services.ratings import criteria

ALL_BEST = {c["key"]: "a" for c in criteria()["criteria"]}
pytestmark = pytest.mark.usefixtures("fresh_cache")  # the rate limits count in the cache


def returned_dossier(desk):
    dossier = new_dossier(desk, at(2026, 3, 2, 9, 0), name="Lê Thị Thu", phone="0912345999")
    for action in ("transfer", "appraise", "approve", "return_result"):
        dossier = perform_action(dossier, action, None, now=at(2026, 3, 3, 9, 0))
    return dossier


def token_from_lookup(client, dossier):
    html = client.post("/tra-cuu/", {"code": dossier.code, "secret": dossier.lookup_secret}).content.decode()
    match = re.search(r'name="token" value="([^"]+)"', html)
    return match.group(1) if match else None


def test_a_returned_dossier_is_rated_once_from_the_lookup(desk, client):
    dossier = returned_dossier(desk)
    token = token_from_lookup(client, dossier)
    assert token and dossier.code not in token
    form = client.post("/tra-cuu/danh-gia/", {"token": token}).content.decode()
    assert "Thái độ của cán bộ" in form and dossier.code in form
    done = client.post("/tra-cuu/danh-gia/", {"token": token, "submit": "1", **ALL_BEST, "comment": "Nhanh"})
    assert done.status_code == 200 and "12/12" in done.content.decode()
    rating = Rating.objects.get(dossier=dossier)
    assert rating.answers == ALL_BEST and rating.criteria_version == criteria()["version"]
    again = client.post("/tra-cuu/danh-gia/", {"token": token, "submit": "1", **ALL_BEST})
    assert again.status_code == 400 and "đã được đánh giá" in again.content.decode()
    assert Rating.objects.count() == 1
    assert token_from_lookup(client, dossier) is None  # the lookup no longer offers it


def test_every_criterion_needs_an_answer_and_nothing_is_stored_otherwise(desk, client):
    token = token_from_lookup(client, returned_dossier(desk))
    partial = {**ALL_BEST}
    partial.pop("attitude")
    response = client.post("/tra-cuu/danh-gia/", {"token": token, "submit": "1", **partial})
    assert response.status_code == 400 and "Thái độ của cán bộ" in response.content.decode()
    assert not Rating.objects.exists()


def test_a_dossier_in_progress_cannot_be_rated_and_a_forged_token_is_refused(desk, client):
    dossier = new_dossier(desk, name="Vi Văn Sơn", phone="0912345888")
    assert token_from_lookup(client, dossier) is None
    forged = client.post("/tra-cuu/danh-gia/", {"token": "x" * 40, "submit": "1", **ALL_BEST})
    assert forged.status_code == 400 and "tra cứu lại" in forged.content.decode()
    assert client.get("/tra-cuu/danh-gia/").status_code == 302
    assert not Rating.objects.exists()
