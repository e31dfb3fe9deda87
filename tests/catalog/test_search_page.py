"""The public search page `/thu-tuc/?q=`: what each result row shows and the filter panel's counts."""

import dataclasses
import re

import pytest
from django.test import RequestFactory

from catalog.models import Procedure
from catalog.services import search_catalog
from catalog.services.records import upsert_procedure
from catalog.views import _facets, _filtered
from tests.factories import AgencyFactory, AgencyLevelFactory, FieldFactory

FILTERS = ("level", "field", "agency", "online")
LONG_TIME = "15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ theo quy định, trừ trường hợp phải xác minh"


@pytest.fixture
def catalog(db):
    AgencyLevelFactory(code="province")
    AgencyLevelFactory(code="commune")
    AgencyFactory(identifier="000.00.12.H22", name="Sở Xây dựng & Giao thông")
    FieldFactory(code="xay-dung", name="Xây dựng")
    upsert_procedure(
        {
            "code": "1.009994",
            "name": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
            # Listed out of order: the row names the levels in their own order (province first).
            "levels": ["commune", "province"],
            "fields": ["xay-dung"],
            "agency": "000.00.12.H22",
            "online_level": "partial",
        }
    )
    upsert_procedure(
        {
            "code": "1.009995",
            "name": "Cấp giấy phép xây dựng <tạm> cho công trình",
            "levels": ["commune"],
            "fields": ["xay-dung"],
        }
    )
    Procedure.objects.filter(code="1.009994").update(processing_time_text=LONG_TIME)


def _rows(html: str) -> dict[str, str]:
    """Each result row's markup, by the procedure code in its link."""
    results = html.split('<ul class="results">', 1)[1].split("</ul>", 1)[0]
    return {re.search(r"/thu-tuc/([\d.]+)/", li).group(1): li for li in results.split("<li>")[1:]}


def test_a_row_shows_link_code_agency_levels_time_and_online_badge(catalog, client):
    html = client.get("/thu-tuc/", {"q": "giay phep xay dung"}).content.decode()
    row = _rows(html)["1.009994"]
    assert (
        '<a class="title" href="/thu-tuc/1.009994/?tk=giay%20phep%20xay%20dung">'
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ</a>"
    ) in row
    assert "<span>Mã: 1.009994</span>" in row
    assert "<span>Sở Xây dựng &amp; Giao thông</span>" in row
    assert "<span>Cấp tỉnh, Cấp xã</span>" in row
    assert f"<span>Thời hạn: {LONG_TIME[:59]}…</span>" in row
    assert '<span class="badge partial">Một phần</span>' in row


def test_a_row_without_agency_time_or_online_service_shows_neither(catalog, client):
    row = _rows(client.get("/thu-tuc/", {"q": "giay phep xay dung"}).content.decode())["1.009995"]
    assert "Cấp giấy phép xây dựng &lt;tạm&gt; cho công trình</a>" in row
    assert row.count("<span>") == 2  # the code and the levels
    assert "<span>Cấp xã</span>" in row
    assert "Thời hạn" not in row and "badge" not in row


def test_rows_speak_english_to_an_english_browser(catalog, client):
    html = client.get("/thu-tuc/", {"q": "giay phep"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = _rows(html)["1.009994"]
    assert "<span>Code: 1.009994</span>" in row and "Processing time: 15 ngày" in row


# Every name has all the words; a question the names answer only in part; a filter on top of a search.
SEARCHES = [
    ("giay phep xay dung", {}),
    ("xin cấp giấy phép xây dựng nhà ở cho gia đình ở đâu", {}),
    ("giay phep xay dung", {"level": "province"}),
    ("giay phep lai xe", {"field": "xay-dung"}),
]


@pytest.mark.parametrize(("question", "params"), SEARCHES)
def test_a_search_hands_over_the_ids_it_found(catalog, question, params):
    found = search_catalog(question, _filtered(RequestFactory().get("/", params))[0])
    assert found.ids and len(found.ids) == found.total
    assert sorted(found.ids) == sorted(found.unordered.values_list("pk", flat=True))


def test_a_code_no_question_or_too_many_matches_leave_the_ids_to_a_query(catalog, monkeypatch):
    assert search_catalog("1.0099").ids is None
    assert search_catalog("").ids is None
    assert search_catalog("karaoke").ids == []
    monkeypatch.setattr("catalog.services.search.ID_LIST_LIMIT", 1)
    found = search_catalog("giay phep xay dung")
    assert found.ids is None and found.unordered.count() == 2


@pytest.mark.parametrize(("question", "params"), SEARCHES)
def test_facets_count_over_the_ids_as_over_the_search(catalog, question, params):
    queryset, filters = _filtered(RequestFactory().get("/", params))
    found = search_catalog(question, queryset)
    assert _facets(found, question, filters) == _facets(
        dataclasses.replace(found, ids=None), question, filters
    )


def test_facets_count_levels_fields_and_agencies_and_link_to_them(catalog):
    found = search_catalog("giay phep xay dung")
    levels, online, fields, agencies = _facets(found, "giay phep xay dung", dict.fromkeys(FILTERS, ""))
    assert [(i["label"], i["n"]) for i in levels["items"]] == [("Cấp tỉnh", 1), ("Cấp xã", 2)]
    assert [(i["label"], i["n"]) for i in fields["items"]] == [("Xây dựng", 2)]
    assert [(i["label"], i["n"]) for i in agencies["items"]] == [("Sở Xây dựng & Giao thông", 1)]
    assert levels["items"][0]["href"] == "?q=giay+phep+xay+dung&level=province&field=&agency=&online="
    assert online["items"][0]["href"] == "?q=giay+phep+xay+dung&level=&field=&agency=&online=full"


def test_a_facet_link_keeps_the_other_filters(catalog):
    filters = {"level": "commune", "field": "xay-dung", "agency": "", "online": ""}
    queryset = _filtered(RequestFactory().get("/", filters))[0]
    levels = _facets(search_catalog("giấy phép & xây", queryset), "giấy phép & xây", filters)[0]
    # The first procedure is at both levels: the other one is offered, with the field kept.
    assert [(i["href"], i["current"]) for i in levels["items"]] == [
        ("?q=gi%E1%BA%A5y+ph%C3%A9p+%26+x%C3%A2y&level=province&field=xay-dung&agency=&online=", False),
        ("?q=gi%E1%BA%A5y+ph%C3%A9p+%26+x%C3%A2y&level=commune&field=xay-dung&agency=&online=", True),
    ]
