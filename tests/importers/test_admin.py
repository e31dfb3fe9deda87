"""The admin pipeline as an editor uses it: upload → preview → confirm → done, the progress JSON, history."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import Procedure
from importers.models import ImportRun
from importers.progress import set_progress
from tests.factories import UserFactory
from tests.reading.factory import write_rows

HEADER = [
    "STT",
    "Mã số TTHC",
    "Tên thủ tục hành chính",
    "Cơ quan thực hiện",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
]
ROWS = [
    [1, "1.009994", "Cấp giấy phép xây dựng mới", "Sở Xây dựng", "15 ngày làm việc", "Lệ phí: 75.000 đồng"],
    [2, "1.001193", "Đăng ký khai sinh", "Sở Tư pháp", "Theo quy định", "Miễn lệ phí"],
]


@pytest.fixture
def editor(db, client):
    user = UserFactory(username="kiemsoat", perms=["wagtailadmin.access_admin", "importers.add_importrun"])
    client.force_login(user)
    return user


def _upload(client, data: bytes, name: str = "danh-muc.xlsx", **extra):
    return client.post(
        reverse("importers_admin:upload"),
        {"file": SimpleUploadedFile(name, data), "profile": "auto", **extra},
    )


@pytest.fixture
def appendix(tmp_path) -> bytes:
    return write_rows(tmp_path / "danh-muc.xlsx", [HEADER, *ROWS]).read_bytes()


def test_upload_preview_confirm_done(client, editor, province, appendix):
    response = _upload(client, appendix)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("importers_admin:run", args=[run.pk])
    assert run.status == ImportRun.Status.PREVIEW and run.created_by == editor
    assert not Procedure.objects.exists()  # the preview is a dry run

    page = client.get(response.url).content.decode()
    assert "Thêm mới: <strong>2</strong>" in page and "Xác nhận ghi dữ liệu" in page
    # A warning names its cell; the parsed value sits beside the text as typed.
    assert "<td>E3</td><td>Chưa hiểu được thời hạn “Theo quy định”; giữ nguyên văn.</td>" in page
    assert "Lệ phí: 75.000 đồng" in page and "working_day" in page

    progress = client.get(reverse("importers_admin:progress", args=[run.pk])).json()
    assert (progress["status"], progress["percent"], progress["done"], progress["total"]) == (
        "preview",
        100,
        2,
        2,
    )

    response = client.post(reverse("importers_admin:confirm", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and (run.created, run.updated, run.error_count) == (2, 0, 0)
    assert run.duration is not None and run.finished_at >= run.started_at
    assert Procedure.objects.get(code="1.009994").agency == province["construction"]

    history = client.get(reverse("importers_admin:upload")).content.decode()
    assert "danh-muc.xlsx" in history and "Hoàn tất" in history and "kiemsoat" in history
    assert f"{run.duration_seconds:.1f} giây".replace(".", ",") in history  # Vietnamese decimal comma
    kept = client.get(reverse("importers_admin:file", args=[run.pk]))
    assert b"".join(kept.streaming_content) == appendix


def test_progress_json_reports_rows_done_while_a_job_runs(client, editor, province, appendix):
    run = ImportRun.objects.create(filename="x.xlsx", sha256="0" * 64, status=ImportRun.Status.APPLYING)
    set_progress(run, 1200, 5000, "applying")
    progress = client.get(reverse("importers_admin:progress", args=[run.pk])).json()
    assert progress == {
        "status": "applying", "label": "Đang ghi dữ liệu", "done": 1200, "total": 5000, "phase": "applying",
        "percent": 24, "message": "", "stale": False,
    }  # fmt: skip


def test_a_bad_file_shows_its_reason_and_can_be_retried(client, editor, province, tmp_path):
    response = _upload(client, b"STT;Ma\n1;1.001234\n")
    run = ImportRun.objects.get()
    page = client.get(response.url).content.decode()
    assert run.status == ImportRun.Status.FAILED
    assert "Tệp không phải là bảng tính Excel hợp lệ" in page and "Chạy lại" in page
    assert not Procedure.objects.exists()
    client.post(reverse("importers_admin:retry", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and run.attempts == 0  # the same file fails the same way


def test_row_errors_are_listed_by_cell_and_the_run_cannot_be_confirmed(client, editor, province, tmp_path):
    data = write_rows(tmp_path / "x.xlsx", [HEADER, [1, "1.23", "Mã sai"], [2, "1.001193", ""]]).read_bytes()
    response = _upload(client, data)
    page = client.get(response.url).content.decode()
    assert "<td>B2</td>" in page and "<td>C3</td>" in page and "Thiếu tên thủ tục." in page
    run = ImportRun.objects.get()
    client.post(reverse("importers_admin:confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and not Procedure.objects.exists()


def test_the_size_limit_is_checked_in_the_form(client, editor, province, appendix, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = _upload(client, appendix)
    assert response.status_code == 200
    assert "Tệp vượt quá dung lượng cho phép (0.0976562 KB)." in response.content.decode()
    assert not ImportRun.objects.exists()


def test_uploading_the_same_file_while_it_is_processed_opens_that_run(client, editor, province, appendix):
    busy = ImportRun.objects.create(
        filename="danh-muc.xlsx",
        sha256=hashlib.sha256(appendix).hexdigest(),
        status=ImportRun.Status.READING,
    )
    set_progress(busy, 0, 2, "reading")
    response = _upload(client, appendix)
    assert response.url == reverse("importers_admin:run", args=[busy.pk])
    assert ImportRun.objects.count() == 1


def test_without_the_permission_nothing_is_reachable(client, db, appendix):
    client.force_login(UserFactory(username="xem", perms=["wagtailadmin.access_admin"]))
    run = ImportRun.objects.create(filename="x.xlsx", sha256="1" * 64)
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    for response in (
        client.get(reverse("importers_admin:upload")),
        _upload(client, appendix),
        client.get(reverse("importers_admin:progress", args=[run.pk])),
        client.get(reverse("importers_admin:file", args=[run.pk])),
        client.post(reverse("importers_admin:confirm", args=[run.pk])),
    ):
        assert (response.status_code, response.url) == (302, "/admin/")
    assert list(ImportRun.objects.all()) == [run]


def test_the_history_listing_opens_each_run_on_its_page_with_counts_and_duration(
    client, editor, province, appendix
):
    editor.user_permissions.add(*_perms("importers.view_importrun", "importers.change_importrun"))
    _upload(client, appendix)
    run = ImportRun.objects.get()
    client.post(reverse("importers_admin:confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and run.duration_seconds is not None
    page = client.get(reverse("importers_admin:index")).content.decode()
    assert f'href="{reverse("importers_admin:run", args=[run.pk])}"' in page
    assert "danh-muc.xlsx" in page and f"{run.duration_seconds:.1f} giây" in page


def _perms(*names: str):
    from django.contrib.auth.models import Permission

    return [
        Permission.objects.get(content_type__app_label=n.split(".")[0], codename=n.split(".")[1])
        for n in names
    ]


def test_the_run_pages_are_views_of_the_history_viewset_and_old_addresses_lead_there(client, editor):
    editor.user_permissions.add(*_perms("importers.view_importrun", "importers.change_importrun"))
    run = ImportRun.objects.create(filename="x.xlsx", sha256="2" * 64, status=ImportRun.Status.PREVIEW)
    assert reverse("importers_admin:upload") == "/admin/nhap-phu-luc/"
    assert reverse("importers_admin:run", args=[run.pk]) == f"/admin/nhap-phu-luc/{run.pk}/"
    assert reverse("importers_admin:edit", args=[run.pk]) == f"/admin/nhap-phu-luc/edit/{run.pk}/"
    assert client.get(reverse("importers_admin:confirm", args=[run.pk])).status_code == 405
    old = client.get("/admin/importrun/?q=x")
    assert (old.status_code, old.url) == (308, "/admin/nhap-phu-luc/lich-su/?q=x")
    old = client.get(f"/admin/importrun/inspect/{run.pk}/")
    assert (old.status_code, old.url) == (308, f"/admin/nhap-phu-luc/inspect/{run.pk}/")
    assert client.get(old.url).status_code == 200
    assert run.filename in client.get("/admin/importrun/", follow=True).content.decode()
