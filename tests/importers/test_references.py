"""Bulk imports refresh Wagtail's reference index for the procedures they write (issue 12 item 4): the
agency's usage lists them, and an undone apply puts the references back with the columns."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ReferenceIndex

from catalog.models import Procedure
from importers import bulk, services
from importers.models import ImportRun
from tests.importers.conftest import crash_on
from tests.reading.factory import write_rows

HEADER = ["STT", "Mã số TTHC", "Tên thủ tục hành chính", "Cơ quan thực hiện"]


def _preview(tmp_path, name: str, agency: str, count: int = 6) -> ImportRun:
    rows = [[i, f"1.{i:06d}", f"Thủ tục số {i}", agency] for i in range(1, count + 1)]
    run = services.create_run(write_rows(tmp_path / name, [HEADER, *rows]).read_bytes(), name)
    return services.preview_run(run.pk)


def _apply(tmp_path, name: str, agency: str, count: int = 6) -> ImportRun:
    return services.apply_run(_preview(tmp_path, name, agency, count).pk)


def _usage() -> dict[str, set[str]]:
    """Agency identifier → codes of the procedures the reference index says name it."""
    procedure_type = ContentType.objects.get_for_model(Procedure)
    codes = dict(Procedure.objects.values_list("pk", "code"))
    usage: dict[str, set[str]] = {}
    for reference in ReferenceIndex.objects.filter(base_content_type=procedure_type, model_path="agency"):
        agency = reference.to_content_type.get_object_for_this_type(pk=reference.to_object_id)
        usage.setdefault(agency.identifier, set()).add(codes[int(reference.object_id)])
    return usage


def test_imported_procedures_are_in_their_agencys_usage(tmp_path, province):
    assert _apply(tmp_path, "v1.xlsx", "Sở Xây dựng").status == ImportRun.Status.DONE
    assert _usage() == {"000.00.12.H22": {f"1.{i:06d}" for i in range(1, 7)}}
    assert _apply(tmp_path, "v2.xlsx", "Sở Tư pháp").status == ImportRun.Status.DONE
    assert _usage() == {"000.00.14.H22": {f"1.{i:06d}" for i in range(1, 7)}}  # moved, none left behind


def test_an_undone_apply_puts_the_references_back(tmp_path, province, monkeypatch):
    _apply(tmp_path, "v1.xlsx", "Sở Xây dựng", count=4)
    before = _usage()
    run = _preview(tmp_path, "v2.xlsx", "Sở Tư pháp")
    monkeypatch.setattr(bulk, "BATCH_ROWS", 2)
    crash_on(
        monkeypatch, 5, RuntimeError("mất kết nối")
    )  # two batches moved to another agency, then a failure
    with pytest.raises(RuntimeError):
        services.apply_run(run.pk)
    assert Procedure.objects.filter(agency__identifier="000.00.12.H22").count() == 4
    assert _usage() == before
