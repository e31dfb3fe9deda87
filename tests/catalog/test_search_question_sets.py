"""The benchmark's citizen question sets are sound data: each accepted answer is a real national procedure.

A code mistyped in a set would count as a miss for every search, and a "no answer" question carrying an
answer would count a right result as confidently wrong; the figures of bench/search rest on these files.
"""

import gzip
import json

import pytest

from bench.search.national import QUESTION_SETS, questions


@pytest.fixture(scope="module")
def national_codes(shared_data) -> set[str]:
    with gzip.open(shared_data / "national" / "procedures.jsonl.gz", "rt", encoding="utf-8") as lines:
        return {json.loads(line).get("ma_thu_tuc", "").strip() for line in lines}


@pytest.mark.parametrize("name", sorted(QUESTION_SETS))
def test_every_accepted_answer_is_a_national_procedure(name, national_codes):
    asked = questions((name,))
    assert len(asked) >= 60
    texts = [q.text.strip().lower() for q in asked]
    assert len(texts) == len(set(texts)), "a question asked twice in one set"
    for question in asked:
        unknown = set(question.accepted) - national_codes
        assert not unknown, (question.text, unknown)
        if question.no_answer:
            assert not question.accepted, question.text
        else:
            assert question.accepted and len(set(question.accepted)) == len(question.accepted), question.text
