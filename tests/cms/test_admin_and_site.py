"""The site and the admin a province sees the first time: every main page renders with the demo data."""

import datetime as dt
import importlib
import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import APIToken

from catalog.models import AgencyLevel, Procedure
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
    client.force_login(User.objects.get(username="admin"))
    response = client.get(url, follow=True)
    assert response.status_code == 200


def test_no_admin_page_sends_an_officers_email_hash_to_gravatar(demo, client):
    """The avatar in the sidebar and on the account page is Wagtail's own, never fetched from Gravatar."""
    client.force_login(User.objects.get(username="admin"))
    for url in ("/admin/", "/admin/account/", "/admin/users/"):
        html = client.get(url).content.decode()
        assert "avatar" in html and "gravatar" not in html.lower(), url


def _figure(html: str, label: str) -> int:
    """The number the dashboard shows above `label`."""
    found = re.search(r">(\d+)</div>\s*" + re.escape(label), html)
    assert found, label
    return int(found.group(1))


def test_the_dashboard_shows_the_dossier_figures(demo, client):
    """Every figure of the dashboard, counted here in Python from the demo's dossiers (the administrator sees
    them all), not through the dashboard's own queries."""
    client.force_login(User.objects.get(username="admin"))
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


def test_api_token_command_prints_a_new_token_once_and_stores_only_its_digest(db, capsys, client):
    call_command("api_token", "ketnoi")
    token = capsys.readouterr().out.strip()
    stored = APIToken.objects.get(user__username="ketnoi")
    assert token.startswith(stored.prefix) and len(stored.prefix) < len(token) // 2
    assert not APIToken.objects.filter(key_hash=token).exists() and token not in str(stored.__dict__)
    call_command("api_token", "ketnoi")
    assert capsys.readouterr().out.strip() != token  # shown once: a second run issues another
    assert client.get("/api/v1/dossiers/x/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 404
    assert client.get("/api/v1/dossiers/x/", HTTP_AUTHORIZATION="Token nope").status_code == 401
    stored.revoke()
    assert client.get("/api/v1/dossiers/x/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401


def test_tokens_issued_before_keep_working_but_lose_their_clear_key(db, client):
    from django.apps import apps
    from rest_framework.authtoken.models import Token

    migration = importlib.import_module("cms.migrations.0004_api_tokens_hashed")
    old = Token.objects.create(user=User.objects.create(username="tichhop"))
    migration.hash_old_tokens(apps, None)
    assert not Token.objects.exists()
    assert old.key not in str(list(APIToken.objects.values()))
    assert client.get("/api/v1/dossiers/x/", HTTP_AUTHORIZATION=f"Token {old.key}").status_code == 404


def test_an_administrator_issues_a_token_in_the_admin_and_sees_it_once(db, client):
    admin = User.objects.create_superuser("quantri", password="x")
    client.force_login(admin)
    response = client.post("/admin/api-tokens/new/", {"name": "Cổng quốc gia", "user": admin.pk}, follow=True)
    assert response.status_code == 200
    token = APIToken.objects.get(name="Cổng quốc gia")
    assert token.prefix in response.content.decode()


def test_the_demo_password_never_goes_to_a_redirected_output(db, monkeypatch, caplog):
    """Issue 11 item 6: `make run > server.log` wrote the administrator's password into the log file."""
    from cms.management.commands import load_demo

    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "mat-khau-bi-mat-42")
    shown = []
    monkeypatch.setattr(load_demo, "write_to_terminal", lambda line: shown.append(line) or True)
    log_file = io.StringIO()  # what a redirected stdout is: not a terminal
    call_command("load_demo", stdout=log_file, stderr=log_file)
    assert "mat-khau-bi-mat-42" not in log_file.getvalue() and "mat-khau-bi-mat-42" not in caplog.text
    assert "admin" in log_file.getvalue()
    assert any("mat-khau-bi-mat-42" in line for line in shown)  # on the terminal
