"""The catalog admin: its procedure search, and exports that no spreadsheet runs as formulas."""

import csv
import io

import pytest
from openpyxl import load_workbook

from cms.exports import formula_safe
from tests.factories import AgencyFactory, ProcedureFactory, UserFactory

PROCEDURES = "/admin/snippets/catalog/procedure/"
AGENCIES = "/admin/snippets/catalog/agency/"


@pytest.fixture
def admin_client(db, client):
    client.force_login(UserFactory(superuser=True))
    return client


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+84 203 3656 789", "'+84 203 3656 789"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Sở Xây dựng", "Sở Xây dựng"),
        ("1 + 1 = 2", "1 + 1 = 2"),
        (-5, -5),
        (None, None),
    ],
)
def test_formula_safe_escapes_only_text_a_spreadsheet_would_evaluate(cell, expected):
    assert formula_safe(cell) == expected


def test_csv_export_escapes_formula_cells(admin_client):
    AgencyFactory(identifier="000.00.77.H22", name='=HYPERLINK("http://evil.example","Bấm vào")')
    AgencyFactory(identifier="000.00.78.H22", name="Sở Y tế", short_name="@SYT")
    response = admin_client.get(AGENCIES, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    names = {row[0]: row for row in rows[1:]}
    assert names["000.00.77.H22"][1] == '\'=HYPERLINK("http://evil.example","Bấm vào")'
    assert names["000.00.78.H22"][1:3] == ["Sở Y tế", "'@SYT"]


def test_xlsx_export_keeps_formula_text_as_plain_strings(admin_client):
    # A string cell with the same apostrophe as the CSV: LibreOffice re-reads text cells on some edits.
    ProcedureFactory(code="1.000500", name="=1+2")
    response = admin_client.get(PROCEDURES, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert cells["1.000500"].value == "'=1+2" and cells["1.000500"].data_type == "s"


@pytest.mark.parametrize(
    ("q", "found"), [("xay dung", True), ("xây dựng", True), ("1.000600", True), ("khai sinh", False)]
)
def test_the_admin_searches_procedures_like_the_public_site(admin_client, q, found):
    ProcedureFactory(code="1.000600", name="Cấp giấy phép xây dựng", status="draft")
    response = admin_client.get(PROCEDURES, {"q": q})
    assert response.status_code == 200
    assert ("1.000600" in response.content.decode()) is found


def test_the_admin_search_keeps_a_column_order(admin_client):
    ProcedureFactory(code="1.000701", name="Cấp giấy phép xây dựng nhà ở")
    ProcedureFactory(code="1.000702", name="Cấp giấy phép xây dựng")
    html = admin_client.get(PROCEDURES, {"q": "giay phep xay dung"}).content.decode()
    assert html.index("1.000702") < html.index("1.000701")  # the shorter name: the closer match
    html = admin_client.get(PROCEDURES, {"q": "giay phep xay dung", "ordering": "code"}).content.decode()
    assert html.index("1.000701") < html.index("1.000702")
