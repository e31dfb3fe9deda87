"""Ninth round of citizen-question search (issue #15): a long name that holds every word of a question only
scattered among its many words is no sure answer; it is shown as the closest match ("gần đúng nhất").
"""

from catalog.services import Quality, search_catalog
from catalog.services.search import SCATTER_MIN_WORDS, SCATTER_SPAN, _scattered
from tests.factories import ProcedureFactory

# A real name's shape (1.013980, seventy words): every word of "đổi số tài khoản ngân hàng với cơ quan thuế"
# is in it, none of them where the question has them.
LONG_NAME = (
    "Đăng ký biến động đối với trường hợp thay đổi quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất "
    "theo thỏa thuận của các bên trong hợp đồng thế chấp tại ngân hàng, theo quyết định của cơ quan có thẩm "
    "quyền về giải quyết tranh chấp, khiếu nại, tố cáo, kết quả đấu giá, khoản nợ thuế, số hóa"
)


def test_words_scattered_over_a_long_name_are_found_by_the_shortest_run():
    name = ("a " + "x " * SCATTER_MIN_WORDS + "b").split()
    assert _scattered(name, ["a", "b"], complete=True)
    assert not _scattered(name, ["x", "b"], complete=True)  # side by side at the end
    # The last word, still being typed, is a beginning.
    begun = ["a"] + ["x"] * SCATTER_MIN_WORDS + ["bcd"]
    assert _scattered(begun, ["a", "b"], complete=False)
    assert not _scattered(begun, ["a", "b"], complete=True)  # "b" is not "bcd": not every word, not judged
    # A short name may order the words as it likes.
    assert not _scattered(["a", "x", "x", "x", "x", "x", "x", "b"], ["a", "b"], complete=True)
    # Within SCATTER_SPAN words per word asked is near enough.
    run = ["a"] + ["x"] * (2 * SCATTER_SPAN - 2) + ["b"]
    assert not _scattered(["y"] * SCATTER_MIN_WORDS + run, ["a", "b"], complete=True)
    assert _scattered(["y"] * SCATTER_MIN_WORDS + run[:1] + ["x"] + run[1:], ["a", "b"], complete=True)
    # A name without every word (the aliases held the question) is not judged.
    assert not _scattered(name, ["a", "q"], complete=True)


def test_a_long_name_holding_the_words_scattered_is_the_closest_match_not_the_answer(db):
    ProcedureFactory(code="1.013980", name=LONG_NAME)
    ProcedureFactory(code="1.002000", name="Cấp giấy phép lái xe")
    asked = "đổi số tài khoản ngân hàng đã đăng ký với cơ quan thuế"
    found = search_catalog(asked)
    assert found.procedures[0].code == "1.013980"
    assert found.quality == Quality.CLOSE

    # The procedure that says it, in few words, is the answer.
    ProcedureFactory(code="1.009825", name="Thay đổi số tài khoản ngân hàng đã đăng ký với cơ quan thuế")
    found = search_catalog(asked)
    assert found.procedures[0].code == "1.009825"
    assert found.quality == Quality.EXACT
