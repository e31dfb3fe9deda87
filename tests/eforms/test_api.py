"""`GET /api/v1/forms/` and `/api/v1/forms/<id>/`: the definition a kiosk or the mobile app renders."""

from tests.factories.forms import DeclarationFormFactory


def test_the_list_shows_published_forms_with_procedure_center_and_url(client, desk):
    DeclarationFormFactory(publish=False, title="Bản nháp")
    data = client.get("/api/v1/forms/").json()
    assert data["count"] == 1 and data["next"] is None
    entry = data["results"][0]
    assert entry["id"] == desk["page"].pk
    assert (entry["procedure"], entry["center"]) == ("1.005136", "TTPVHCC-H22")
    assert entry["url"].endswith(desk["page"].url)
    assert client.get("/api/v1/forms/?procedure=9.999999").json()["count"] == 0
    assert client.get("/api/v1/forms/?center=TTPVHCC-H22").json()["count"] == 1


def test_the_definition_has_types_choices_conditions_and_upload_rules(client, desk):
    data = client.get(f"/api/v1/forms/{desk['page'].pk}/").json()
    fields = {f["name"]: f for f in data["fields"]}
    assert list(fields)[:3] == ["thong_tin_nguoi_nop", "ho_va_ten", "so_cccd"]
    assert fields["thong_tin_nguoi_nop"]["type"] == "section"
    assert (fields["so_cccd"]["type"], fields["so_cccd"]["required"], fields["so_cccd"]["pattern"]) == (
        "cccd",
        True,
        r"^\d{12}$",
    )
    assert fields["thu_dien_tu"]["required"] is False
    assert fields["nguoi_nop"]["choices"] == [
        {"value": "Tự nộp", "label": "Tự nộp"},
        {"value": "Ủy quyền", "label": "Ủy quyền"},
    ]
    assert fields["nguoi_duoc_uy_quyen"]["conditions"] == [{"field": "nguoi_nop", "values": ["Ủy quyền"]}]
    assert fields["don_de_nghi"]["section"] == "giay_to"
    assert fields["don_de_nghi"]["upload"] == {
        "allowed_types": [{"extension": "pdf", "mime": "application/pdf", "label": "PDF"}],
        "max_bytes": 1024 * 1024,
        "checked_by": "content",
    }
    assert fields["dia_chi"]["address"]["default_province"] == "22"
    assert data["summary"]["processing_time"]["text"] == "05 ngày làm việc"
    assert data["submit"]["token_field"] == "_token"


def test_an_unknown_or_unpublished_form_answers_the_error_format(client, desk):
    draft = DeclarationFormFactory(publish=False)
    for pk in (draft.pk, 999999):
        response = client.get(f"/api/v1/forms/{pk}/")
        assert response.status_code == 404
        assert response.json() == {"error": {"code": "not_found", "message": "Không tìm thấy."}}


def test_the_address_lists_are_served_for_clients(client, db):
    provinces = client.get("/api/v1/forms/units/").json()["provinces"]
    assert len(provinces) == 34
    quang_ninh = client.get("/api/v1/forms/units/22/").json()
    assert quang_ninh["name"] == "Tỉnh Quảng Ninh" and len(quang_ninh["communes"]) == 54
    assert client.get("/api/v1/forms/units/99/").status_code == 404
