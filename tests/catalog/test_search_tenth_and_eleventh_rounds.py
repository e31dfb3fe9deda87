"""Tenth and eleventh rounds of citizen-question search (issue #15): an abbreviation inside a phrase editors
keep ("giải thể cty" for "giải thể công ty") takes that phrase's official wording; how long is context; a
procedure's whole short name said in a question ranks it; and migrations 0025 and 0026's words.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.cache import cache

from catalog.models import SearchSynonym
from catalog.parsing.text import fold
from catalog.services import Quality, search_catalog
from catalog.services.search_rank import names_in, short_names
from catalog.services.synonyms import Hint, analyse
from tests.catalog.test_search_third_round import FILLER
from tests.factories import ProcedureFactory

TABLE = {
    "cty": "cong ty",
    "giai the cong ty": "giai the doanh nghiep",
    "lap cong ty o nuoc ngoai": Hint("dau tu ra nuoc ngoai"),
    "bhxh": "bao hiem xa hoi",
}


@pytest.fixture
def catalog(db):
    """A few everyday procedures around the ones a test adds, and the word tables counted afresh."""
    cache.clear()
    return [ProcedureFactory(code=f"9.{i:06d}", name=name) for i, name in enumerate(FILLER)]


def analysed(q):
    return analyse(fold(q).split(), table=TABLE)


def test_an_abbreviation_inside_a_phrase_takes_the_phrases_wording():
    asked = analysed("giải thể cty cần những gì")
    assert asked.required[:4] == ["giai", "the", "doanh", "nghiep"]
    assert asked.wordings == ["giai the doanh nghiep"]
    # What the citizen typed is what a procedure's aliases may hold.
    assert asked.colloquial == ["giai the cty"]
    # Written in full, the same.
    assert analysed("giải thể công ty").required == ["giai", "the", "doanh", "nghiep"]


def test_an_abbreviation_inside_a_hints_phrase_gives_the_hint():
    asked = analysed("lap cty o nuoc ngoai")
    assert asked.hints == ["dau tu ra nuoc ngoai"]
    assert asked.context == ["lap cty o nuoc ngoai"]


def test_an_abbreviation_in_no_phrase_is_spelt_out_on_its_own():
    asked = analysed("thành lập cty")
    assert asked.required == ["thanh", "lap", "cong", "ty"]
    assert asked.colloquial == ["cty"]
    # Two abbreviations, each its own wording; no phrase of the table holds them together.
    asked = analysed("cty đóng bhxh")
    assert asked.wordings == ["cong ty", "bao hiem xa hoi"]


def test_a_dissolution_asked_with_cty_finds_the_companys_not_a_funds(catalog):
    for term, replacement in (("cty", "công ty"), ("giải thể công ty", "giải thể doanh nghiệp")):
        SearchSynonym.objects.get_or_create(
            folded_term=fold(term), defaults={"term": term, "replacement": replacement}
        )
    ProcedureFactory(
        code="1.009540",
        name="Giải thể công ty quản lý quỹ đầu tư chứng khoán, chi nhánh công ty quản lý quỹ nước ngoài tại Việt Nam",
    )
    ProcedureFactory(code="2.002023", name="Giải thể doanh nghiệp")

    found = search_catalog("giai the cty can nhung j")

    assert found.procedures[0].code == "2.002023"
    assert found.quality == Quality.EXACT


def test_migration_0025_seeds_the_rounds_words_and_leaves_an_editors(db):
    seed = import_module("catalog.migrations.0025_tenth_round_search_synonyms").seed
    unseed = import_module("catalog.migrations.0025_tenth_round_search_synonyms").unseed
    assert SearchSynonym.objects.get(folded_term="bao mat").kind == SearchSynonym.Kind.HINT
    assert (
        SearchSynonym.objects.get(folded_term="xac nhan cu tru").replacement == "xác nhận thông tin về cư trú"
    )
    SearchSynonym.objects.filter(folded_term="photo").update(replacement="bản chụp")

    unseed(apps, None)
    assert not SearchSynonym.objects.filter(folded_term__in=["bao mat", "photo"]).exists()
    SearchSynonym.objects.create(term="photo", replacement="bản chụp", kind=SearchSynonym.Kind.HINT)
    seed(apps, None)

    assert SearchSynonym.objects.get(folded_term="photo").replacement == "bản chụp"
    assert SearchSynonym.objects.get(folded_term="tru het diem").kind == SearchSynonym.Kind.HINT


def test_a_lost_passport_reported_is_the_report_not_a_new_passport(catalog):
    ProcedureFactory(code="1.001456", name="Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)")
    ProcedureFactory(code="1.010386", name="Trình báo mất hộ chiếu phổ thông (thực hiện tại cấp xã)")

    # The seeded hint names the report in the names' words; "mất" alone would hint a re-issue ("cấp lại").
    assert analyse(fold("báo mất hộ chiếu").split()).hints == ["trinh bao mat"]
    found = search_catalog("báo mất hộ chiếu")
    assert found.procedures[0].code == "1.010386"
    assert found.quality == Quality.EXACT


def test_a_landlord_asking_how_to_declare_tax_finds_the_landlords_declaration(catalog):
    ProcedureFactory(code="1.007765", name="Cho thuê nhà ở sinh viên thuộc sở hữu nhà nước")
    ProcedureFactory(code="1.012891", name="Cho thuê nhà ở công vụ thuộc thẩm quyền quản lý của địa phương")
    ProcedureFactory(
        code="1.007689",
        name="Khai thuế đối với cá nhân cho thuê bất động sản trực tiếp khai thuế với cơ quan thuế",
    )

    assert analyse(fold("cho thuê nhà nguyên căn thì khai thuế thế nào").split()).hints == [
        "cho thue bat dong san"
    ]
    assert search_catalog("cho thuê nhà nguyên căn thì khai thuế thế nào").procedures[0].code == "1.007689"


def test_a_seller_asking_what_to_do_finds_the_registrations_withdrawal(catalog):
    ProcedureFactory(code="3.000352", name="Thu hồi giấy phép lái xe")
    ProcedureFactory(code="1.013066", name="Đăng ký sang tên xe trong nước")
    ProcedureFactory(
        code="1.013065",
        name="Thu hồi chứng nhận đăng ký xe, biển số xe thực hiện bằng dịch vụ công toàn trình",
    )

    asked = "bán xe máy cũ cho người khác thì chủ cũ phải làm gì"
    assert "thu hoi chung nhan dang ky xe" in analyse(fold(asked).split()).hints
    assert search_catalog(asked).procedures[0].code == "1.013065"


def test_how_long_is_context_not_a_word_of_a_name():
    # "được 2 tuần", "vài hôm", "một năm": said of the citizen's situation, in no procedure's name.
    asked = analysed("vợ sinh bé được 2 tuần, đi khai sinh ở đâu")
    assert "2" not in asked.required and "tuan" not in asked.required
    assert "2 tuan" in asked.context
    asked = analysed("họ hàng lên ở nhờ vài hôm")
    assert asked.context == ["vai hom"] and "vai" not in asked.required
    assert analysed("tạm ngừng kinh doanh một năm").required == ["tam", "ngung", "kinh", "doanh"]
    # A number before anything else stays a word ("cấp 4", "mức độ 2"), and so does an age.
    assert analysed("nhà cấp 4").required == ["nha", "cap", "4"]
    assert analysed("thẻ căn cước cho bé 8 tuổi").qualifiers


def test_a_short_name_said_whole_among_other_words_is_found(catalog):
    ProcedureFactory(code="2.001159", name="Thông báo lưu trú")
    ProcedureFactory(code="1.007923", name="Cấp Quyết định công nhận phân bón lưu hành tại Việt Nam")
    ProcedureFactory(
        code="3.000405",
        name="Chấp thuận đưa xe ô tô có tay lái bên phải vào Việt Nam quá thời gian lưu trú tối đa tại Việt Nam",
    )
    ProcedureFactory(code="9.100000", name="Thủ tục đăng ký khai tử")

    # Without its leading "thủ tục"; a name of more than five words is no short name.
    assert {"thong bao luu tru", "dang ky ket hon", "dang ky khai tu"} <= short_names()
    assert not any(len(name.split()) > 5 for name in short_names())
    words = fold("nhà nghỉ nhận khách Việt Nam ở qua đêm thì thông báo lưu trú thế nào").split()
    assert names_in(words) == ["thong bao luu tru"]
    # What was not done, and the paper a procedure gave, are not the procedure asked for.
    assert names_in(fold("chưa đăng ký kết hôn, bố muốn nhận con").replace(",", "").split()) == []
    assert names_in(fold("xin bản sao giấy đăng ký kết hôn").split()) == []

    found = search_catalog("nhà nghỉ nhận khách Việt Nam ở qua đêm thì thông báo lưu trú thế nào")
    assert found.procedures[0].code == "2.001159"


def test_a_transport_licence_keeps_its_transport(catalog):
    # Migration 0026: the longer phrase wins over "giấy phép kinh doanh" → "giấy chứng nhận đăng ký".
    asked = analyse(fold("xin giấy phép kinh doanh vận tải taxi").split())
    assert asked.required[:4] == ["kinh", "doanh", "van", "tai"]
    ProcedureFactory(code="2.002018", name="Cấp lại Giấy chứng nhận đăng ký doanh nghiệp")
    ProcedureFactory(code="1.000703", name="Cấp Giấy phép kinh doanh vận tải bằng xe ô tô")
    assert search_catalog("xin giay phep kinh doanh van tai taxi").procedures[0].code == "1.000703"


def test_a_question_stuffed_with_short_names_and_abbreviations_costs_no_more_queries(
    catalog, client, django_assert_max_num_queries
):
    # An attacker repeats whole names and abbreviations to multiply the hints, candidates and ranking terms.
    ProcedureFactory(code="2.001159", name="Thông báo lưu trú")
    client.get("/thu-tuc/", {"q": "thông báo lưu trú ở đâu"})  # the word tables counted once
    with django_assert_max_num_queries(12) as plain:
        client.get("/thu-tuc/", {"q": "nhà nghỉ thì thông báo lưu trú thế nào"})
    stuffed = " ".join(["thông báo lưu trú cty", "đăng ký khai sinh htx", "12 tuần"] * 60)
    with django_assert_max_num_queries(len(plain.captured_queries) + 2):
        response = client.get("/thu-tuc/", {"q": stuffed})
    assert response.status_code == 200
