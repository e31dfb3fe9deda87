"""The pipeline under trouble: two uploads at once, a dead worker, a crash in the middle of an apply."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import QuerySet
from django.utils import timezone

from catalog.models import Procedure, ProcedureChannel
from importers import bulk, services
from importers.models import ImportRun, ImportUndo
from importers.progress import clear_progress, is_stale
from importers.tasks import apply_import, preview_import
from tests.importers.conftest import crash_on
from tests.reading.factory import write_rows

HEADER = ["STT", "Mã số TTHC", "Tên thủ tục hành chính", "Thời hạn giải quyết", "Phí, lệ phí"]


@pytest.fixture
def content(tmp_path) -> bytes:
    rows = [[i, f"1.{i:06d}", f"Thủ tục số {i}", "05 ngày làm việc", "Miễn phí"] for i in range(1, 9)]
    return write_rows(tmp_path / "danh-muc.xlsx", [HEADER, *rows]).read_bytes()


def _make_stale(run: ImportRun) -> None:
    """What a killed worker leaves: no heartbeat for longer than STALE_AFTER."""
    clear_progress(run)
    ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    run.refresh_from_db()


def test_two_uploads_of_the_same_file_at_once_share_one_run(content, province):
    first = services.create_run(content, "danh-muc.xlsx")
    second = services.create_run(content, "ban-sao.xlsx")
    assert second.pk == first.pk and ImportRun.objects.count() == 1


def test_the_database_constraint_settles_a_race_the_first_check_missed(content, province, monkeypatch):
    first = services.create_run(content, "danh-muc.xlsx")
    # Both requests looked before either inserted: the second one's insert hits the partial unique index.
    monkeypatch.setattr(QuerySet, "first", lambda self: None)
    second = services.create_run(content, "danh-muc.xlsx")
    assert second.pk == first.pk and ImportRun.objects.count() == 1


def test_the_same_file_under_another_profile_or_once_finished_is_a_new_run(content, province):
    first = services.create_run(content, "a.xlsx")
    assert services.create_run(content, "a.xlsx", profile="catalog").pk != first.pk
    services.preview_run(first.pk)
    assert services.create_run(content, "a.xlsx").pk != first.pk


def test_a_stale_run_does_not_block_the_next_upload(content, province):
    dead = services.create_run(content, "danh-muc.xlsx")
    ImportRun.objects.filter(pk=dead.pk).update(status=ImportRun.Status.READING)
    dead.refresh_from_db()
    assert not is_stale(dead)
    _make_stale(dead)
    assert is_stale(dead)
    fresh = services.create_run(content, "danh-muc.xlsx")
    assert fresh.pk != dead.pk
    dead.refresh_from_db()
    assert dead.status == ImportRun.Status.FAILED and "gián đoạn" in dead.message
    assert services.preview_run(fresh.pk).status == ImportRun.Status.PREVIEW


def test_a_failed_run_can_be_retried_from_its_preview(content, province):
    run = services.create_run(content, "danh-muc.xlsx")
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED)
    run, job = services.retry_run(run.pk)
    assert (run.status, job) == (ImportRun.Status.QUEUED, "preview")
    assert services.preview_run(run.pk).status == ImportRun.Status.PREVIEW
    assert services.retry_run(run.pk)[1] is None  # nothing to retry in a healthy preview


class Killed(BaseException):
    """What the worker process dying looks like from inside: nothing after it runs, no cleanup."""


def test_a_crash_mid_apply_writes_nothing_and_the_run_can_be_confirmed_again(content, province, monkeypatch):
    run = services.create_run(content, "danh-muc.xlsx")
    preview_import(run.pk)
    monkeypatch.setattr(bulk, "BATCH_ROWS", 2)  # batches of two: three batches are written before row 7
    crash_on(monkeypatch, 7, RuntimeError("ổ đĩa đầy"))
    apply_import(run.pk)  # the job records the crash; the worker goes on
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEW and "đã được hoàn tác" in run.message
    # Three batches had been committed (each its own short transaction); the run's journal undid them.
    assert not Procedure.objects.exists() and not ProcedureChannel.objects.exists()
    assert not ImportUndo.objects.exists()
    monkeypatch.undo()
    apply_import(run.pk)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and run.attempts == 2
    assert Procedure.objects.count() == 8 and ProcedureChannel.objects.count() == 8


def test_a_worker_killed_mid_apply_leaves_nothing_and_its_stale_run_is_retried(
    content, province, monkeypatch
):
    run = services.create_run(content, "danh-muc.xlsx")
    services.preview_run(run.pk)
    monkeypatch.setattr(bulk, "BATCH_ROWS", 2)
    crash_on(monkeypatch, 5, Killed())
    with pytest.raises(Killed):
        services.apply_run(run.pk)
    monkeypatch.undo()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.APPLYING  # the dead worker could not clean up:
    assert Procedure.objects.count() == 4  # its first two batches were committed, short transactions
    assert services.retry_run(run.pk)[1] is None  # still within its heartbeat: not yet dead
    _make_stale(run)
    run, job = services.retry_run(run.pk)
    assert job == "apply"
    run = services.apply_run(run.pk)  # undoes the dead run's batches, counts the crash, applies again
    assert run.status == ImportRun.Status.DONE and Procedure.objects.count() == 8
    assert run.crashes == 1 and not ImportUndo.objects.exists()


def test_progress_moves_while_the_apply_runs(content, province, monkeypatch):
    seen = []
    original = services.set_progress
    monkeypatch.setattr(services, "set_progress", lambda run, done, total, phase: (
        seen.append((phase, done, total)), original(run, done, total, phase)))  # fmt: skip
    monkeypatch.setattr(bulk, "BATCH_ROWS", 3)
    run = services.create_run(content, "danh-muc.xlsx")
    services.preview_run(run.pk)
    services.apply_run(run.pk)
    applying = [(done, total) for phase, done, total in seen if phase == "applying"]
    assert applying == [(3, 8), (6, 8), (8, 8)]
    assert ("reading", 0, 0) in seen and ("checking", 8, 8) in seen
    run.refresh_from_db()
    assert services.progress_of(run)["percent"] == 100
