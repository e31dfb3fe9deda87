"""The public search page `/thu-tuc/?q=`: what each result row shows and the filter panel's counts."""

import re

import pytest

from catalog.models import Procedure
from catalog.services.records import upsert_procedure
from tests.factories import AgencyFactory, AgencyLevelFactory, FieldFactory

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
