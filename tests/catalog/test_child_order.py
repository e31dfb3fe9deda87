"""A procedure's rows keep the order of their source: channels, steps, components, legal bases.

CI on PostgreSQL caught the record writer saving them without a position: ordered by a column of NULLs,
PostgreSQL returned a procedure's online channel (free) before the direct one (75,000 đồng), and could have
shuffled the steps of "trình tự thực hiện" just as well. SQLite happened to return them as inserted.
"""

import importlib

from django.apps import apps

from catalog.models import DecisionItem, LegalBasis, ProcedureChannel, ProcedureStep
from catalog.services import upsert_procedure
from tests.factories import DecisionFactory

backfill = importlib.import_module("catalog.migrations.0018_backfill_child_row_order").backfill

RECORD = {
    "code": "1.009994",
    "name": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
    "channels": [
        {"channel": "direct", "processing_time": "15 ngày làm việc", "fees": "75.000 đồng/giấy phép"},
        {"channel": "online", "processing_time": "15 ngày làm việc", "fees": "Miễn phí"},
        {"channel": "postal", "processing_time": "15 ngày làm việc", "fees": "75.000 đồng/giấy phép"},
    ],
    "steps": ["Nộp hồ sơ", "", "Thẩm định hồ sơ", "Trả kết quả"],
    "components": [
        {"name": "Đơn đề nghị"},
        {"name": ""},
        {"name": "Bản vẽ thiết kế"},
        {"name": "Giấy tờ đất"},
    ],
    "legal_basis": [{"number": "50/2014/QH13"}, {"number": "62/2020/QH14"}],
}


def listing(procedure, related: str, attr: str) -> list:
    return list(getattr(procedure, related).values_list("sort_order", attr))


def test_the_record_writer_numbers_the_rows_in_the_sources_order(db):
    procedure, _created = upsert_procedure(RECORD)
    assert listing(procedure, "channels", "channel") == [(0, "direct"), (1, "online"), (2, "postal")]
    # Blank entries are dropped without leaving a gap.
    assert listing(procedure, "steps", "text") == [
        (0, "Nộp hồ sơ"),
        (1, "Thẩm định hồ sơ"),
        (2, "Trả kết quả"),
    ]
    assert listing(procedure, "components", "name") == [
        (0, "Đơn đề nghị"),
        (1, "Bản vẽ thiết kế"),
        (2, "Giấy tờ đất"),
    ]
    assert listing(procedure, "legal_basis", "number") == [(0, "50/2014/QH13"), (1, "62/2020/QH14")]

    # An amendment that reorders the steps is read back in its order.
    procedure, _created = upsert_procedure({**RECORD, "steps": ["Trả kết quả", "Nộp hồ sơ"]})
    assert [s.text for s in procedure.steps.all()] == ["Trả kết quả", "Nộp hồ sơ"]


def test_the_migration_places_the_rows_written_without_a_position_by_their_ids(db):
    procedure, _created = upsert_procedure(RECORD)
    other, _created = upsert_procedure({**RECORD, "code": "1.000001", "steps": ["Một", "Hai"]})
    ProcedureChannel.objects.update(sort_order=None)
    ProcedureStep.objects.filter(procedure=procedure).update(sort_order=None)
    # A procedure whose legal bases were already placed, in an order that is not their ids'.
    first, second = LegalBasis.objects.filter(procedure=other).order_by("pk")
    LegalBasis.objects.filter(pk=first.pk).update(sort_order=5)
    LegalBasis.objects.filter(pk=second.pk).update(sort_order=1)
    decision = DecisionFactory()
    for code in ("1.000003", "1.000002"):
        DecisionItem.objects.create(decision=decision, kind="new", code=code, name=code)

    backfill(apps, None)

    assert listing(procedure, "channels", "channel") == [(0, "direct"), (1, "online"), (2, "postal")]
    assert listing(procedure, "steps", "text") == [
        (0, "Nộp hồ sơ"),
        (1, "Thẩm định hồ sơ"),
        (2, "Trả kết quả"),
    ]
    assert listing(other, "steps", "text") == [(0, "Một"), (1, "Hai")]
    assert listing(other, "legal_basis", "number") == [(1, "62/2020/QH14"), (5, "50/2014/QH13")]
    assert list(decision.items.values_list("sort_order", "code")) == [(0, "1.000003"), (1, "1.000002")]
