"""The citizen question set over the real national catalog (pure Python apart from `load`, which needs Django).

`questions_citizen.json` holds colloquial questions, each with the procedure codes that answer it (see
`questions_citizen.md` for how they were written and judged) and its half: `dev` (the synonyms and
context words were written looking at these) or `unseen` (never looked at while tuning).
`questions_heldout.json` is a second, independent set written before the first round of tuning
(`questions_heldout.md`); since the second round it is a tuning set too, and `questions_heldout2.json`
(`questions_heldout2.md`) since the third. `questions_heldout3.json`, `questions_heldout4.json` and `questions_heldout5.json` were
written by someone who saw neither the search code nor its results (their `.md`); heldout4 is a tuning set
since the fourth round, whose unseen set is heldout5. `no_answer` questions have no good answer in the catalog. `load` writes the
2,642 procedures of ``national/procedures.jsonl.gz`` with their real codes, names, levels, fields, kind
result and dossier components, folded the way `catalog.services.upsert_procedure` folds an imported record.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

from catalog.parsing import fold, marked_words, normalize_text

QUESTION_SETS = {
    "citizen": Path(__file__).with_name("questions_citizen.json"),
    "heldout": Path(__file__).with_name("questions_heldout.json"),
    "heldout2": Path(__file__).with_name("questions_heldout2.json"),
    # Written by someone who saw neither the search code nor its results (questions_heldout3.md).
    "heldout3": Path(__file__).with_name("questions_heldout3.json"),
    # The fourth round's unseen set, by the same protocol (questions_heldout4.md); tuned on since that round.
    "heldout4": Path(__file__).with_name("questions_heldout4.json"),
    # Written while the fourth round tuned, by the same protocol (questions_heldout5.md).
    "heldout5": Path(__file__).with_name("questions_heldout5.json"),
    # Written while the fifth round tuned, by the same protocol (questions_heldout6.md).
    "heldout6": Path(__file__).with_name("questions_heldout6.json"),
    # Written while the sixth round tuned, by the same protocol (questions_heldout7.md).
    "heldout7": Path(__file__).with_name("questions_heldout7.json"),
    # Written while the seventh round tuned, by the same protocol (questions_heldout8.md).
    "heldout8": Path(__file__).with_name("questions_heldout8.json"),
    # Written while the eighth round tuned, by the same protocol (questions_heldout9.md).
    "heldout9": Path(__file__).with_name("questions_heldout9.json"),
    # Written while the ninth round tuned, by the same protocol (questions_heldout10.md).
    "heldout10": Path(__file__).with_name("questions_heldout10.json"),
    # Written while the tenth round tuned, by the same protocol (questions_heldout11.md).
    "heldout11": Path(__file__).with_name("questions_heldout11.json"),
    # Written while the eleventh round tuned, by the same protocol (questions_heldout12.md).
    "heldout12": Path(__file__).with_name("questions_heldout12.json"),
    # Written while the twelfth round worked on latency, by the same protocol (questions_heldout13.md).
    "heldout13": Path(__file__).with_name("questions_heldout13.json"),
    # Written while the thirteenth round measured heldout13, by the same protocol (questions_heldout14.md).
    "heldout14": Path(__file__).with_name("questions_heldout14.json"),
    # Written while the fourteenth round tuned on heldout14, by the same protocol (questions_heldout15.md).
    "heldout15": Path(__file__).with_name("questions_heldout15.json"),
    # Written while the fifteenth round measured heldout15, by the same protocol (questions_heldout16.md).
    "heldout16": Path(__file__).with_name("questions_heldout16.json"),
    # Written while the fifteenth round tuned on heldout15 and heldout16, by the same protocol (questions_heldout17.md).
    "heldout17": Path(__file__).with_name("questions_heldout17.json"),
}
# The export flattens the dossier components into one string: headers, then each paper's name followed by
# how many copies ("1 bản chính", "0 bản sao").
COMPONENT_HEADERS = re.compile(
    r"(?:\*\s*)?Giấy tờ phải (?:nộp|xuất trình):|Tên giấy tờ\s*Mẫu đơn, tờ khai\s*Số lượng|^-+", re.I
)
COMPONENT_COUNT = re.compile(r"\d+\s*bản\s*(?:chính|sao)", re.I)
# A component's name as a one-stop system keeps it; the export's longer paragraphs are notes, cut here.
COMPONENT_CHARS = 160
LEVELS = (("ministry", "Cấp bộ"), ("province", "Cấp tỉnh"), ("commune", "Cấp xã"), ("other", "Cơ quan khác"))


@dataclass(frozen=True)
class Question:
    text: str
    accepted: tuple[str, ...]
    split: str
    set: str = "citizen"
    no_answer: bool = False

    @property
    def group(self) -> str:
        """What the figures are reported by: the set, its half, and the no-answer questions apart."""
        if self.no_answer:
            return f"{self.set}/none"
        return self.set if self.split == self.set else f"{self.set}/{self.split}"


def questions(sets: tuple[str, ...] = tuple(QUESTION_SETS)) -> list[Question]:
    asked = []
    for name in sets:
        rows = json.loads(QUESTION_SETS[name].read_text(encoding="utf-8"))
        asked += [
            Question(r["question"], tuple(r["accepted"]), r["split"], name, bool(r.get("no_answer")))
            for r in rows
        ]
    return asked


def records(data: Path) -> list[dict]:
    path = data / "national" / "procedures.jsonl.gz"
    seen, rows = set(), []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            code = normalize_text(record.get("ma_thu_tuc"))
            name = normalize_text(record.get("ten_thu_tuc"))
            if code and name and code not in seen:
                seen.add(code)
                rows.append(
                    {
                        "code": code,
                        "name": name,
                        "procedure_type": normalize_text(record.get("loai_thu_tuc") or "")[:255],
                        "result": normalize_text(record.get("ket_qua_xu_ly") or ""),
                        "field": normalize_text(record.get("linh_vuc") or "Khác")[:255],
                        "components": components(normalize_text(record.get("thanh_phan_ho_so") or "")),
                        "levels": [
                            fold(level).removeprefix("cap ")
                            for level in normalize_text(record.get("cap_thuc_hien") or "").split(",")
                            if level.strip()
                        ],
                    }
                )
    return rows


def components(text: str) -> list[str]:
    """The dossier components' names out of the export's flattened string."""
    names = []
    for piece in COMPONENT_COUNT.split(COMPONENT_HEADERS.sub(" ", text)):
        name = " ".join(COMPONENT_HEADERS.sub(" ", piece).split()).lstrip("-+• ").strip()
        if name and name not in names:
            names.append(name[:COMPONENT_CHARS])
    return names


def load(data: Path) -> int:
    """The national catalog in bulk, folded as an import folds it, then indexed once."""
    from catalog.models import AgencyLevel, Field, Procedure
    from catalog.models.procedures import fold_components
    from catalog.services import national_aliases, reindex_procedures, search_aliases_for

    levels = {
        code: AgencyLevel.objects.create(code=code, name=name, order=i)
        for i, (code, name) in enumerate(LEVELS)
    }
    by_folded = {"bo": "ministry", "tinh": "province", "xa": "commune", "huyen": "commune"}
    rows = records(data)
    fields = {}
    for row in rows:
        fields.setdefault(row["field"], Field(code=f"lv-{len(fields)}", name=row["field"]))
    Field.objects.bulk_create(fields.values())
    fields = {f.name: f for f in Field.objects.all()}
    procedures = Procedure.objects.bulk_create(
        (
            Procedure(
                code=row["code"],
                name=row["name"],
                procedure_type=row["procedure_type"],
                result=row["result"],
                search_name=fold(row["name"]),
                search_marks=marked_words(row["name"]),
                aliases=national_aliases(row["code"]),
                search_aliases=search_aliases_for(fold(row["name"]), national_aliases(row["code"])),
                search_body=fold(" ".join([row["procedure_type"], row["result"], row["field"]])),
                search_components=fold_components(row["components"]),
            )
            for row in rows
        ),
        batch_size=1000,
    )
    level_links, field_links = Procedure.levels.through, Procedure.fields.through
    level_links.objects.bulk_create(
        level_links(procedure_id=p.pk, agencylevel_id=levels[by_folded.get(lv, "other")].pk)
        for p, row in zip(procedures, rows, strict=True)
        for lv in dict.fromkeys(row["levels"])
    )
    field_links.objects.bulk_create(
        field_links(procedure_id=p.pk, field_id=fields[row["field"]].pk)
        for p, row in zip(procedures, rows, strict=True)
    )
    reindex_procedures()
    return len(procedures)


def score(ranked: list[list[str]], asked: list[Question], approximate: list[bool]) -> dict:
    """recall@10, MRR (1/rank of the first accepted code within 10), zero-hit, and two counts of confidently
    wrong answers, results the page does not label approximate: `confident_wrong`, whose first 10 hold no
    accepted answer, and `confident_wrong1`, whose first result is not an accepted answer. A question with
    no answer in the catalog counts in both whenever the page shows results as a match; it takes no part in
    recall and MRR (`answerable` is how many do)."""
    hits = rr = zero = wrong = wrong1 = answerable = 0
    for codes, question, approx in zip(ranked, asked, approximate, strict=True):
        codes = codes[:10]
        rank = next((i for i, code in enumerate(codes, 1) if code in question.accepted), None)
        answerable += not question.no_answer
        hits += rank is not None
        rr += 1 / rank if rank else 0
        zero += not codes
        wrong += bool(codes) and rank is None and not approx
        wrong1 += bool(codes) and rank != 1 and not approx
    return {
        "queries": len(asked),
        "answerable": answerable,
        "recall10": hits / (answerable or 1),
        "mrr": rr / (answerable or 1),
        "zero": zero / (len(asked) or 1),
        "confident_wrong": wrong,
        "confident_wrong1": wrong1,
    }
