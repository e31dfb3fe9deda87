"""Cell value normalisation shared by every reader.

The appendix tables come from Word-to-Excel copies, portal exports and legacy ``.xls`` systems, so the
same text arrives NFD or NFC, with non-breaking spaces, doubled spaces, ``\\r\\n`` and ids read back as
floats (``23604.0``). Everything a reader yields goes through :func:`normalize_value` once (inlined per
cell in :func:`.sheets._normalize_row`), so later stages compare clean values.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata

from catalog.parsing import fold as catalog_fold

__all__ = [
    "CellValue",
    "column_index",
    "column_letter",
    "fold",
    "normalize_code",
    "normalize_text",
    "normalize_value",
]

CellValue = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

# Spaces that look like a space to the person who typed them: NBSP, figure/narrow NBSP, ideographic,
# en/em spaces, tabs. Zero-width characters are dropped (they come from copy-paste out of web pages).
_SPACE_LIKE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff\t\f\v]")
_MULTI_SPACE = re.compile(r" {2,}")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")
_MANY_NEWLINES = re.compile(r"\n{3,}")
# Numeric character references leak from the portals' HTML into exports (``&#40;`` for ``(``).
_CHAR_REF = re.compile(r"&#(?:\d{1,7}|[xX][0-9a-fA-F]{1,6});")
MAX_EXACT_FLOAT_INT = 2**53


def normalize_text(text: str) -> str | None:
    """NFC, spaces made plain and single, newlines kept as ``\\n``; ``None`` when nothing is left."""
    if not text:
        return None
    if "_x000" in text:
        # OOXML escapes control characters as _xHHHH_; a bare carriage return is the only one seen.
        text = text.replace("_x000D_", "")
    if "&#" in text:
        text = _CHAR_REF.sub(lambda m: html.unescape(m.group(0)), text)
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if _ODD_SPACE.search(text):
            text = _ZERO_WIDTH.sub("", _SPACE_LIKE.sub(" ", text))
    elif "\t" in text:
        text = text.replace("\t", " ")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    if "\n" in text:
        text = _MANY_NEWLINES.sub("\n\n", _SPACE_AROUND_NEWLINE.sub("\n", text))
    text = text.strip()
    return text or None


def normalize_value(value: object) -> CellValue:
    """Normalise one raw cell value from calamine, openpyxl or the CSV reader.

    Integral floats become ``int`` because spreadsheets store every number as a double and ids such as
    ``23604`` must not turn into ``'23604.0'`` downstream; text stays text (``'023'`` keeps its zero).
    """
    if value is None:
        return None
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < MAX_EXACT_FLOAT_INT:
            return int(value)
        return value
    if isinstance(value, bool | int | dt.date | dt.time | dt.timedelta):
        return value
    return normalize_text(str(value))


_TRAILING_CODE_JUNK = re.compile(r"[\s.,;:]+$")


def normalize_code(value: CellValue) -> str | None:
    """A procedure or local code as clean text: ``'BHXH.TBHXH.02. '`` → ``'BHXH.TBHXH.02'``.

    A national code typed into a numeric cell loses its trailing zeros (``1.00045`` for ``1.000450``);
    national codes always have six decimals, so a non-integral number is printed with six.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else f"{value:.6f}"
    elif isinstance(value, int):
        text = str(value)
    else:
        text = normalize_text(str(value)) or ""
    text = _TRAILING_CODE_JUNK.sub("", text).strip()
    return text or None


def fold(text: object) -> str:
    """Comparison key for headers and labels: :func:`catalog.parsing.fold` of ``str(text)``.

    ``'Mã số TTHC'``, ``'MÃ SỐ  TTHC'``, ``'Ma so TTHC'`` and ``'MA_SO_TTHC'`` all fold to ``'ma so tthc'``.
    """
    return "" if text is None else catalog_fold(str(text))


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → ``A``, 27 → ``AB``)."""
    index += 1
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Excel letters → 0-based column index (``A`` → 0)."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1
