"""Catalog search weighs words by how rare they are among the names, and says how well the first result matches.

The catalog below mimics the real one's shape: many names share "cấp", "giấy", "cho", "Việt Nam", and
"tư" (đầu tư, tư pháp) is everywhere once folded to "tu", while "khai tử" is in one name.
"""

import pytest
from django.db import connection

from catalog.services import Quality, search_catalog
from catalog.services.search_rank import pair_weights, term_weights
from tests.factories import ProcedureFactory

NAMES = [
    ("1.000656", "Thủ tục đăng ký khai tử có yếu tố nước ngoài"),
    ("1.001437", "Khai báo tạm trú cho người nước ngoài tại Việt Nam qua Trang thông tin điện tử"),
    ("1.001446", "Cấp thị thực cho người nước ngoài tại Việt Nam"),
    ("1.001447", "Cấp giấy phép đầu tư cho nhà đầu tư nước ngoài tại Việt Nam"),
    ("1.001448", "Cấp giấy phép thành lập văn phòng đại diện tại Việt Nam"),
    ("1.001449", "Cấp giấy chứng nhận đăng ký đầu tư"),
    ("1.001450", "Cấp giấy phép kinh doanh dịch vụ tư vấn pháp luật"),
    ("1.001451", "Cấp giấy phép hoạt động của tổ chức giám định tư pháp"),
    ("1.001452", "Cấp giấy phép xây dựng nhà ở riêng lẻ"),
    ("1.001453", "Cấp lại giấy phép lái xe"),
    ("1.001454", "Cấp giấy phép khai thác khoáng sản"),
    ("1.001455", "Trình báo mất hộ chiếu phổ thông"),
    ("1.001456", "Cấp hộ chiếu phổ thông ở trong nước"),
    ("1.001457", "Đăng ký thành lập hộ kinh doanh"),
    ("1.001460", "Cấp phép cho tàu biển vào cảng biển Việt Nam"),
    ("1.001461", "Cấp văn bằng bảo hộ cho giống cây trồng tại Việt Nam"),
    ("1.001462", "Cấp giấy phép cho tổ chức tín dụng hoạt động tại Việt Nam"),
    ("1.001463", "Xác nhận có quốc tịch Việt Nam cho người ở trong nước"),
    ("1.001464", "Cấp thẻ tạm trú cho người nước ngoài tại Việt Nam"),
]


@pytest.fixture
def national(db):
    return {code: ProcedureFactory(code=code, name=name) for code, name in NAMES}


def codes(q):
    return [p.code for p in search_catalog(q).procedures]


def test_a_rare_word_weighs_more_than_a_common_one(national):
    weights = term_weights(["khai", "tu", "cap", "giay"])
    assert weights["tu"] < weights["khai"]  # đầu tư, tư pháp: "tu" is everywhere
    assert weights["cap"] < weights["khai"] and weights["giay"] < weights["khai"]
    # A pair weighs by how many names have the pair, not its words: "khai tu" is in one name only.
    assert pair_weights(["khai", "tu"])["khai tu"] >= weights["khai"] > weights["tu"]


def test_what_is_asked_outranks_a_longer_name_holding_the_commoner_words(national):
    # 1.001437 holds "khai", "cho", "nuoc ngoai" and "viet nam"; 1.000656 holds "khai tu" and "nuoc ngoai".
    assert codes("khai tử cho người nước ngoài ở việt nam")[0] == "1.000656"
    assert codes("cap giay khai tu")[0] == "1.000656"


def test_context_phrases_rank_but_never_veto(national):
    # "bị mất" is context: it does not have to be in the name, but the name that has "mất" fits better.
    found = codes("làm hộ chiếu bị mất thì báo ở đâu")
    assert found[0] == "1.001455"
    assert "1.001456" in found


def test_the_first_result_holding_every_word_is_exact_else_close_or_a_guess(national):
    assert search_catalog("đăng ký thành lập hộ kinh doanh").quality == Quality.EXACT
    typo = search_catalog("cap giay phep xay dugn nha o")
    assert typo.quality == Quality.CLOSE and typo.procedures[0].code == "1.001452"
    # Nothing in this catalog is about exams: the few shared words make a guess, never an answer.
    guess = search_catalog("đăng ký thi tốt nghiệp thpt cho con")
    assert guess.quality in (Quality.WEAK, Quality.NONE) and not guess.exact


def test_the_word_counts_follow_the_catalog(national):
    before = term_weights(["khoang", "san"])
    ProcedureFactory(code="1.001458", name="Gia hạn giấy phép khai thác khoáng sản")
    ProcedureFactory(code="1.001459", name="Trả lại giấy phép khai thác khoáng sản")
    after = term_weights(["khoang", "san"])
    # Saving procedures re-indexes them, and the counts are taken again: three names have it now.
    assert after["khoang"] < before["khoang"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Wagtail's PostgreSQL index only")
def test_postgres_answers_full_text_from_the_title_body_index(national):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'wagtailsearch_indexentry_title_body_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "title || body" in definition
