"""Search without diacritics, the public API's shapes, and the live statistics."""

import unicodedata

import pytest

from catalog.services import fold_query, search_procedures
from catalog.services.records import upsert_procedure
from tests.factories import AgencyFactory, AgencyLevelFactory, CenterFactory, FieldFactory


@pytest.fixture
def catalog(db):
    AgencyLevelFactory(code="province")
    AgencyLevelFactory(code="commune")
    AgencyFactory(identifier="000.00.12.H22", name="Sở Xây dựng")
    FieldFactory(code="xay-dung", name="Xây dựng")
    CenterFactory(code="ttpvhcc", agency=AgencyFactory(identifier="000.00.00.H22", name="UBND tỉnh"))
    records = [
        {
            "code": "1.009994",
            "name": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
            "levels": ["province"],
            "fields": ["xay-dung"],
            "agency": "000.00.12.H22",
            "online_level": "partial",
            "centers": ["ttpvhcc"],
            "channels": [
                {"channel": "direct", "processing_time": "15 ngày làm việc", "fees": "75.000 đồng/giấy phép"},
                {"channel": "online", "processing_time": "15 ngày làm việc", "fees": "Miễn phí"},
            ],
            "components": [{"name": "Đơn đề nghị cấp giấy phép xây dựng", "originals": 1, "copies": 0}],
            "legal_basis": [{"number": "50/2014/QH13", "title": "Luật Xây dựng"}],
            "onsite": {"receive": True, "appraise": True, "approve": True, "return": True},
        },
        {
            "code": "1.001193",
            "name": "Đăng ký khai sinh",
            "levels": ["commune"],
            "fields": ["Hộ tịch"],
            "channels": [{"channel": "direct", "processing_time": "Trong ngày", "fees": "Miễn lệ phí"}],
        },
        {
            "code": "2.000001",
            "name": "Xác nhận hồ sơ đất đai",
            "levels": ["commune"],
            "fields": ["Đất đai"],
            "requirements": "giấy phép xây dựng đã cấp",
        },
    ]
    for record in records:
        upsert_procedure(record)


@pytest.mark.parametrize(
    "query",
    [
        "giay phep xay dung",
        "GIẤY PHÉP XÂY DỰNG",
        unicodedata.normalize("NFD", "giấy phép xây dựng"),
        "1.009994",
    ],
)
def test_search_finds_a_procedure_however_it_is_typed(catalog, query):
    assert [p.code for p in search_procedures(query)][:1] == ["1.009994"]


def test_d_finds_the_letter_dj(catalog):
    assert [p.code for p in search_procedures("dang ky khai sinh")] == ["1.001193"]


def test_search_input_is_bounded_and_syntax_is_plain_text(catalog, client):
    assert len(fold_query("a " * 10_000)) <= 12
    for nasty in ['"xay dung"', "xay*", "NEAR(xay dung)", "title:xay", "(.*)+$", "x" * 10_000]:
        response = client.get("/api/v1/procedures/", {"q": nasty})
        assert response.status_code == 200
        assert client.get("/thu-tuc/", {"q": nasty}).status_code == 200


def test_the_procedures_api_has_the_contract_shape(catalog, client):
    body = client.get("/api/v1/procedures/", {"q": "giay phep"}).json()
    # The contract's keys, plus `match` (an extra field API.md welcomes): how well the results answer `q`.
    assert set(body) == {"count", "next", "previous", "results", "match"}
    assert body["match"] == "exact"
    first = body["results"][0]
    assert first["code"] == "1.009994"
    assert first["processing_time"] == {"value": 15, "unit": "working_day", "text": "15 ngày làm việc"}
    assert first["online_level"] == "partial"
    assert first["url"].endswith("/thu-tuc/1.009994/")
    detail = client.get("/api/v1/procedures/1.009994/").json()
    for key in (
        "channels",
        "fees",
        "components",
        "steps",
        "requirements",
        "result",
        "legal_basis",
        "agencies",
        "decisions",
    ):
        assert key in detail
    assert detail["fees"][0]["amount"] == "75000"
    assert client.get("/api/v1/procedures/9.999999/").json()["error"]["code"] == "not_found"


def test_filters_by_level_field_and_online(catalog, client):
    assert client.get("/api/v1/procedures/", {"level": "commune"}).json()["count"] == 2
    assert client.get("/api/v1/procedures/", {"field": "xay-dung"}).json()["count"] == 1
    assert client.get("/api/v1/procedures/", {"online": "partial"}).json()["count"] == 1


def test_centers_list_the_procedures_they_receive(catalog, client):
    centers = client.get("/api/v1/centers/").json()["results"]
    assert centers[0]["procedures"] == ["1.009994"]


def test_live_statistics_mark_the_decree_61_targets(catalog, client):
    page = client.get("/thong-ke/")
    assert page.status_code == 200 and "Đạt" in page.content.decode()
    xlsx = client.get("/thong-ke/tai-ve.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_listing_query_count_does_not_grow_with_results(catalog, client, django_assert_max_num_queries):
    for n in range(30):
        upsert_procedure({"code": f"1.1{n:05d}", "name": f"Thủ tục số {n}", "levels": ["province"]})
    with django_assert_max_num_queries(12):
        assert client.get("/thu-tuc/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/procedures/").status_code == 200


def test_the_schema_is_served(client, db):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
