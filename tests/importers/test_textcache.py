"""`memo`: a profile's repeated cells are parsed once."""

from importers.textcache import memo


def test_memo_remembers_by_argument():
    calls = []
    double = memo(lambda x: calls.append(x) or x * 2)
    assert [double(2), double(2), double(3)] == [4, 4, 6]
    assert calls == [2, 3]
