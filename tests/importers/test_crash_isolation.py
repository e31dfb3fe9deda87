"""Issue 11, item 1: a file that crashes the reader cannot take a process down, and cannot be retried forever.

The pre-parse checks refuse the known crafted files (tests/reading/test_crafted_extent.py); these tests
stand for the next parser bug nobody knows yet by switching the cell limit off, so that the 5 KB workbook
reaches calamine, which then asks for 512 GB and aborts — in the child process, never in the test's own.
"""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from catalog.models import Procedure
from importers import services
from importers.models import ImportRun
from importers.reading.containers import Limits
from importers.reading.isolation import ReaderCrashed, read_table_isolated
from tests.factories import UserFactory
from tests.reading import factory
from tests.reading.test_crafted_extent import FAR

HEADER = ["STT", "Mã số TTHC", "Tên thủ tục hành chính"]
NO_CELL_LIMIT = 10**13


@pytest.fixture
def evil(tmp_path):
    path = factory.hand_made_xlsx(tmp_path / "evil.xlsx", FAR, part="worksheets/sheet1.bin")
    return path


@pytest.fixture
def checks_off(monkeypatch):
    """The pre-parse cell limit switched off, as if the crafted file were a kind we do not know yet."""
    monkeypatch.setattr(services, "Limits", lambda **kw: Limits(**kw, max_cells=NO_CELL_LIMIT))


def test_the_reader_crashing_in_its_child_is_a_refusal_not_a_dead_process(evil):
    with pytest.raises(ReaderCrashed) as caught:
        read_table_isolated(evil.read_bytes(), "evil.xlsx", Limits(max_cells=NO_CELL_LIMIT), memory_mb=1024)
    assert caught.value.code == "reader_crashed"
    assert "dừng đột ngột" in caught.value.message_vi and "Chưa ghi dữ liệu nào" in caught.value.message_vi


def test_a_reader_over_its_time_is_stopped(tmp_path):
    path = factory.write_rows(tmp_path / "ok.xlsx", [HEADER, [1, "1.000001", "Thủ tục"]])
    with pytest.raises(ReaderCrashed) as caught:
        read_table_isolated(path.read_bytes(), "ok.xlsx", Limits(), timeout=0.01)
    assert caught.value.code == "read_timeout" and "giây" in caught.value.message_vi


def test_a_reader_over_its_memory_limit_is_stopped(tmp_path):
    # 1,000,000 rows x 100 columns: calamine would allocate 3.2 GB, which the machine has but the child may not.
    cells = f'<row r="1">{factory.inline_cell("A1", "STT")}</row><row r="1000000">{factory.inline_cell("CV1000000", "x")}</row>'
    path = factory.hand_made_xlsx(tmp_path / "big.xlsx", cells)
    with pytest.raises(ReaderCrashed) as caught:
        read_table_isolated(path.read_bytes(), "big.xlsx", Limits(max_cells=NO_CELL_LIMIT), memory_mb=1024)
    assert caught.value.code in ("read_memory", "reader_crashed")


def test_an_ordinary_file_reads_the_same_isolated_or_not(tmp_path):
    from importers.reading.profiles_spec import CATALOG
    from importers.reading.safety import open_workbook
    from importers.reading.table import find_table

    path = factory.write_rows(tmp_path / "ok.xlsx", [HEADER, [1, "1.000001", "Thủ tục"]], merges=["A5:B5"])
    direct = find_table(open_workbook(path), CATALOG).read()
    with read_table_isolated(path.read_bytes(), "ok.xlsx", Limits()) as isolated:
        assert list(isolated.data.records) == direct.records
        assert isolated.data.notes == direct.notes and isolated.data.last_row == direct.last_row


def test_import_appendix_exits_2_with_a_vietnamese_message_when_the_reader_crashes(
    evil, checks_off, run_command, province
):
    status, report = run_command(evil)
    assert status == 2
    assert "dừng đột ngột" in report["errors"][0]["message"]
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and run.crashes == 1
    assert not Procedure.objects.exists()


def test_a_run_that_crashed_twice_is_quarantined_and_cannot_be_retried(evil, checks_off, province):
    run = services.create_run(evil.read_bytes(), "evil.xlsx")
    services.preview_run(run.pk)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and run.crashes == 1 and "lần 1" in run.message
    run, job = services.retry_run(run.pk)  # one retry by hand is allowed …
    assert job == "preview"
    services.preview_run(run.pk)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.QUARANTINED and run.crashes == 2  # … the second crash quarantines
    assert "cách ly" in run.message and "không cho chạy lại" in run.message
    assert services.retry_run(run.pk) == (run, None)
    with pytest.raises(services.ImportFailed) as caught:  # the same file uploaded again is refused too
        services.create_run(evil.read_bytes(), "ten-khac.xlsx")
    assert caught.value.code == "quarantined"


def test_the_admin_shows_the_quarantine_and_refuses_the_retry(client, evil, checks_off, province):
    user = UserFactory(
        username="kiemsoat",
        perms=["wagtailadmin.access_admin", "importers.add_importrun", "importers.view_importrun"],
    )
    client.force_login(user)
    run = services.create_run(evil.read_bytes(), "evil.xlsx")
    ImportRun.objects.filter(pk=run.pk).update(crashes=1)
    services.preview_run(run.pk)
    history = client.get(reverse("importers_admin:index")).content.decode()
    assert "Cách ly (tệp làm hỏng trình đọc)" in history
    page = client.get(reverse("importers_admin:run", args=[run.pk])).content.decode()
    assert "không cho chạy lại" in page
    response = client.post(reverse("importers_admin:retry", args=[run.pk]), follow=True)
    assert "đã bị cách ly nên không thể chạy lại" in response.content.decode()
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.QUARANTINED
    assert hashlib.sha256(evil.read_bytes()).hexdigest() == run.sha256
