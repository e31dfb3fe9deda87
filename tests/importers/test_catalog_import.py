"""The catalog profile: a list lands as procedures (channels, sectors, levels, search columns), a decision's
appendix becomes a draft decision; the same file twice writes nothing; a changed row writes only itself."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from catalog.models import Decision, Field, Procedure, ProcedureChannel
from catalog.parsing.text import fold
from importers.models import ImportRun
from tests.factories import ProcedureFactory
from tests.reading.factory import write_rows

HEADER = ["STT", "Mã số TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan thực hiện", "Cấp thực hiện",
          "Thời hạn giải quyết", "Phí, lệ phí", "Căn cứ pháp lý"]  # fmt: skip
ROWS = [
    [1, "1.009994", "Cấp giấy phép xây dựng mới", "Xây dựng", "Sở Xây dựng", "Cấp tỉnh", "15 ngày làm việc",
     "Lệ phí: 75.000 đồng/giấy phép", "Luật Xây dựng số 50/2014/QH13"],
    [2, "1.001193", "Đăng ký khai sinh", "Hộ tịch", "STP", "Cấp xã", "Trong ngày", "Miễn lệ phí",
     "Luật Hộ tịch số 60/2014/QH13"],
    [3, "2.000889", "Cấp bản sao trích lục hộ tịch", "Hộ tịch", "Sở Tư pháp", "Cấp tỉnh, Cấp huyện",
     "01 ngày làm việc", "8.000 đồng/bản sao", "Nghị định 123/2015/NĐ-CP"],
]  # fmt: skip


def _file(tmp_path, rows=ROWS, header=HEADER, name="danh-muc.xlsx"):
    return write_rows(tmp_path / name, [["DANH MỤC THỦ TỤC HÀNH CHÍNH"], header, *rows])


def test_a_list_lands_as_procedures_with_channel_sectors_levels_and_search_columns(
    tmp_path, province, run_command
):
    status, report = run_command(_file(tmp_path))
    assert status == 0 and report["errors"] == [] and report["created"] == 3
    record = report["records"][0]["data"]
    assert {"code", "name", "kind", "level", "field", "processing_time", "fee", "legal_basis"} <= set(record)
    assert record["processing_time"] == {"value": 15, "unit": "working_day", "text": "15 ngày làm việc"}
    assert (
        report["records"][0]["original"]["fee"] == "Lệ phí: 75.000 đồng/giấy phép"
    )  # beside the parsed value
    permit = Procedure.objects.get(code="1.009994")
    assert permit.agency == province["construction"]
    assert permit.processing_time_value == Decimal(15) and permit.processing_time_unit == "working_day"
    assert permit.search_name == "cap giay phep xay dung moi"
    assert permit.search_marks == "cấp giấy phép xây dựng mới"  # the words with their marks, for the ranking
    assert list(permit.fields.values_list("code", flat=True)) == ["xay-dung"]
    birth = Procedure.objects.get(code="1.001193")
    assert birth.agency == province["justice"]  # matched by the agency's short name "STP"
    assert list(birth.levels.values_list("code", flat=True)) == ["commune"]
    assert birth.fields.get().name == "Hộ tịch" and Field.objects.filter(name="Hộ tịch").count() == 1
    assert "ho tich" in birth.search_body
    copy = Procedure.objects.get(code="2.000889")
    assert sorted(copy.levels.values_list("code", flat=True)) == ["district", "province"]
    channel = ProcedureChannel.objects.get(procedure=permit, channel="direct")
    assert channel.processing_time_text == "15 ngày làm việc"
    assert channel.fees[0]["amount"] == "75000" and channel.fee_text == "Lệ phí: 75.000 đồng/giấy phép"
    # the public catalog finds it without diacritics
    page = Client().get("/thu-tuc/", {"q": "giay phep xay dung"}).content.decode()
    assert "Cấp giấy phép xây dựng mới" in page


def test_the_same_file_twice_writes_nothing_the_second_time(tmp_path, province, run_command):
    path = _file(tmp_path)
    run_command(path)
    stamps = dict(Procedure.objects.values_list("code", "updated_at"))
    channels = list(ProcedureChannel.objects.order_by("pk").values_list("pk", "fees"))
    status, report = run_command(path)
    assert status == 0 and (report["created"], report["updated"], report["unchanged"]) == (0, 0, 3)
    assert dict(Procedure.objects.values_list("code", "updated_at")) == stamps
    assert list(ProcedureChannel.objects.order_by("pk").values_list("pk", "fees")) == channels
    assert ImportRun.objects.filter(status=ImportRun.Status.DONE).count() == 2


def test_a_changed_row_writes_that_row_only(tmp_path, province, run_command):
    run_command(_file(tmp_path))
    stamps = dict(Procedure.objects.values_list("code", "updated_at"))
    changed = [list(r) for r in ROWS]
    changed[1][7] = "Lệ phí: 8.000 đồng"
    changed[2][5] = "Cấp huyện"  # a many-to-many change alone is a change too
    status, report = run_command(_file(tmp_path, changed, name="sua.xlsx"))
    assert status == 0 and (report["created"], report["updated"], report["unchanged"]) == (0, 2, 1)
    after = dict(Procedure.objects.values_list("code", "updated_at"))
    assert after["1.009994"] == stamps["1.009994"]
    assert after["1.001193"] > stamps["1.001193"] and after["2.000889"] > stamps["2.000889"]
    assert ProcedureChannel.objects.get(procedure__code="1.001193").fees[0]["amount"] == "8000"
    assert list(Procedure.objects.get(code="2.000889").levels.values_list("code", flat=True)) == ["district"]


def test_a_column_the_file_lacks_leaves_the_catalog_value_alone(tmp_path, province, run_command):
    ProcedureFactory(
        code="1.009994", name="Tên cũ", fee_text="Lệ phí: 100.000 đồng", agency=province["construction"]
    )
    path = write_rows(
        tmp_path / "ten.xlsx", [["STT", "Mã số TTHC", "Tên thủ tục hành chính"], [1, "1.009994", "Tên mới"]]
    )
    status, report = run_command(path)
    assert status == 0 and report["updated"] == 1
    procedure = Procedure.objects.get(code="1.009994")
    assert (procedure.name, procedure.fee_text, procedure.agency) == (
        "Tên mới",
        "Lệ phí: 100.000 đồng",
        province["construction"],
    )


def test_unknown_agencies_and_levels_are_warned_about_once_each(tmp_path, province, run_command):
    rows = [
        [i, f"1.00000{i}", f"Thủ tục {i}", "Xây dựng", "Bộ Xây dựng", "Cấp bộ", "", "", ""]
        for i in range(1, 4)
    ]
    status, report = run_command(_file(tmp_path, rows))
    assert status == 0
    assert [w["message"] for w in report["warnings"]] == [
        "Cơ quan “Bộ Xây dựng” chưa có trong danh mục cơ quan (dòng 3, 4, 5); các thủ tục này chưa được gắn cơ "
        "quan thực hiện.",
        "Cấp “ministry” không có trong danh mục cấp hành chính (dòng 3, 4, 5); bỏ qua.",
    ]
    assert Procedure.objects.filter(agency__isnull=True).count() == 3


def test_a_duplicate_code_is_skipped_with_a_warning(tmp_path, province, run_command):
    rows = [ROWS[0], [4, "1.009994", "Trùng mã", "", "", "", "", "", ""]]
    status, report = run_command(_file(tmp_path, rows))
    assert status == 0 and (report["created"], report["skipped"]) == (1, 1)
    assert report["warnings"][0] == {
        "row": 4,
        "column": "B",
        "message": "Mã 1.009994 đã có ở dòng 3; dòng này được bỏ qua.",
    }
    assert Procedure.objects.get().name == "Cấp giấy phép xây dựng mới"


def test_written_procedures_are_reindexed_through_the_catalog(tmp_path, province, run_command, monkeypatch):
    from catalog.services import index_procedures, search_procedures

    calls = []

    def spy(procedures):
        calls.append(sorted(p.pk for p in procedures))
        return index_procedures(procedures)

    monkeypatch.setattr("importers.resources.index_procedures", spy)
    run_command(_file(tmp_path))
    assert calls == [sorted(Procedure.objects.values_list("pk", flat=True))]
    # The instances it hands over are indexed as written: an accent-free query finds each one.
    for procedure in Procedure.objects.all():
        assert procedure in search_procedures(fold(procedure.name))
    run_command(_file(tmp_path))
    assert calls[1:] in ([], [[]])  # nothing written, nothing to index


DECISION_HEADER = [
    "STT",
    "Mã số TTHC",
    "Tên thủ tục hành chính",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Căn cứ pháp lý",
]
DECISION = [
    ["PHỤ LỤC"],
    ["DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH, SỬA ĐỔI, BỔ SUNG, BÃI BỎ"],
    ["(Kèm theo Quyết định số 1234/QĐ-UBND ngày 15/3/2025 của Chủ tịch UBND tỉnh Quảng Ninh)"],
    DECISION_HEADER,
    ["I. DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH"],
    ["A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH"],
    ["I", "Lĩnh vực Xây dựng"],
    [1, "1.009994", "Cấp giấy phép xây dựng mới", "15 ngày làm việc", "Lệ phí: 75.000 đồng", "Luật Xây dựng 2014"],
    ["B. THỦ TỤC HÀNH CHÍNH CẤP XÃ"],
    ["I", "Lĩnh vực Hộ tịch"],
    [2, "1.001193", "Đăng ký khai sinh", "Trong ngày", "Miễn lệ phí", "Luật Hộ tịch 2014"],
    ["II. DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG"],
    ["A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH"],
    [1, "2.000889", "Cấp lại giấy phép xây dựng", "05 ngày làm việc", "", ""],
    ["III. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ"],
    [1, "1.000123", "Thủ tục cũ", "", "", ""],
]  # fmt: skip


@pytest.fixture
def decision_file(tmp_path):
    merges = [f"A{i}:F{i}" for i, row in enumerate(DECISION, start=1) if len(row) == 1]
    return write_rows(tmp_path / "qd-1234.xlsx", DECISION, merges=merges)


def test_a_decision_appendix_becomes_a_draft_decision_with_its_items(decision_file, province, run_command):
    ProcedureFactory(code="2.000889", name="Cấp lại giấy phép xây dựng")
    status, report = run_command(decision_file)
    assert status == 0 and report["errors"] == []
    decision = Decision.objects.get()
    assert (decision.number, decision.live, decision.issuer) == ("1234/QĐ-UBND", False, province["top"])
    assert decision.issued.isoformat() == "2025-03-15"
    items = {i.code: i for i in decision.items.all()}
    assert {code: i.kind for code, i in items.items()} == {
        "1.009994": "new", "1.001193": "new", "2.000889": "amended", "1.000123": "abolished",
    }  # fmt: skip
    assert items["1.009994"].data["levels"] == ["province"] and items["1.009994"].data["fields"] == [
        "Xây dựng"
    ]
    assert items["1.001193"].data["levels"] == ["commune"] and items["1.001193"].data["fields"] == ["Hộ tịch"]
    assert items["1.000123"].data["levels"] == []  # part III closed the levels of part II
    assert decision.revisions.count() == 1  # a draft the editors submit to the catalog's workflow
    assert not Procedure.objects.filter(code="1.009994").exists()  # nothing applies before publication
    # 1.000123 is to be abolished but is not in the catalog: the editors are told before they submit.
    (warning,) = report["warnings"]
    assert (
        warning["row"] == 16 and "1.000123 chưa có trong danh mục nên chưa thể bãi bỏ" in warning["message"]
    )
    status, again = run_command(decision_file)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 4)
    assert decision.revisions.count() == 1 and Decision.objects.count() == 1


def test_a_dry_run_of_a_decision_writes_no_decision(decision_file, province, run_command):
    status, report = run_command(decision_file, "--dry-run")
    assert status == 0 and report["created"] == 4 and report["decision"]["number"] == "1234/QĐ-UBND"
    assert not Decision.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.CANCELLED


def test_timestamps_move_only_for_written_rows(tmp_path, province, run_command):
    started = timezone.now()
    run_command(_file(tmp_path))
    assert Procedure.objects.filter(updated_at__gte=started).count() == 3


def test_an_imported_row_is_written_as_upsert_procedure_writes_the_same_record(
    tmp_path, province, run_command
):
    """One write path's rules: the bulk import and `upsert_procedure` normalise a row alike (texts, time, fees,
    sector by name, agency by short name through the one resolver)."""
    from catalog.services import upsert_procedure

    status, _ = run_command(_file(tmp_path, rows=ROWS[1:2]))
    assert status == 0
    written, _ = upsert_procedure(
        {
            "code": "1.001194",
            "name": "Đăng ký khai sinh",
            "fields": ["Hộ tịch"],
            "agency": "STP",
            "levels": ["commune"],
            "channels": [{"channel": "direct", "processing_time": "Trong ngày", "fees": "Miễn lệ phí"}],
        }
    )
    imported = Procedure.objects.get(code="1.001193")
    columns = ["name", "agency_id", "processing_time_text", "processing_time_value", "processing_time_unit",
               "fee_text", "search_name", "search_marks", "search_body", "status"]  # fmt: skip
    assert {c: getattr(imported, c) for c in columns} == {c: getattr(written, c) for c in columns}
    assert written.agency == province["justice"] and imported.fields.get() == written.fields.get()
    assert Field.objects.filter(name="Hộ tịch").count() == 1
    channels = [ProcedureChannel.objects.get(procedure=p, channel="direct") for p in (imported, written)]
    assert channels[0].fees == channels[1].fees and channels[0].fees[0]["amount"] == "0"
