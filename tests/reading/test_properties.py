"""Property tests: normalisers are idempotent and the text parsers never crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.reading.csvread import read_delimited
from importers.reading.deadlines import parse_deadline, split_agencies
from importers.reading.values import fold, normalize_text

VIETNAMESE = st.text(
    alphabet=st.sampled_from(list('aăâđeêioôơuưyAĐQ0123456789/ -;,.()\n\u00a0\u0301\u0309\u0323ạếữỳ:|"\t')),
    max_size=80,
)


@given(VIETNAMESE)
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once or "") == once
    assert once is None or (once == once.strip() and "  " not in once and "\u00a0" not in once)


@given(VIETNAMESE)
def test_fold_is_idempotent_and_plain(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded.isascii() or not folded  # no diacritics left


@settings(max_examples=300)
@given(VIETNAMESE)
def test_parse_deadline_never_raises(text: str) -> None:
    parsed = parse_deadline(text)
    assert all(scope == scope.strip() for _date, scope in parsed.deadlines)


@given(VIETNAMESE)
def test_split_agencies_returns_clean_names(text: str) -> None:
    assert all(name and name == name.strip() for name in split_agencies(text))


@given(VIETNAMESE)
def test_read_delimited_never_raises(text: str) -> None:
    assert all(row for row in read_delimited(text))
