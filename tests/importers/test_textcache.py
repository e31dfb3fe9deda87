"""`fast_fold` must agree with the catalog's `fold` everywhere: the search compares what each writes."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.parsing import fold
from importers.textcache import fast_fold, memo

VIETNAMESE = "ẮẰẲẴẶĂẤẦẨẪẬÂÁÀÃẢẠĐẾỀỂỄỆÊÉÈẺẼẸÍÌỈĨỊỐỒỔỖỘÔỚỜỞỠỢƠÓÒỎÕỌỨỪỬỮỰƯÚÙỦŨỤÝỲỶỸỴ"
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(VIETNAMESE + VIETNAMESE.lower() + " ,.;:-–()/\n\u00a0\u200b"),
        st.characters(),  # anything: combining marks, compatibility forms, other scripts
    ),
    max_size=40,
)


@settings(max_examples=600, deadline=None)
@given(TEXT)
def test_fast_fold_equals_fold_in_nfc_and_nfd(text):
    assert fast_fold(text) == fold(text)
    assert fast_fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFD", text))


def test_known_traps():
    for text in ["Cấp giấy phép xây dựng", "ĐĂNG KÝ", "㉃ ẛ ǉ", "ﬁ", "a\u0301b", "x\u0f71y", "½", ""]:
        assert fast_fold(text) == fold(text), text


def test_memo_remembers_by_argument():
    calls = []
    double = memo(lambda x: calls.append(x) or x * 2)
    assert [double(2), double(2), double(3)] == [4, 4, 6]
    assert calls == [2, 3]
