"""How a question's candidates are chosen before the full score (catalog.services.search._closest): a word
most procedures have is not matched through the full-text index, and hundreds of procedures with every word
are cut on their names and aliases like the rest; neither changes what the citizen is shown first."""

import pytest
from django.core.cache import cache

from catalog.models import Procedure
from catalog.services import Quality, search_catalog
from catalog.services import search as search_module
from catalog.services.search_sql import AmongIds, Position
from tests.factories import ProcedureFactory

EVERY_BODY = "Nộp hồ sơ tại bộ phận một cửa; kết quả trả trong ngày"
NAMES = [
    "Đăng ký khai sinh",
    "Đăng ký kết hôn",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Đăng ký thường trú",
    "Cấp đổi giấy phép lái xe",
    "Đăng ký thành lập hộ kinh doanh",
    "Chứng thực bản sao từ bản chính",
    "Cấp phiếu lý lịch tư pháp",
]


@pytest.fixture
def catalog(db):
    """Procedures whose bodies all say "hồ sơ" ("ho" is in every one), and the word tables counted afresh."""
    cache.clear()
    return [ProcedureFactory(code=f"9.{i:06d}", name=name, body=EVERY_BODY) for i, name in enumerate(NAMES)]


@pytest.fixture
def or_matches(monkeypatch):
    """The words of every any-word ("or") full-text match the search asks the backend for."""
    asked = []
    backend_matches = search_module._backend_matches

    def recording(query, complete=False, operator="and"):
        if operator == "or":
            asked.append(query)
        return backend_matches(query, complete, operator)

    monkeypatch.setattr(search_module, "_backend_matches", recording)
    return asked


def shown(q, queryset=None):
    found = search_catalog(q, queryset)
    return found.quality, list(found.procedures.values_list("code", flat=True)[:10])


def test_a_word_most_procedures_have_is_not_matched_through_the_index(catalog, or_matches, monkeypatch):
    q = "nộp hồ sơ đăng ký hộ kinh doanh ở đâu"
    quality, codes = shown(q)
    assert codes[0] == "9.000005"  # Đăng ký thành lập hộ kinh doanh
    assert or_matches == []
    # Matched through the index as before, the same answer.
    monkeypatch.setattr(search_module, "EVERYWHERE_SHARE", 2.0)
    assert shown(q) == (quality, codes)
    assert or_matches, "the comparison ran the full-text match"


def test_a_part_of_the_catalog_whose_names_hold_no_word_is_matched_through_the_index(catalog, or_matches):
    ProcedureFactory(code="9.100001", name="Thủ tục thử nghiệm", body="Hộ kinh doanh nộp hồ sơ tại xã")
    ProcedureFactory(code="9.100002", name="Thủ tục khác nữa", body="Giấy tờ khác")
    part = Procedure.objects.filter(code__startswith="9.1")
    quality, codes = shown("nộp hồ sơ hộ kinh doanh ở đâu", part)
    # No name of the part holds a word: the procedure whose text has them, found by the full-text match.
    assert codes[0] == "9.100001"
    assert quality == Quality.WEAK
    assert or_matches
    # A part none of whose texts has a word of the question: nothing, as before.
    nothing = Procedure.objects.filter(code="9.100002")
    assert shown("nộp hồ sơ hộ kinh doanh ở đâu", nothing) == (Quality.NONE, [])


def test_hundreds_with_every_word_are_cut_on_their_names_and_all_still_listed(catalog, monkeypatch):
    monkeypatch.setattr(search_module, "SHORTLIST", 5)
    said = "Nuôi chim yến: đăng ký cơ sở"
    others = [
        ProcedureFactory(code=f"8.{i:06d}", name=f"Thủ tục chăn nuôi thứ {i}", body=said) for i in range(12)
    ]
    wanted = ProcedureFactory(code="8.100000", name="Đăng ký cơ sở nuôi chim yến", body=said)
    found = search_catalog("đăng ký nuôi chim yến ở đâu")
    codes = list(found.procedures.values_list("code", flat=True))
    assert codes[0] == wanted.code
    assert found.quality == Quality.EXACT
    # Every procedure with every word is listed and counted, past the five scored in full.
    assert {p.code for p in others} <= set(codes)
    assert found.total == len(codes) == len(set(codes))


def test_a_long_ranked_list_keeps_its_order_page_by_page(catalog):
    made = [ProcedureFactory(code=f"7.{i:06d}", name=f"Thủ tục xếp hạng {i}") for i in range(30)]
    ids = [p.pk for p in reversed(made)]
    ids.insert(5, ids[0])  # an id twice stands where it first stood
    ordered = Procedure.objects.filter(AmongIds(ids)).annotate(at=Position(ids)).order_by("at")
    assert list(ordered.values_list("pk", flat=True)) == list(dict.fromkeys(ids))
    assert list(ordered.values_list("pk", flat=True)[10:15]) == list(dict.fromkeys(ids))[10:15]
