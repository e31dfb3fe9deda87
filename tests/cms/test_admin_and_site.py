"""The site and the admin a province sees the first time: every main page renders with the demo data."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.models import AgencyLevel, Procedure
from tests.conftest import DEMO_PASSWORD
from workflows.models import Dossier, DossierEvent


def test_load_demo_builds_a_province_and_loads_nothing_twice(demo):
    counts = (Procedure.objects.count(), Dossier.objects.count(), DossierEvent.objects.count())
    # 12 dossiers of today and 4 received under the pre-2025 structure.
    assert counts[0] >= 60 and counts[1] == 16
    assert Procedure.objects.published().values("fields").distinct().count() >= 8
    # Two-level government since 1/7/2025: the district level is history, its procedures moved.
    assert set(Procedure.objects.values_list("levels__code", flat=True)) == {"province", "commune"}
    assert AgencyLevel.objects.get(code="district").closed_on == dt.date(2025, 7, 1)
    call_command("load_demo", verbosity=0)
    assert (Procedure.objects.count(), Dossier.objects.count(), DossierEvent.objects.count()) == counts
    assert set(Procedure.objects.values_list("levels__code", flat=True)) == {"province", "commune"}


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/thu-tuc/",
        "/thu-tuc/?q=khai+sinh",
        "/co-quan/",
        "/quyet-dinh/",
        "/thong-ke/",
        "/tra-cuu/",
        "/sitemap.xml",
        "/admin/login/",
    ],
)
def test_public_pages_render(demo, client, url):
    assert client.get(url).status_code == 200


def test_every_procedure_page_renders(demo, client):
    for code in Procedure.objects.values_list("code", flat=True):
        assert client.get(f"/thu-tuc/{code}/").status_code == 200, code


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/snippets/catalog/procedure/",
        "/admin/snippets/catalog/decision/",
        "/admin/snippets/catalog/agency/",
        "/admin/snippets/workflows/workflow/",
        "/admin/nhap-phu-luc/",
    ],
)
def test_admin_pages_render_for_the_administrator(demo, client, url):
    client.login(username="admin", password=DEMO_PASSWORD)
    response = client.get(url, follow=True)
    assert response.status_code == 200


def _figure(html: str, label: str) -> int:
    """The number the dashboard shows above `label`."""
    found = re.search(r">(\d+)</div>\s*" + re.escape(label), html)
    assert found, label
    return int(found.group(1))


def test_the_dashboard_shows_the_dossier_figures(demo, client):
    """Every figure of the dashboard, counted here in Python from the demo's dossiers (the administrator sees
    them all), not through the dashboard's own queries."""
    client.login(username="admin", password=DEMO_PASSWORD)
    html = client.get("/admin/").content.decode()
    assert "Tình hình giải quyết hồ sơ" in html
    now, today = timezone.now(), timezone.localdate()
    dossiers = list(Dossier.objects.all())
    opened = [
        d for d in dossiers if d.status not in (3, 7, 8, 10)
    ]  # not refused, withdrawn, stopped, returned
    expected = {
        "Tiếp nhận hôm nay": sum(
            timezone.localdate(d.received_at) == today for d in dossiers if d.received_at
        ),
        "Chờ tiếp nhận (trực tuyến)": sum(d.status == 1 for d in opened),
        "Đang xử lý": sum(d.status in (2, 4) for d in opened),
        "Chờ bổ sung / nghĩa vụ tài chính": sum(d.status in (5, 6) for d in opened),
        "Sắp đến hạn (2 ngày)": sum(
            bool(d.due_at) and now <= d.due_at < now + dt.timedelta(days=2) for d in opened
        ),
        "Quá hạn": sum(bool(d.due_at) and d.due_at < now and d.paused_at is None for d in opened),
        "Chờ trả kết quả": sum(d.status == 9 for d in opened),
    }
    assert {label: _figure(html, label) for label in expected} == expected
    assert sum(expected.values()) > 0  # the demo has open dossiers: the figures are not all zero by default
    returned = [
        d for d in dossiers if d.status == 10 and d.received_at and d.received_at.date().year == today.year
    ]
    timeliness = [sum(d.timeliness == kind for d in returned) for kind in ("early", "on_time", "late")]
    assert (
        f"Năm nay đã trả {len(returned)} hồ sơ: {timeliness[0]} trước hạn, {timeliness[1]} đúng hạn, "
        f"{timeliness[2]} trễ hạn." in html
    )
    active = sum(p.status == "active" for p in Procedure.objects.all())
    assert f"Danh mục có {active} thủ tục đang áp dụng" in html and active >= 60


def test_api_token_command_prints_a_token(db, capsys):
    call_command("api_token", "ketnoi")
    token = capsys.readouterr().out.strip()
    assert len(token) == 40
    call_command("api_token", "ketnoi")
    assert capsys.readouterr().out.strip() == token
