"""Delimited text (CSV, TSV, pipe files) as rows of strings.

Provincial systems export with ``,`` ``;`` tab or ``|``, in UTF-8 with or without BOM, UTF-16 (Excel's
"Unicode text") or the Windows Vietnamese code page, and some never quote their fields: a newline typed
inside a name then splits one record over two or three physical lines (``phutho/ketqua.csv``). Quoted
fields are handled by :mod:`csv`; unquoted broken records are joined back when a line has fewer fields
than the file's usual count and the next line completes it exactly.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

__all__ = ["decode_text", "read_delimited", "sniff_delimiter"]

_DELIMITERS = (",", ";", "\t", "|")
_SNIFF_LINES = 200


def decode_text(data: bytes) -> str:
    """Decode by BOM, then strict UTF-8, then cp1258 (TCVN text from Windows), then latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # cp1258 stores tones as combining marks; normalize_text() recomposes them to NFC later.
        return data.decode("cp1258")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _count_outside_quotes(line: str, delimiter: str) -> int:
    if '"' not in line:
        return line.count(delimiter)
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def sniff_delimiter(text: str) -> str:
    """The candidate whose per-line count is most often the same non-zero number."""
    lines = [line for line in text.splitlines()[:_SNIFF_LINES] if line.strip()]
    best, best_score = ",", 0.0
    for delimiter in _DELIMITERS:
        counts = Counter(_count_outside_quotes(line, delimiter) for line in lines)
        counts.pop(0, None)
        if not counts:
            continue
        mode, freq = counts.most_common(1)[0]
        # Consistency first, then more columns (a comma inside names must not beat the real pipe).
        score = freq / len(lines) + min(mode, 50) / 1000
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_delimited(text: str) -> list[list[str]]:
    """Records of the file; blank lines dropped, broken unquoted records joined."""
    delimiter = sniff_delimiter(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=False)
    physical = list(reader)
    counts = Counter(len(row) for row in physical if row)
    expected = counts.most_common(1)[0][0] if counts else 0
    records: list[list[str]] = []
    index = 0
    while index < len(physical):
        row = physical[index]
        index += 1
        if not row:
            continue
        # A record cut by a bare newline: its last field continues on the next physical line(s),
        # whose first field is the rest of that text; a blank line inside means a doubled newline.
        while 1 < len(row) < expected and index < len(physical):
            following = physical[index]
            if not following:
                if index + 1 < len(physical) and len(row) + len(physical[index + 1]) - 1 <= expected:
                    row[-1] += "\n"
                    index += 1
                    continue
                break
            if len(row) + len(following) - 1 > expected:
                break
            row = [*row[:-1], row[-1] + "\n" + following[0], *following[1:]]
            index += 1
        records.append(row)
    return records
