"""The batched engine under the Resources: the stock skip_diff trap, row errors from widgets, writes."""

from __future__ import annotations

import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext
from import_export import resources

from catalog.models import Procedure, ProcedureChannel
from importers.bulk import land
from importers.profiles.base import ProfileRow
from importers.resources import ProcedureResource
from tests.factories import ProcedureFactory


def _rows(*dicts):
    return [ProfileRow(row=i + 2, data=d) for i, d in enumerate(dicts)]


def test_skip_diff_turns_the_stock_skip_unchanged_off_but_not_ours(province):
    """django-import-export's trap: with skip_diff=True its skip_row never skips, whatever skip_unchanged says."""
    ProcedureFactory(code="1.000001", name="Một")

    class Stock(resources.ModelResource):
        class Meta:
            model = Procedure
            fields = ["code", "name"]
            import_id_fields = ["code"]
            skip_unchanged = True
            skip_diff = True

    dataset = tablib.Dataset(["1.000001", "Một"], headers=["code", "name"])
    assert Stock().import_data(dataset, dry_run=True).totals["update"] == 1  # rewritten although unchanged
    rows = _rows({"code": "1.000001", "name": "Một"})
    land(ProcedureResource(), rows, lambda r: r.data, dry_run=True)
    assert ProcedureResource._meta.skip_diff and rows[0].action == "unchanged"


def test_unchanged_changed_and_new_rows_are_told_apart_and_only_the_changed_written(province):
    old = ProcedureFactory(code="1.000001", name="Một", agency=province["construction"])
    ProcedureFactory(code="1.000002", name="Hai")
    rows = _rows(
        {"code": "1.000001", "name": "Một", "agency": "000.00.12.H22"},
        {"code": "1.000002", "name": "Hai (sửa)"},
        {"code": "1.000003", "name": "Ba", "levels": "province,commune"},
    )
    before = old.updated_at
    land(ProcedureResource(), rows, lambda r: {**r.data, "status": "active"}, dry_run=False)
    assert [r.action for r in rows] == ["unchanged", "update", "create"]
    assert Procedure.objects.get(code="1.000001").updated_at == before
    assert Procedure.objects.get(code="1.000002").name == "Hai (sửa)"
    assert sorted(Procedure.objects.get(code="1.000003").levels.values_list("code", flat=True)) == [
        "commune", "province",
    ]  # fmt: skip


def test_a_dry_run_decides_the_same_and_writes_nothing(province):
    ProcedureFactory(code="1.000002", name="Hai")
    rows = _rows({"code": "1.000002", "name": "Hai (sửa)"}, {"code": "1.000003", "name": "Ba"})
    land(ProcedureResource(), rows, lambda r: r.data, dry_run=True)
    assert [r.action for r in rows] == ["update", "create"]
    assert list(Procedure.objects.values_list("code", "name")) == [("1.000002", "Hai")]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("agency", "000.99.99.H22", "Không có cơ quan mã “000.99.99.H22” trong danh mục."),
        ("levels", "province,county", "Không có cấp thực hiện “county” trong danh mục."),
        ("processing_time_unit", "fortnight", "Giá trị 'fortnight' không phải là lựa chọn hợp lệ."),
    ],
)
def test_a_value_the_resource_refuses_is_an_error_on_its_row_and_cell(province, column, value, message):
    rows = _rows({"code": "1.000001", "name": "Một"}, {"code": "1.000002", "name": "Hai", column: value})
    land(ProcedureResource(), rows, lambda r: r.data, dry_run=True, letters={column: "F"})
    assert not rows[0].errors
    assert [(e["row"], e["column"]) for e in rows[1].errors] == [(3, "F")]
    assert rows[1].errors[0]["message"] == message


def test_a_channel_is_written_only_when_its_values_change(province):
    ProcedureFactory(code="1.000001", name="Một")
    row = {"code": "1.000001", "name": "Một", "fee_text": "Miễn phí", "processing_time_text": "05 ngày"}
    land(ProcedureResource(), _rows(row), lambda r: r.data, dry_run=False)
    rows = _rows({**row, "name": "Một (sửa)"})
    with CaptureQueriesContext(connection) as queries:
        land(ProcedureResource(), rows, lambda r: r.data, dry_run=False)
    assert rows[0].action == "update"
    assert not [q for q in queries if q["sql"].startswith('UPDATE "catalog_procedurechannel"')]
    land(
        ProcedureResource(), _rows({**row, "fee_text": "Lệ phí: 8.000 đồng"}), lambda r: r.data, dry_run=False
    )
    channel = ProcedureChannel.objects.get(procedure__code="1.000001", channel="direct")
    assert (channel.fee_text, channel.fees[0]["amount"]) == ("Lệ phí: 8.000 đồng", "8000")


def test_updated_procedures_reach_the_search_index_with_its_columns_loaded(province, monkeypatch):
    """A column the index reads but the import left deferred would cost one query per row (OpenSearch)."""
    ProcedureFactory(code="1.000001", name="Một")
    indexed = {field.field_name for field in Procedure.search_fields}
    deferred = []
    monkeypatch.setattr(
        "importers.resources.index_procedures",
        lambda procedures: deferred.extend(p.get_deferred_fields() & indexed for p in procedures),
    )
    land(ProcedureResource(), _rows({"code": "1.000001", "name": "Hai"}), lambda r: r.data, dry_run=False)
    assert deferred == [set()]
