"""The staff API with tokens, the public lookup, the calendar endpoint and the printed forms."""

import pytest
from rest_framework.authtoken.models import Token

from tests.workflows.conftest import at
from workflows.services import receive_dossier


@pytest.fixture
def token_client(desk, client):
    token = Token.objects.create(user=desk["desk"])
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def test_staff_receive_a_dossier_and_act_on_it_through_the_api(desk, token_client):
    body = {
        "procedure": "1.009994",
        "center": "ttpvhcc",
        "channel": "direct",
        "applicant": {"name": "Phạm Thị Dung", "id_number": "022190009876", "phone": "0911222333"},
    }
    created = token_client.post("/api/v1/dossiers/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    code = created.json()["code"]
    assert created.json()["status"] == {"code": 2, "label": "Được tiếp nhận"}
    moved = token_client.post(
        f"/api/v1/dossiers/{code}/actions/", {"action": "transfer"}, content_type="application/json"
    )
    assert moved.status_code == 200 and moved.json()["status"]["code"] == 4
    refused = token_client.post(
        f"/api/v1/dossiers/{code}/actions/", {"action": "approve"}, content_type="application/json"
    )
    assert refused.status_code in (403, 409) and "error" in refused.json()
    history = token_client.get(f"/api/v1/dossiers/{code}/").json()["history"]
    assert [h["action"] for h in history] == ["receive", "transfer"]


def test_the_api_needs_a_token(client, db):
    response = client.post("/api/v1/dossiers/", {}, content_type="application/json")
    assert response.status_code in (401, 403)
    assert response.json()["error"]["message"]


def test_lookup_answers_alike_for_a_wrong_code_and_a_wrong_secret(desk, client):
    dossier = receive_dossier(
        procedure=desk["procedure"],
        center=desk["center"],
        channel="direct",
        applicant={"name": "Vũ Văn Em", "id_number": "022085004567", "phone": "0900000001"},
        received_at=at(2026, 3, 2, 9, 0),
    )
    good = client.post(
        "/api/v1/lookup/", {"code": dossier.code, "secret": "4567"}, content_type="application/json"
    )
    assert good.status_code == 200
    assert good.json()["status"]["code"] == 2 and "Vũ" not in good.content.decode()
    wrong_secret = client.post(
        "/api/v1/lookup/", {"code": dossier.code, "secret": "1111"}, content_type="application/json"
    )
    wrong_code = client.post(
        "/api/v1/lookup/",
        {"code": "000.00.12.H22-260302-9999", "secret": "4567"},
        content_type="application/json",
    )
    assert wrong_secret.status_code == wrong_code.status_code == 404
    assert wrong_secret.json() == wrong_code.json()


def test_lookup_is_rate_limited(desk, client):
    from django.core.cache import cache

    cache.clear()
    statuses = [
        client.post(
            "/api/v1/lookup/", {"code": "x", "secret": "0000"}, content_type="application/json"
        ).status_code
        for _ in range(15)
    ]
    assert statuses[-1] == 429
    cache.clear()


def test_the_public_lookup_page_posts_and_shows_no_personal_data(desk, client):
    dossier = receive_dossier(
        procedure=desk["procedure"],
        center=desk["center"],
        channel="direct",
        applicant={"name": "Đỗ Thị Giang", "phone": "0912000777"},
        received_at=at(2026, 3, 2, 9, 0),
    )
    page = client.post("/tra-cuu/", {"code": dossier.code, "secret": "0777"})
    html = page.content.decode()
    assert page.status_code == 200 and "Được tiếp nhận" in html and "Đỗ Thị Giang" not in html


def test_calendar_due_endpoint_explains_the_date(client, db):
    response = client.get(
        "/api/v1/calendar/due/", {"start": "2026-03-02T09:00:00", "value": 5, "unit": "working_day"}
    )
    body = response.json()
    assert body["due"].startswith("2026-03-09T09:00")
    assert body["explanation"] and all(isinstance(line, str) for line in body["explanation"])
    bad = client.get("/api/v1/calendar/due/", {"start": "hôm qua"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_start"


def test_the_receipt_prints_with_a_qr_code(desk, client):
    dossier = receive_dossier(
        procedure=desk["procedure"],
        center=desk["center"],
        channel="direct",
        applicant={"name": "Ngô Văn Hải"},
        received_at=at(2026, 3, 2, 9, 0),
    )
    client.force_login(desk["desk"])
    page = client.get(f"/ho-so/{dossier.code}/in/receipt_appointment/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in html
    assert client.get(f"/ho-so/{dossier.code}/in/control_slip/").status_code == 200
