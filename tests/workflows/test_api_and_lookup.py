"""The staff API with tokens, the public lookup, the calendar endpoint and the printed forms."""

import pytest

from cms.api.tokens import issue_token
from tests.workflows.conftest import at, new_dossier


def authorise(client, user):
    """The client now calls the API with a token of this user."""
    _, key = issue_token(user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {key}"
    return client


@pytest.fixture
def token_client(desk, client):
    return authorise(client, desk["desk"])


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
    dossier = new_dossier(
        desk, at(2026, 3, 2, 9, 0), name="Vũ Văn Em", id_number="022085004567", phone="0900000001"
    )
    good = client.post(
        "/api/v1/lookup/",
        {"code": dossier.code, "secret": dossier.lookup_secret},
        content_type="application/json",
    )
    assert good.status_code == 200
    assert good.json()["status"]["code"] == 2 and "Vũ" not in good.content.decode()
    wrong_secret = client.post(
        "/api/v1/lookup/", {"code": dossier.code, "secret": "4567"}, content_type="application/json"
    )
    wrong_code = client.post(
        "/api/v1/lookup/",
        {"code": "000.00.12.H22-260302-9999", "secret": dossier.lookup_secret},
        content_type="application/json",
    )
    assert wrong_secret.status_code == wrong_code.status_code == 404
    assert wrong_secret.json() == wrong_code.json()


def test_lookup_is_rate_limited(desk, client, fresh_cache):
    statuses = [
        client.post(
            "/api/v1/lookup/", {"code": "x", "secret": "0000"}, content_type="application/json"
        ).status_code
        for _ in range(15)
    ]
    assert statuses[-1] == 429


def test_the_public_lookup_page_posts_and_shows_no_personal_data(desk, client):
    dossier = new_dossier(desk, at(2026, 3, 2, 9, 0), name="Đỗ Thị Giang", phone="0912000777")
    page = client.post("/tra-cuu/", {"code": dossier.code, "secret": dossier.lookup_secret.lower()})
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
    dossier = new_dossier(desk, at(2026, 3, 2, 9, 0), name="Ngô Văn Hải")
    client.force_login(desk["desk"])
    page = client.get(f"/ho-so/{dossier.code}/in/receipt_appointment/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in html
    assert client.get(f"/ho-so/{dossier.code}/in/control_slip/").status_code == 200


def test_the_forms_print_as_pdf_with_an_embedded_vietnamese_font(desk, client):
    dossier = new_dossier(desk, at(2026, 3, 2, 9, 0), name="Nguyễn Thị Ánh Tuyết", phone="0912000888")
    client.force_login(desk["desk"])
    for form in ("receipt_appointment", "control_slip"):
        response = client.get(f"/ho-so/{dossier.code}/in/{form}/", {"pdf": "1"})
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        body = response.content
        assert body.startswith(b"%PDF") and b"SourceSansPro" in body and len(body) > 5_000


def test_a_dossier_prints_only_the_forms_of_the_rule_set_it_was_received_under(desk, client):
    old = new_dossier(desk, at(2025, 6, 30, 9, 0), name="Trần Văn Cũ", phone="0912000999")
    client.force_login(desk["desk"])
    # Decree 61/2018 had no "stop notice" form; Decree 118/2025 brought it in.
    assert client.get(f"/ho-so/{old.code}/in/stop_notice/").status_code == 404
    assert "Mẫu số 05" in client.get(f"/ho-so/{old.code}/in/control_slip/").content.decode()


def test_the_api_assigns_within_the_steps_group_and_refuses_outside_it(desk, token_client):
    dossier = new_dossier(desk, name="Hà Văn Long", phone="0912000111")
    url = f"/api/v1/dossiers/{dossier.code}/actions/"
    token_client.post(url, {"action": "transfer"}, content_type="application/json")
    authorise(token_client, desk["leader"])
    refused = token_client.post(
        url, {"action": "assign", "assignee": "tiepnhan"}, content_type="application/json"
    )
    assert refused.status_code == 409 and "không thuộc nhóm" in refused.json()["error"]["message"]
    done = token_client.post(
        url, {"action": "assign", "assignee": "chuyenvien"}, content_type="application/json"
    )
    assert done.status_code == 200
    assert [h["action"] for h in done.json()["history"]] == ["receive", "transfer", "assign"]


def test_the_register_lists_the_officers_dossiers_of_the_period_and_prints_as_pdf(desk, client):
    dossier = new_dossier(desk, at(2026, 3, 2, 9, 0), name="Bùi Thị Sổ", phone="0912000333")
    client.force_login(desk["desk"])
    html = client.get("/ho-so/so-theo-doi/", {"tu": "2026-03-01", "den": "2026-03-31"}).content.decode()
    assert dossier.code in html and "Bùi Thị Sổ" in html and "Sổ theo dõi hồ sơ" in html
    assert (
        dossier.code
        not in client.get("/ho-so/so-theo-doi/", {"tu": "2026-04-01", "den": "2026-04-30"}).content.decode()
    )
    pdf = client.get("/ho-so/so-theo-doi/", {"tu": "2026-03-01", "den": "2026-03-31", "pdf": "1"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    client.logout()
    assert client.get("/ho-so/so-theo-doi/").status_code == 302


def test_the_api_requests_a_supplement_with_its_documents(desk, token_client):
    # Mẫu 02 (Thông tư 01/2018, 03/2025): the request lists the documents to add.
    dossier = new_dossier(desk, name="Lý Văn Bổ", phone="0912000444")
    url = f"/api/v1/dossiers/{dossier.code}/actions/"
    token_client.post(url, {"action": "transfer"}, content_type="application/json")
    authorise(token_client, desk["specialist"])
    body = {"action": "request_supplement", "note": "Bản vẽ thiếu mặt cắt"}
    refused = token_client.post(url, body, content_type="application/json")
    assert refused.status_code == 409 and "ít nhất một giấy tờ" in refused.json()["error"]["message"]
    done = token_client.post(url, {**body, "missing": ["Bản vẽ"]}, content_type="application/json")
    assert done.status_code == 200 and dossier.events.get(action="request_supplement").data == {
        "missing": ["Bản vẽ"]
    }
