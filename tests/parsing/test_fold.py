"""`fold` (a per-character table) must agree with its whole-string definition everywhere: every writer and
every query folds, and the search compares what they make."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.parsing import fold
from catalog.parsing.text import _fold_reference

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
def test_fold_equals_its_definition_in_nfc_and_nfd(text):
    assert fold(text) == _fold_reference(text)
    nfd = unicodedata.normalize("NFD", text)
    assert fold(nfd) == _fold_reference(nfd)


def test_known_traps():
    for text in ["Cấp giấy phép xây dựng", "ĐĂNG KÝ", "㉃ ẛ ǉ", "ﬁ", "a\u0301b", "x\u0f71y", "½", ""]:
        assert fold(text) == _fold_reference(text), text
