"""Relevance on real data: the 14 citizen questions of ../shared/data/bqp/search_questions.json.

The Ministry of Defence's 207 procedures (bqp/procedures) are loaded through `upsert_procedure`; each
question is asked twice, as written and as citizens type it (no diacritics), and must find the procedure
that answers it among the first three results. Skipped without ../shared/data.
"""

import json

import pytest

from catalog.parsing import strip_diacritics
from catalog.services import search_procedures, upsert_procedure

# Measured when this test was written: 14/14 as written and 14/14 without diacritics. The floor leaves
# room for one question to slip, no more.
FLOOR = 13


@pytest.fixture
def defence_catalog(db, shared_data):
    for path in sorted((shared_data / "bqp" / "procedures").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        meta = record["metadata"]
        upsert_procedure(
            {
                "code": meta["mã_thủ_tục"],
                "name": meta["tên_thủ_tục"],
                "procedure_type": meta.get("loại_thủ_tục", ""),
                "fields": [meta["lĩnh_vực"]] if meta.get("lĩnh_vực") else [],
            }
        )
    return json.loads((shared_data / "bqp" / "search_questions.json").read_text(encoding="utf-8"))[
        "test_cases"
    ]


def top3_hits(cases, typed) -> list[str]:
    missed = []
    for case in cases:
        question = typed(case["question"])
        if case["metadata"]["thu_tuc_id"] not in [p.code for p in search_procedures(question)[:3]]:
            missed.append(question)
    return missed


def test_citizen_questions_find_their_procedure_in_the_top_three(defence_catalog):
    assert len(defence_catalog) == 14
    as_written = top3_hits(defence_catalog, lambda q: q)
    without_marks = top3_hits(defence_catalog, lambda q: strip_diacritics(q).lower())
    print(f"top 3: {14 - len(as_written)}/14 as written, {14 - len(without_marks)}/14 without diacritics")
    assert 14 - len(as_written) >= FLOOR, as_written
    assert 14 - len(without_marks) >= FLOOR, without_marks
