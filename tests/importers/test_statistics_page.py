"""/thong-ke/: the catalog's live statistics beside the figures the agencies reported."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from tests.factories import AgencyFactory, ProcedureFactory
from tests.factories.importers import AgencyStatFactory


def test_live_figures_sit_beside_the_latest_reported_ones(client, db, tmp_path):
    health = AgencyFactory(identifier="000.00.30.H22", name="Sở Y tế")
    for i in range(3):
        ProcedureFactory(code=f"1.00010{i}", agency=health)
    AgencyStatFactory(
        agency_name="Sở Y tế", agency=health, as_of=dt.date(2017, 4, 30), c3=120, c4=29, c5=91, c8=87
    )
    AgencyStatFactory(agency_name="Sở Y tế", agency=health, as_of=dt.date(2016, 12, 31), c3=100)
    AgencyStatFactory(agency_name="Ban Dân tộc", as_of=dt.date(2017, 4, 30), c3=2, c4=0, c5=2, c8=2)
    page = client.get("/thong-ke/").content.decode()
    assert "đặt cạnh số liệu các đơn vị báo cáo tại ngày 30/04/2017" in page
    row = page[page.index("<td>Sở Y tế</td>") :].split("</tr>")[0]
    assert [cell.split("<")[0] for cell in row.split("<td>")[2:10]] == [
        "3",
        "3",
        "0",
        "0",
        "120",
        "29",
        "91",
        "87",
    ]
    assert "-117" in row  # the catalog holds 117 fewer procedures than the agency reported
    assert "Ban Dân tộc" in page[page.index("chưa có trong danh mục cơ quan") :]
    older = client.get("/thong-ke/", {"ngay": "2016-12-31"}).content.decode()
    assert "tại ngày 31/12/2016" in older and "-97" in older
    assert "Tải về .xlsx" in page


def test_the_catalogs_xlsx_download_still_works(client, db, tmp_path):
    ProcedureFactory(code="1.000100", agency=AgencyFactory(identifier="000.00.30.H22", name="Sở Y tế"))
    response = client.get("/thong-ke/tai-ve.xlsx")
    assert response.status_code == 200
    path = tmp_path / "thong-ke.xlsx"
    path.write_bytes(response.content)
    assert load_workbook(path).active["B4"].value == "Sở Y tế"


def test_without_any_reported_figures_the_page_shows_the_live_ones(client, db):
    ProcedureFactory(code="1.000100", agency=AgencyFactory(identifier="000.00.30.H22", name="Sở Y tế"))
    page = client.get("/thong-ke/").content.decode()
    assert "chưa có số liệu báo cáo" in page and "đặt cạnh" not in page
