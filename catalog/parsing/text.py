"""Text normalisation and search keys for Vietnamese catalog values.

Government exports mix NFC and NFD, carry non-breaking and zero-width spaces inside names and use
``Không có thông tin`` or ``-`` where a cell is empty. Everything else in this package builds on the
three functions here: :func:`normalize_text` for display values, :func:`fold` for search and matching
keys, :func:`is_empty_value` for "no value" markers.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "BIDI_CONTROLS",
    "EMPTY_MARKERS",
    "fold",
    "is_empty_value",
    "marked_words",
    "normalize_text",
    "strip_diacritics",
]

# Characters that render as (or instead of) a space. Zero-width ones become a space too: in exported
# cells they stand where a word break was, and a doubled space is collapsed afterwards anyway.
_SPACE_LIKE = (
    "\t\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u202f\u205f\u3000"
)
# Unicode line and paragraph separators end a line like "\n" does.
_LINE_BREAKS = "\u2028\u2029\u0085"
# Invisible characters that join or mark, never separate: dropping them keeps the word intact.
_INVISIBLE = "\u00ad\u200c\u200d\u2060\ufeff\u180e"
# Bidirectional controls (embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, the marks U+200E/F and
# U+061C): no Vietnamese text needs them, and they make a name or a file name display other than it is stored
# ("Trojan Source", CVE-2021-42574). Every input path goes through normalize_text (issue 11 item 5).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_SPACE_TABLE = str.maketrans(
    {
        **dict.fromkeys(_SPACE_LIKE, " "),
        **dict.fromkeys(_LINE_BREAKS, "\n"),
        **dict.fromkeys(_INVISIBLE + BIDI_CONTROLS, ""),
    }
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACES_RE = re.compile(r" {2,}")
_BLANK_LINES_RE = re.compile(r"\n{3,}")

#: Folded forms of the values that mean "nothing here" in the exports (see :func:`is_empty_value`).
EMPTY_MARKERS: frozenset[str] = frozenset(
    {
        "",
        "khong",
        "khong co",
        "khong co thong tin",
        "chua co thong tin",
        "khong ap dung",
        "n a",
        "na",
        "none",
        "null",
        "nan",
    }
)


def normalize_text(value: str | None) -> str:
    """Return *value* in NFC with odd spaces made plain, runs of spaces collapsed and the ends stripped,
    without control, invisible or bidirectional control characters: the one cleaning of every name and text
    that comes in (API, online forms, admin forms, imports).

    Newlines survive (multi-line cells keep their lines), but ``\\r\\n`` becomes ``\\n``, every line is
    stripped and runs of blank lines shrink to one.
    """
    if not value:
        return ""
    if isinstance(value, str) and len(value) <= _CACHED_CHARS:
        return _normalize_cached(value)
    return _normalize(str(value))


def _normalize(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACE_TABLE)
    text = _CONTROL_RE.sub("", text)
    lines = (_SPACES_RE.sub(" ", line).strip() for line in text.split("\n"))
    # NFC last: dropping an invisible joiner can bring a base letter and its mark together.
    return unicodedata.normalize("NFC", _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip())


# An import cleans each cell, then the catalog cleans the already clean value again (normalise_procedure_row),
# and a table repeats its agencies, levels, fees and times on thousands of rows: 18 calls per row of a
# catalog appendix, 5 s of a 10,000-row import's profile. Short texts are remembered; the repeated values of a
# table are a few thousand at most, and a larger cache would only hold unique names (memory, no hits).
_CACHED_CHARS = 512
_normalize_cached = functools.lru_cache(maxsize=4096)(_normalize)


def strip_diacritics(value: str) -> str:
    """Remove Vietnamese tone and vowel marks, ``đ`` → ``d``, keeping case, punctuation and length.

    Each character maps to exactly one character, so offsets found in the result are valid in the
    input: the parsers match on this form and slice the original text.
    """
    out = []
    for char in value:
        if char in "đĐ":
            out.append("d" if char == "đ" else "D")
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        out.append(base if len(base) == 1 else char)
    return "".join(out)


def _fold_once(value: str) -> str:
    # NFKD → casefold → NFKD is Unicode's recipe for caseless matching that ignores both canonical
    # (NFC/NFD) and compatibility (full-width, ligatures) differences.
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", value).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("đ", "d")
    text = "".join(c if c.isalnum() else " " for c in text)
    return " ".join(text.split())


def _fold_char(char: str) -> str:
    """`_fold_reference` on one character, keeping the word breaks it makes (``㉃`` → ``" 至 "``)."""
    text = char
    for _ in range(5):
        step = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
        step = "".join(c for c in step if not unicodedata.combining(c)).replace("đ", "d")
        step = "".join(c if c.isalnum() else " " for c in step)
        if step == text:
            break
        text = step
    return text


class _FoldTable(dict):
    """ord(char) → what folding makes of that char; filled on first sight (str.translate calls __missing__)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(value: str | None) -> str:
    """Return the search key of *value*: no diacritics, ``đ`` → ``d``, lower case, words split by one space.

    ``Cấp giấy phép xây dựng``, ``cap giay phep xay dung`` and the NFD spelling all fold to
    ``cap giay phep xay dung``. Punctuation becomes a word break, so ``1.001234`` folds to
    ``1 001234``: fold names, not codes.
    """
    if not value:
        return ""
    # Every step of the fold (NFKD, case fold, marks dropped, đ → d, non-alphanumerics → spaces) acts on
    # one character at a time, so a per-character table gives `_fold_reference`'s result several times
    # faster: imports fold tens of thousands of names, and every search query and save folds too.
    # tests/parsing/test_fold.py checks the two agree on arbitrary Unicode, NFC and NFD.
    return " ".join(str(value).translate(_FOLD_TABLE).split())


_WORD_RE = re.compile(r"\w+")


def marked_words(value: str | None) -> str:
    """Return the words of *value* in lower case with their marks (NFC), one space between, punctuation
    dropped: ``Khai thuế, nộp thuế`` gives ``khai thuế nộp thuế``. The fold keeps the words and drops the
    marks; this keeps both, so that a search can tell thuế (tax) from thuê (rent) with a plain substring
    search instead of lowering and cleaning every name in SQL."""
    if not value:
        return ""
    return " ".join(_WORD_RE.findall(normalize_text(value).lower()))


def _fold_reference(value: str | None) -> str:
    """The fold spelled out on whole strings: the definition `fold` is checked against."""
    if not value:
        return ""
    text = _fold_once(str(value))
    # A few exotic characters only settle on a second pass (their case fold decomposes further);
    # iterating to the fixed point is what makes the fold idempotent for any input.
    for _ in range(4):
        again = _fold_once(text)
        if again == text:
            break
        text = again
    return text


def is_empty_value(value: object) -> bool:
    """Tell whether a cell means "no value": blank, ``-``, ``Không có thông tin``, ``Không``, ``N/A``…

    Do not use it on fees or processing times before their own parser: there ``Không`` means "free"
    and ``Không quy định`` means "no time limit".
    """
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN read from a spreadsheet
        return True
    return fold(str(value)) in EMPTY_MARKERS
