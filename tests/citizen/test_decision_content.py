"""Issue 13: a “new” decision item with no content (a code and a name alone) is refused before approval."""

from catalog.models import DecisionItem
from tests.factories import DecisionFactory


def test_a_new_item_with_empty_content_is_refused(db):
    decision = DecisionFactory()
    decision.items = [
        DecisionItem(
            kind="new", code="1.777001", name="Thủ tục chỉ có tên", data={"name": "Thủ tục chỉ có tên"}
        ),
        DecisionItem(
            kind="new",
            code="1.777002",
            name="Thủ tục đủ nội dung",
            data={"name": "Thủ tục đủ nội dung", "processing_time": "05 ngày làm việc"},
        ),
    ]
    decision.save()
    problems = decision.problems()
    assert any("1.777001" in p and "chưa có nội dung" in p for p in problems)
    assert not any("1.777002" in p for p in problems)
