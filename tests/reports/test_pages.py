"""Every new page renders against the demo province, with its charts and the tables beside them; the API and
the .xlsx follow the report; bad input gets a Vietnamese message."""

import io

import pytest
from openpyxl import load_workbook

from catalog.models import Agency
from reports.services import dossier_report, parse_period, parse_scope, period_containing
from workflows.models import Dossier


@pytest.fixture
def quarter(demo):
    from django.utils import timezone

    return period_containing(timezone.now(), "quarter")


def test_the_overview_renders_the_demo_report_with_charts(client, quarter):
    response = client.get("/bao-cao/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 5 and html.count('role="img"') >= 5
    assert "Kết quả giải quyết thủ tục hành chính" in html and "Quyết định 766/QĐ-TTg" in html
    report = dossier_report(quarter, parse_scope("province"))
    assert report.rows and f'<td class="num">{report.total.figures["received"]}</td>' in html


def test_every_agency_page_renders(client, quarter):
    with_dossiers = set(Dossier.objects.values_list("agency_id", flat=True))
    for agency in Agency.objects.filter(pk__in=with_dossiers):
        response = client.get(f"/bao-cao/co-quan/{agency.pk}/", {"ky": quarter.label})
        assert response.status_code == 200, agency
        html = response.content.decode()
        assert agency.name in html and "<svg" in html and "Nghị định 61/2018/NĐ-CP" in html


def test_the_overdue_list_shows_no_personal_data(client, quarter):
    response = client.get("/bao-cao/qua-han/")
    html = response.content.decode()
    assert response.status_code == 200
    overdue = Dossier.objects.filter(overdue=True)
    assert overdue.exists()
    for dossier in overdue:
        assert dossier.applicant_name not in html and dossier.code not in html
        assert dossier.procedure.code in html


def test_other_periods_and_scopes_render_and_bad_ones_explain(client, quarter):
    agency = Dossier.objects.first().agency
    for params in ({"ky": quarter.start.strftime("%Y")}, {"ky": quarter.start.strftime("%Y-%m")},
                   {"ky": quarter.label, "pham-vi": f"agency:{agency.pk}"}):  # fmt: skip
        assert client.get("/bao-cao/", params).status_code == 200
    response = client.get("/bao-cao/", {"ky": "2026-Q7"})
    assert response.status_code == 400 and "Kỳ báo cáo" in response.content.decode()


def test_the_api_returns_the_report_paginated_and_as_xlsx(client, quarter):
    response = client.get("/api/v1/reports/dossiers/", {"period": quarter.label, "scope": "province"})
    assert response.status_code == 200
    data = response.json()
    assert {"count", "next", "previous", "results", "total", "period"} <= set(data)
    report = dossier_report(quarter, parse_scope("province"))
    assert data["count"] == len(report.rows) and data["total"]["received"] == report.total.figures["received"]
    row = data["results"][0]
    assert row["received"] == row["carried_over"] + row["new_online"] + row["new_paper"]
    xlsx = client.get("/api/v1/reports/dossiers/", {"period": quarter.label, "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value.startswith("BÁO CÁO KẾT QUẢ") and sheet["C7"].value == 3
    total_row = 8 + len(report.rows)
    assert sheet.cell(row=total_row, column=2).value == "Tổng cộng"
    assert sheet.cell(row=total_row, column=3).value == report.total.figures["received"]


def test_the_api_explains_a_bad_period_in_the_error_format(client, demo):
    for params in (
        {"period": "2026-13"},
        {"period": "2026-13", "format": "xlsx"},
        {"scope": "agency:999999"},
    ):
        response = client.get("/api/v1/reports/dossiers/", params)
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "invalid_report_input" and error["message"]


def test_the_public_xlsx_download(client, quarter):
    response = client.get("/bao-cao/tai-ve.xlsx", {"ky": quarter.label})
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).active.title == quarter.label
    assert parse_period(quarter.label) == quarter


def test_charts_escape_labels_and_keep_every_month_inside():
    from reports.charts import bar_chart, line_chart

    svg = line_chart("T", [f"{m:02d}/26" for m in range(1, 13)], [("<b>A</b>", [None] * 11 + [50.0])])
    assert "<b>" not in svg and "&lt;b&gt;A&lt;/b&gt;" in svg
    assert 'text-anchor="end" fill="#555">12/26' in svg  # the latest month is always labelled
    assert "Chưa có dữ liệu" in bar_chart("T", [])
    bars = bar_chart("T", [("Sở A", 75.0), ("Sở B", None)], target=20)
    assert ">75%<" in bars and "không có dữ liệu" in bars and "stroke-dasharray" in bars


def test_the_demo_procedures_count_as_fully_published(quarter):
    """The demo's catalog publishes components, time and fees (per channel), legal documents and results for
    every procedure: "Thủ tục công khai đủ nội dung" read 0 ÷ 60 while only the verbatim legal text counted."""
    from reports.services.service_index import service_index

    index = service_index(quarter, parse_scope("province"))
    disclosed = next(r for g in index["groups"] for r in g["ratios"] if r.key == "disclosed")
    assert disclosed.denominator >= 60 and disclosed.numerator == disclosed.denominator
