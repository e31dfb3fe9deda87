"""Synthetic catalogs and citizen queries for the search benchmark (pure Python, no Django).

Names come from the patterns of the real national catalog (``national/procedures.jsonl.gz`` in
../shared/data, read only) or, without it, from a small list of our own. Real names are kept and new
ones are spliced from two real names that share a word (``Cấp giấy phép xây dựng … đối với`` +
``… đối với cơ sở khám bệnh``), so the vocabulary, lengths and phrasing stay those of real catalogs.

Queries are what citizens type: no diacritics, ``đ`` as ``d``, no punctuation, a piece of the name
that tells the procedure apart (it occurs in at most ``SPECIFIC`` names), sometimes with a word left
out, the last word half typed, or one typo. The intended procedure is known for every query.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from catalog.parsing import fold, normalize_text

# A query must be as specific as a citizen would make it: its words, in order, occur in at most this
# many names. The rule is the same for every method measured.
SPECIFIC = 3
KINDS = (("span", 0.25), ("full", 0.20), ("omission", 0.20), ("prefix", 0.20), ("typo", 0.15))
# Nobody starts or ends what they type with these (of, and, for, at…): a piece is cut elsewhere.
_EDGES = "va cua doi voi cho tai trong theo hoac cac nhung la de o ve tu den do bi duoc khi co thi ma nay"
EDGE_WORDS = frozenset(_EDGES.split(" "))

# Without ../shared/data: names written for this benchmark in the shape of the national catalog.
BUILTIN_NAMES = [
    ("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Xây dựng"),
    ("Cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình", "Xây dựng"),
    ("Điều chỉnh giấy phép xây dựng đối với công trình cấp đặc biệt", "Xây dựng"),
    ("Gia hạn giấy phép xây dựng đối với nhà ở riêng lẻ", "Xây dựng"),
    ("Đăng ký khai sinh có yếu tố nước ngoài", "Hộ tịch"),
    ("Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con", "Hộ tịch"),
    ("Đăng ký kết hôn có yếu tố nước ngoài tại Ủy ban nhân dân cấp xã", "Hộ tịch"),
    ("Đăng ký khai tử lưu động", "Hộ tịch"),
    ("Cấp bản sao trích lục hộ tịch", "Hộ tịch"),
    ("Cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình, cá nhân", "Đất đai"),
    ("Đăng ký biến động quyền sử dụng đất do thay đổi thông tin về người sử dụng đất", "Đất đai"),
    ("Cấp đổi giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở", "Đất đai"),
    ("Cấp lại giấy phép lái xe quốc tế", "Đường bộ"),
    ("Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "Đường bộ"),
    ("Cấp giấy phép kinh doanh vận tải bằng xe ô tô", "Đường bộ"),
    ("Cấp giấy chứng nhận đủ điều kiện kinh doanh dược đối với cơ sở bán lẻ thuốc", "Dược phẩm"),
    ("Cấp giấy phép hoạt động đối với cơ sở khám bệnh, chữa bệnh thuộc thẩm quyền của Sở Y tế", "Khám bệnh"),
    ("Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh đối với người Việt Nam", "Khám bệnh"),
    ("Thủ tục đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh"),
    ("Thủ tục đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh"),
    ("Thủ tục tạm ngừng hoạt động hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh"),
    ("Đăng ký thành lập doanh nghiệp tư nhân", "Thành lập và hoạt động doanh nghiệp"),
    ("Thông báo thay đổi thông tin người quản lý doanh nghiệp", "Thành lập và hoạt động doanh nghiệp"),
    ("Giải quyết trợ cấp thất nghiệp đối với người lao động", "Việc làm"),
    ("Hỗ trợ học nghề đối với người lao động đang hưởng trợ cấp thất nghiệp", "Việc làm"),
    ("Xác nhận thông tin hộ tịch đối với công dân Việt Nam định cư ở nước ngoài", "Hộ tịch"),
    ("Cấp phiếu lý lịch tư pháp cho công dân Việt Nam", "Lý lịch tư pháp"),
    ("Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp", "Chứng thực"),
    ("Công nhận hòa giải viên tại cơ sở", "Phổ biến giáo dục pháp luật"),
    ("Thẩm định, phê duyệt phương án ứng phó thiên tai cho công trình vùng hạ du đập thủy điện", "Thủy lợi"),
    ("Cấp giấy phép khai thác, sử dụng nước mặt đối với công trình có quy mô nhỏ", "Tài nguyên nước"),
    ("Đăng ký xe tạm thời tại cấp xã", "Đường bộ"),
]


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    field: str
    body: str  # extra text indexed beside the name (the procedure's field, kind and result)


@dataclass(frozen=True)
class Query:
    text: str
    code: str
    kind: str


def _real_rows(data: Path | None) -> list[tuple[str, str, str]]:
    path = data / "national" / "procedures.jsonl.gz" if data else None
    if not path or not path.is_file():
        return [(name, field, "") for name, field in BUILTIN_NAMES]
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            name = normalize_text(record.get("ten_thu_tuc"))
            if name:
                extra = " ".join(
                    normalize_text(record.get(key) or "")[:200] for key in ("loai_thu_tuc", "ket_qua_xu_ly")
                )
                rows.append((name, normalize_text(record.get("linh_vuc") or "Khác"), extra))
    return rows


def make_catalog(size: int, data: Path | None, seed: int = 61) -> list[Entry]:
    """``size`` procedures with distinct names: the real ones first, then splices of two real ones."""
    rng = random.Random(seed)
    rows = _real_rows(data)
    words = [name.split() for name, _, _ in rows]
    # folded word -> every (row, position) where it occurs, except at the very start of a name
    joints: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, ws in enumerate(words):
        for j, w in enumerate(ws[1:], start=1):
            joints[fold(w)].append((i, j))
    seen: set[str] = set()
    entries: list[Entry] = []

    def add(name: str, row: int) -> None:
        key = fold(name)
        if key and key not in seen and len(entries) < size:
            seen.add(key)
            field, extra = rows[row][1], rows[row][2]
            series = 1 + len(entries) % 2
            entries.append(Entry(f"{series}.{len(entries) + 1:06d}", name, field, f"{field} {extra}".strip()))

    for i, (name, _, _) in enumerate(rows):
        add(name, i)
    attempts = 0
    while len(entries) < size and attempts < size * 50:
        attempts += 1
        a = rng.randrange(len(words))
        if len(words[a]) < 3:
            continue
        cut = rng.randrange(1, len(words[a]))
        partners = joints.get(fold(words[a][cut]), [])
        if not partners:
            continue
        b, at = partners[rng.randrange(len(partners))]
        if b == a:
            continue
        spliced = words[a][:cut] + words[b][at:]
        if 4 <= len(spliced) <= 45:
            add(" ".join(spliced), a if rng.random() < 0.5 else b)
    return entries


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    choice = rng.randrange(4)
    if choice == 0:  # a letter left out
        return word[:i] + word[i + 1 :]
    if choice == 1 and i < len(word) - 1:  # two letters swapped
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if choice == 2:  # a letter typed twice
        return word[:i] + word[i] + word[i:]
    # i and y are interchangeable in many Vietnamese spellings (kỹ/kĩ, lý/lí): citizens mix them
    if "y" in word:
        return word.replace("y", "i", 1)
    return word[:i] + word[i + 1 :]


def make_queries(entries: list[Entry], count: int, seed: int = 118) -> list[Query]:
    """``count`` accent-free queries, each with the code of the procedure it is meant to find."""
    rng = random.Random(seed)
    folded = [fold(e.name) for e in entries]
    haystack = "\n".join(f" {name} " for name in folded)

    def specific(words: list[str]) -> bool:
        return haystack.count(f" {' '.join(words)} ") <= SPECIFIC

    def span(words: list[str], min_len: int) -> list[str] | None:
        for _ in range(30):
            length = rng.randint(min(min_len, len(words)), min(len(words), max(min_len, 7)))
            start = 0 if rng.random() < 0.5 else rng.randrange(len(words) - length + 1)
            piece = words[start : start + length]
            if piece[0] in EDGE_WORDS or piece[-1] in EDGE_WORDS:
                continue
            if specific(piece):
                return piece
        return words if specific(words) else None

    queries: list[Query] = []
    kinds, weights = zip(*KINDS, strict=True)
    while len(queries) < count:
        i = rng.randrange(len(entries))
        words = folded[i].split()
        kind = rng.choices(kinds, weights)[0]
        if kind == "full":
            piece = words if specific(words) else None
        else:
            piece = span(words, 4 if kind in ("omission", "typo") else 3)
        if not piece:
            continue
        piece = list(piece)
        if kind == "omission":
            if len(piece) < 4:
                continue
            del piece[rng.randrange(1, len(piece) - 1)]
        elif kind == "prefix":
            if len(piece[-1]) < 3:
                continue
            piece[-1] = piece[-1][: rng.randrange(1, len(piece[-1]))]
        elif kind == "typo":
            candidates = [k for k, w in enumerate(piece) if len(w) >= 3]
            if not candidates:
                continue
            k = rng.choice(candidates)
            piece[k] = _typo(piece[k], rng)
        text = " ".join(piece)
        if rng.random() < 0.2:
            text = text.capitalize()  # phones capitalise the first letter
        queries.append(Query(text, entries[i].code, kind))
    return queries
