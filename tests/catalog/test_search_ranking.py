"""Catalog search: folding, ranking, partial and mistyped words, questions, codes, filters and bounds."""

import unicodedata

import pytest

from catalog.services import fold_query, search_catalog, search_procedures
from catalog.services.search import MAX_TERMS, RELAXED_LIMIT
from tests.factories import AgencyLevelFactory, ProcedureFactory


def codes(q, queryset=None):
    return [p.code for p in search_procedures(q, queryset)]


@pytest.fixture
def catalog(db):
    made = {}
    for code, name, body in [
        ("1.009994", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Xây dựng"),
        ("1.009995", "Cấp giấy phép xây dựng sửa chữa, cải tạo công trình", "Xây dựng"),
        ("1.009996", "Gia hạn giấy phép xây dựng", "Xây dựng"),
        ("1.001193", "Đăng ký khai sinh", "Hộ tịch"),
        ("1.001194", "Đăng ký khai sinh có yếu tố nước ngoài", "Hộ tịch"),
        ("1.001195", "Đăng ký kết hôn", "Hộ tịch"),
        ("1.001196", "Thủ tục đăng ký khai sinh", "Hộ tịch"),
        ("2.000001", "Xác nhận hồ sơ đất đai", "Đất đai giấy phép xây dựng đã cấp"),
        ("2.000002", "Cấp giấy phép kinh doanh dịch vụ lữ hành quốc tế", "Du lịch"),
        # every word of the "doan" query below, but spread over its name and its body
        ("2.000003", "Đăng ký đoàn khách du lịch", "Cấp giấy phép kinh doanh dịch vụ lữ hành"),
    ]:
        made[code] = ProcedureFactory(code=code, name=name, body=body)
    made["1.009994"].levels.add(AgencyLevelFactory(code="province"))
    made["1.009994"].levels.commit()  # a parental many-to-many field: written on commit
    made["1.009996"].levels.add(AgencyLevelFactory(code="commune"))
    made["1.009996"].levels.commit()  # a parental many-to-many field: written on commit
    return made


@pytest.mark.parametrize(
    "query",
    [
        "giay phep xay dung moi",
        "GIẤY PHÉP XÂY DỰNG MỚI",
        unicodedata.normalize("NFD", "giấy phép xây dựng mới"),
        "Ｇｉａｙ ｐｈｅｐ xay dung moi",  # full-width letters from some phone keyboards
        "  giay   phep\txay\u00a0dung moi ",
    ],
)
def test_case_accents_and_unicode_forms_do_not_matter(catalog, query):
    assert codes(query)[0] == "1.009994"


def test_d_finds_dj_and_dj_finds_d(catalog):
    assert codes("dang ky ket hon") == ["1.001195"]
    assert codes("đang ky ket hon") == ["1.001195"]
    assert "1.001193" in codes("d")


def test_the_name_ranks_before_the_body(catalog):
    found = codes("giay phep xay dung")
    # 2.000001 has the words only in its body: it comes after every name that has them.
    assert set(found[:3]) == {"1.009994", "1.009995", "1.009996"}
    assert found[-1] == "2.000001"


def test_a_name_that_starts_with_the_words_comes_first_then_the_shorter(catalog):
    # 1.001196 is shorter than 1.001194 but does not start with the words
    assert codes("dang ky khai sinh") == ["1.001193", "1.001194", "1.001196"]


def test_a_half_typed_last_word_matches_as_a_prefix(catalog):
    assert codes("giay phep xay dun")[:3] == codes("giay phep xay dung")[:3]
    assert codes("khai si") == ["1.001193", "1.001196", "1.001194"]
    # one or two letters are too common to look up: they only order what the other words found
    assert codes("dang ky k")[:3] == ["1.001195", "1.001193", "1.001194"]


def test_a_mistyped_word_still_finds_the_procedure_and_says_so(catalog):
    result = search_catalog("cap giay phep xay dugn moi")
    assert not result.exact
    assert result.procedures[0].code == "1.009994"
    assert result.total == len(list(result.procedures)) <= RELAXED_LIMIT


def test_a_typo_that_makes_another_real_word_is_looked_past(catalog):
    # "doan" (for "doanh") is a real word: 2.000003 has every word, in its name and body together, but
    # no name has them all, so the names missing one word are weighed too.
    result = search_catalog("cap giay phep kinh doan dich vu lu hanh")
    assert [p.code for p in result.procedures][:2] == ["2.000002", "2.000003"]
    assert not result.exact


def test_a_question_finds_the_procedure_it_asks_about(catalog):
    assert codes("Thủ tục đăng ký khai sinh cần giấy tờ gì?")[0] == "1.001193"
    assert codes("dang ky ket hon o dau")[0] == "1.001195"


def test_words_found_nowhere_give_nothing_rather_than_noise(catalog):
    result = search_catalog("xyzzy plugh")
    assert list(result.procedures) == [] and result.total == 0


def test_procedure_codes_and_their_beginning(catalog):
    assert codes("1.009994") == ["1.009994"]
    assert codes(" 1.00999 ") == ["1.009994", "1.009995", "1.009996"]
    assert codes("2.000002") == ["2.000002"]


def test_search_keeps_the_callers_filters(catalog):
    from catalog.models import Procedure

    province = Procedure.objects.published().filter(levels__code="province")
    assert codes("giay phep xay dung", province) == ["1.009994"]
    assert codes("giay phep xay dugn", province) == ["1.009994"]  # approximate results too


def test_abolished_procedures_are_not_found(catalog):
    ProcedureFactory(code="1.777777", name="Cấp giấy phép xây dựng tạm", abolished=True)
    assert "1.777777" not in codes("giay phep xay dung tam")


def test_query_terms_are_bounded_and_distinct():
    assert fold_query("a " * 10_000) == ["a"]
    assert len(fold_query(" ".join(f"tu{i}" for i in range(100)))) == MAX_TERMS
    assert fold_query('"xay" AND dung* NEAR(a b) title:x (.*)+$ ^[x]{2}') == [
        "xay",
        "and",
        "dung",
        "near",
        "a",
        "b",
        "title",
        "x",
        "2",
    ]
    assert all(len(t) <= 32 for t in fold_query("x" * 10_000))
