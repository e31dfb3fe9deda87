"""Submission channels ("cách thức thực hiện") and the national portal's flattened channel table.

The national data set keeps the portal's table as its cells' text run together, with no separator:
``Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việc2,000,000 Việt Nam Đồng(…)…``.
:func:`split_channel_table` cuts it back into rows of (channel, time, fee, description). A row starts
where a channel name is followed by something shaped like a time cell and then a fee cell; the fee
cell is a run of ``Miễn phí`` / ``Không có thông tin`` / ``<amount> <currency>`` items, each with an
optional parenthesised note, and whatever follows is the description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .text import fold, normalize_text

__all__ = ["CHANNEL_LABELS", "Channel", "ChannelRow", "channel_key", "split_channel_table"]

Channel = Literal["direct", "online", "postal"]

#: The Vietnamese label of each channel, as the portal prints it.
CHANNEL_LABELS: dict[Channel, str] = {
    "direct": "Trực tiếp",
    "online": "Trực tuyến",
    "postal": "Dịch vụ bưu chính",
}

_CHANNEL_WORDS: tuple[tuple[str, Channel], ...] = (
    ("truc tiep", "direct"),
    ("direct", "direct"),
    ("truc tuyen", "online"),
    ("online", "online"),
    ("qua mang", "online"),
    ("dien tu", "online"),
    ("buu chinh", "postal"),
    ("buu dien", "postal"),
    ("postal", "postal"),
)


def channel_key(label: str | None) -> Channel | None:
    """Map a channel label (``Trực tiếp``, ``Dịch vụ bưu chính``, API's ``ONLINE``…) to its key."""
    folded = fold(label)
    for words, key in _CHANNEL_WORDS:
        if words in folded:
            return key
    return None


@dataclass(frozen=True)
class ChannelRow:
    """One row of a channel table: the cells as text, still to be parsed by the time and fee parsers."""

    channel: Channel
    time_text: str
    fee_text: str
    description: str


_HEADER_RE = re.compile(r"^\s*Hình thức nộp\s*Thời gian\s*Phí, lệ phí\s*Mô tả\s*")
_CHANNEL = r"(?P<label>Trực tiếp|Trực tuyến|Dịch vụ bưu chính)"
_UNIT = r"(?:Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm|Tuần|Phút)"
# Amounts are printed with "," thousands separators; a bare time figure can touch the amount
# ("Trực tuyến120 VNĐ" is time 1, fee 20), so the time alternative below is lazy and the amount
# must not start with 0 unless it is 0.
_AMOUNT = r"(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*|0)(?:\.\d+)?"
_CURRENCY = r"(?:Việt Nam Đồng|VNĐ|VND|USD|EUR|Đồng|đồng)"
_FEE_HEAD = rf"(?:Miễn phí|Không có thông tin|{_AMOUNT} ?{_CURRENCY}|Không)"
_TIME_STRICT = (
    rf"(?:\d+(?:[.,]\d+)? ?{_UNIT}|\d+?|Không có thông tin|Không quy định|Trong ngày|Không ?)(?={_FEE_HEAD})"
)
# A free-text time cell ("Không phải trả kết quả cho người nộp thuế") is only trusted when nothing
# stricter starts the row; it may not contain ":" (descriptions say "Trực tiếp: nộp hồ sơ…").
_TIME_LOOSE = r"[^:\n]{1,160}?(?=Miễn phí|Không có thông tin)"
_ROW_STRICT_RE = re.compile(rf"{_CHANNEL}(?P<time>{_TIME_STRICT})")
_ROW_LOOSE_RE = re.compile(rf"{_CHANNEL}(?P<time>{_TIME_LOOSE})")
_FEE_ITEM_RE = re.compile(rf"\s*(?:Miễn phí|Không có thông tin|{_AMOUNT} ?{_CURRENCY}|Không)")


def _balanced_end(text: str, start: int) -> int:
    """Index just past the parenthesised group opening at *start* (or the end of *text* if unclosed)."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _split_fee(rest: str) -> tuple[str, str]:
    """Cut the fee cell (one item and its bracketed note) off the front of *rest*: (fee, description).

    The portal prints one fee item per row; a second figure right after the note belongs to the
    description ("Miễn phíKhông…" is the fee "Miễn phí" and a description starting "Không").
    """
    match = _FEE_ITEM_RE.match(rest)
    if not match:
        return "", rest.strip()
    end = match.end()
    if rest[end : end + 1] == "(":
        end = _balanced_end(rest, end)
    return rest[:end].strip(), rest[end:].strip()


def split_channel_table(text: str | None) -> list[ChannelRow]:
    """Split the flattened "cách thức thực hiện" table of the national data set into rows.

    Returns an empty list when no row can be found (an empty cell, or prose instead of a table).
    """
    body = _HEADER_RE.sub("", normalize_text(text), count=1)
    starts = [(m.start(), m) for m in _ROW_STRICT_RE.finditer(body)]
    if not starts or starts[0][0] != 0:
        # The first row always opens the body; if its time cell is prose, only the loose form fits.
        loose = _ROW_LOOSE_RE.match(body)
        if loose:
            starts.insert(0, (0, loose))
    rows = []
    for index, (_, match) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(body)
        fee_text, description = _split_fee(body[match.end() : end])
        channel = channel_key(match["label"])
        if channel is not None:
            rows.append(ChannelRow(channel, match["time"].strip(), fee_text, description))
    return rows
