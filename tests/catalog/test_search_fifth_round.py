"""The fifth round of the search: context words that are a name's words, ages, hints, and a first name that
lacks the question's rarest word.

* A context word that forms a phrase of the names with the next word ("làm căn cước": folded, "can" is both
  "cần" and "căn") is a word of what is asked (`synonyms.analyse`, `search_rank.name_pair`).
* An age ("bé 8 tuổi") ranks the bracket the names use ("dưới 14 tuổi"), at full weight.
* A hint (`SearchSynonym.Kind.HINT`, "Hàn Quốc" → "nước ngoài") ranks its wording without requiring it.
* When the only word the first name lacks is the question's rarest, the results are a guess, not "close".
"""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from catalog.models import Procedure, SearchSynonym
from catalog.parsing.text import fold
from catalog.services import Quality, search_catalog
from catalog.services.synonyms import Hint, analyse, synonym_table
from tests.factories import ProcedureFactory, UserFactory


def codes(q):
    return [p.code for p in search_catalog(q).procedures]


# A table of names' pairs as search_rank.name_pair reads them from the catalog.
PAIRS = {"can cuoc", "nha o"}


def analysed(q, table=None):
    return analyse(fold(q).split(), table={} if table is None else table, name_pair=PAIRS.__contains__)


@pytest.mark.parametrize(
    ("q", "required", "context"),
    [
        # "làm" is context, but "căn" is no "cần" before "cước".
        ("làm căn cước", ["can", "cuoc"], []),
        ("cần làm giấy khai sinh", ["giay", "khai", "sinh"], []),
        # An editor's context phrase ("mua nhà") that runs into "nhà ở" of "nhà ở xã hội".
        ("mua nhà ở xã hội", ["mua", "nha", "xa", "hoi"], []),
        ("làm hộ chiếu cho con", ["ho", "chieu"], ["cho con"]),
    ],
)
def test_a_context_word_joined_to_a_names_phrase_is_asked_for(q, required, context):
    asked = analysed(q, table={"mua nha": ""})
    assert asked.required == required
    assert asked.context == context


def test_without_the_names_pairs_the_context_words_stay_context():
    assert analyse(fold("làm căn cước").split(), table={}).required == ["cuoc"]


def test_the_names_pairs_come_from_the_published_names(db):
    from catalog.services.search_rank import name_pair

    for i in range(3):
        ProcedureFactory(code=f"9.00000{i}", name=f"Cấp thẻ căn cước loại {i}")
    ProcedureFactory(code="9.000009", name="Nhận trẻ em làm con nuôi")
    for i in range(6):
        ProcedureFactory(code=f"9.00001{i}", name=f"Xác nhận con số {i}")
    assert name_pair("can cuoc")
    # One name has "làm con" and seven have "con": no phrase of the names.
    assert not name_pair("lam con")


@pytest.mark.parametrize(
    ("q", "qualifiers"),
    [
        ("căn cước cho bé 8 tuổi", ["tu du 6 tuoi", "duoi 14 tuoi", "duoi 16 tuoi", "duoi 18 tuoi"]),
        ("cccd cho con 15 tuoi", ["tu du 6 tuoi", "tu du 14 tuoi", "duoi 16 tuoi", "duoi 18 tuoi"]),
        # The citizen gave the bracket in the names' own words.
        ("căn cước cho con dưới 14 tuổi", []),
        # No age: a number of years, or past any age.
        ("nhà xây 200 năm", []),
        ("cụ 130 tuổi", []),
    ],
)
def test_an_age_asks_for_the_qualifiers_it_falls_in(q, qualifiers):
    asked = analysed(q)
    assert asked.qualifiers == qualifiers
    assert not {"8", "15", "tuoi"} & set(asked.required) or not qualifiers


@pytest.fixture
def identity_cards(db):
    return {
        "adult": ProcedureFactory(
            code="1.014061",
            name="Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên",
            aliases="làm căn cước; làm cccd",
        ),
        "child": ProcedureFactory(code="1.014062", name="Cấp thẻ căn cước cho người dưới 14 tuổi"),
        "renew": ProcedureFactory(code="1.014063", name="Cấp đổi thẻ căn cước"),
    }


@pytest.mark.parametrize(
    ("q", "who"),
    [
        ("làm căn cước cho bé 5 tuổi", "child"),
        ("be nha toi 8 tuoi co lam can cuoc duoc khong", "child"),
        ("làm căn cước cho con 16 tuổi", "adult"),
    ],
)
def test_the_card_for_the_age_asked_comes_first(identity_cards, q, who):
    assert codes(q)[0] == identity_cards[who].code


@pytest.fixture
def marriages(db):
    return {
        "home": ProcedureFactory(code="1.000894", name="Thủ tục đăng ký kết hôn"),
        "abroad": ProcedureFactory(code="2.000806", name="Thủ tục đăng ký kết hôn có yếu tố nước ngoài"),
        "extend": ProcedureFactory(code="9.000100", name="Gia hạn giấy phép kinh doanh"),
    }


def test_a_hint_ranks_its_wording_without_requiring_it(marriages):
    # Seeded by migration 0021: "hàn quốc" → "nước ngoài", a hint.
    assert SearchSynonym.objects.get(folded_term="han quoc").kind == SearchSynonym.Kind.HINT
    found = search_catalog("lấy chồng Hàn Quốc thì đăng ký kết hôn ở đâu")
    assert [p.code for p in found.procedures][:2] == ["2.000806", "1.000894"]
    # The country's own words are not required ("han" would be "hạn" of "gia hạn").
    assert "9.000100" not in [p.code for p in found.procedures][:2]


def test_without_the_hint_the_country_is_a_required_word(marriages):
    SearchSynonym.objects.filter(folded_term="han quoc").delete()
    asked = analyse(fold("kết hôn Hàn Quốc").split())
    assert asked.required == ["ket", "hon", "han", "quoc"]
    SearchSynonym.objects.create(term="Hàn Quốc", replacement="nước ngoài", kind=SearchSynonym.Kind.HINT)
    asked = analyse(fold("kết hôn Hàn Quốc").split())
    assert asked.required == ["ket", "hon"]
    assert asked.context == ["han quoc"]
    assert asked.qualifiers == ["nuoc ngoai"]


def test_the_cached_table_keeps_a_hint_a_hint(db):
    SearchSynonym.objects.create(term="xứ sở kim chi", replacement="Nước ngoài", kind=SearchSynonym.Kind.HINT)
    synonym_table()
    cached = synonym_table()  # read back from the cache
    assert isinstance(cached["xu so kim chi"], Hint)
    assert cached["xu so kim chi"] == "nuoc ngoai"
    assert not isinstance(cached["so do"], Hint)  # a replacement seeded by migration 0009


def test_a_hint_needs_a_wording(db):
    synonym = SearchSynonym(term="người Hàn", replacement="", kind=SearchSynonym.Kind.HINT)
    with pytest.raises(ValidationError) as error:
        synonym.full_clean()
    assert "Gợi ý cần có tên gọi chính thức" in str(error.value)


def test_an_editor_adds_a_hint_in_the_admin_and_the_next_search_uses_it(marriages, client):
    client.force_login(UserFactory(superuser=True))
    cache.clear()
    before = codes("ket hon voi nguoi xu kim chi")
    assert before[:1] != ["2.000806"]
    response = client.post(
        "/admin/catalog/search-synonyms/new/",
        {"term": "người xứ kim chi", "replacement": "nước ngoài", "kind": "hint", "active": "on", "note": ""},
    )
    assert response.status_code == 302
    assert codes("ket hon voi nguoi xu kim chi")[0] == "2.000806"
    listing = client.get("/admin/catalog/search-synonyms/", {"kind": "hint"}).content.decode()
    assert "người xứ kim chi" in listing
    assert "Chỉ gợi ý, không bắt buộc" in listing


def test_a_first_name_lacking_the_rarest_word_is_a_guess(db):
    ProcedureFactory(code="1.013222", name="Cấp giấy phép hoạt động cho nhà thầu nước ngoài")
    for i in range(8):
        ProcedureFactory(code=f"9.00020{i}", name=f"Cấp giấy phép loại {i} cho tổ chức nước ngoài")
    # The catalog has "lao" (in a result), no name has it: the first name has every other word (one word
    # missing from three or more made it "close"), but lacks the rarest, what the question is about: a guess.
    ProcedureFactory(code="9.000300", name="Thủ tục mẫu", body="Xuất khẩu lao")
    found = search_catalog("xin giấy phép lao động cho người nước ngoài làm ở công ty")
    assert found.quality == Quality.WEAK
    assert found.procedures[0].code == "1.013222"
    # A word no procedure has anywhere is a typo: one missing of three or more is still close.
    assert search_catalog("giấy phép hoạt độgn nhà thầu").quality == Quality.CLOSE


def test_a_synonyms_long_wording_does_not_outweigh_the_rest_of_the_question(db):
    from catalog.services.search_rank import WORDING_CAP, Ranking, name_pair

    ProcedureFactory(code="1.001612", name="Đăng ký thành lập hộ kinh doanh")
    ProcedureFactory(code="1.001686", name="Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc thú y")
    for i in range(6):
        ProcedureFactory(code=f"9.00050{i}", name=f"Cấp giấy chứng nhận loại {i}")
    # "mở cửa hàng" → "đăng ký thành lập hộ kinh doanh" (migration 0009): seven words, one thing the citizen
    # named, against "bán thuốc thú y" (in the national catalog the drugs shop fell off the first page).
    asked = analyse(fold("mở cửa hàng bán thuốc thú y").split(), name_pair=name_pair)
    assert asked.wordings == ["dang ky thanh lap ho kinh doanh"]
    ranking = Ranking(asked.ranked, wordings=asked.wordings, complete=asked.complete)
    wording = asked.wordings[0].split(" ")
    own = sum(ranking.choosing[w] for w in wording)
    capped = sum(ranking.weights[w] for w in wording)
    assert own > WORDING_CAP * max(ranking.choosing[w] for w in wording)
    assert capped <= WORDING_CAP * max(ranking.choosing[w] for w in wording) + len(wording)
    # The rest of the question keeps its weight; the candidates are still chosen on the words' own weights.
    assert all(ranking.weights[w] == ranking.choosing[w] for w in ["ban", "thuoc", "thu", "y"])
    assert ranking.weights_of(wording) == ranking.choosing


@pytest.mark.parametrize(
    ("q", "required"),
    [
        ("ko buon ban nua dong ho kinh doanh lm sao", ["buon", "ban", "dong", "ho", "kinh", "doanh"]),
        ("lm cccd can giay to j", ["cccd"]),
        ("dk tam tru dc ko", ["dk", "tam", "tru"]),
        ("mat so do ntn", ["mat", "so", "do"]),
    ],
)
def test_words_typed_short_on_a_phone_are_not_required(q, required):
    assert analysed(q).required == required


@pytest.mark.parametrize(
    ("asked", "name"),
    [
        # Sixth round (migration 0022).
        ("hàng xóm lấn đất nhà tôi", "Hòa giải tranh chấp đất đai"),
        ("mã số thuế bị khóa, mở lại", "Khôi phục mã số thuế"),
        ("the chap o to de vay ngan hang", "Đăng ký biện pháp bảo đảm bằng động sản"),
        ("ko buon ban nua dong ho kinh doanh lm sao", "Chấm dứt hoạt động hộ kinh doanh"),
        (
            "công ty 1 thành viên chuyển lên 2 thành viên",
            "Chuyển đổi công ty TNHH một thành viên thành công ty TNHH hai thành viên trở lên",
        ),
        ("viet kieu ve nuoc mang theo do dac", "Thủ tục hải quan hàng hóa là tài sản di chuyển"),
        # Seventh round (migration 0023).
        ("bán thuốc trừ sâu cần giấy gì", "Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật"),
        ("công ty bảo vệ xin giấy phép dùng dùi cui điện", "Cấp Giấy phép trang bị công cụ hỗ trợ"),
        ("lay vo roi muon ra so ho khau rieng", "Tách hộ"),
        ("bản án có hiệu lực mà bên kia không chịu trả tiền", "Yêu cầu thi hành án dân sự"),
        ("dang ky thuyen may cho khach", "Đăng ký phương tiện thủy nội địa lần đầu"),
        ("công ty giải thể rồi, xin đóng mã số thuế", "Chấm dứt hiệu lực mã số thuế"),
        ("xin giấy phép làm ví điện tử", "Cấp Giấy phép hoạt động cung ứng dịch vụ trung gian thanh toán"),
        ("thuê trọ ở hà nội có phải đăng ký gì không", "Đăng ký tạm trú"),
        ("rút bảo hiểm xã hội 1 lần", "Giải quyết hưởng bảo hiểm xã hội một lần"),
    ],
)
def test_the_sixth_and_seventh_rounds_words_reach_the_official_names(db, asked, name):
    # Beside procedures that share the citizen's own words but not what they mean.
    for i, distractor in enumerate(
        [
            "Tạm ngừng kinh doanh của hộ kinh doanh",
            "Đăng ký thuế lần đầu",
            "Đăng ký biện pháp bảo đảm bằng quyền sử dụng đất",
            "Giao đất, cho thuê đất để thực hiện hoạt động lấn biển",
            "Đăng ký thành lập hộ kinh doanh",
            "Cấp sao bản án, tài liệu trong hồ sơ vụ án",
            "Đăng ký thường trú",
            "Cho thuê nhà ở sinh viên thuộc sở hữu nhà nước",
            "Ủy quyền lĩnh thay các chế độ bảo hiểm xã hội",
        ]
    ):
        ProcedureFactory(code=f"9.00060{i}", name=distractor)
    wanted = ProcedureFactory(code="9.000699", name=name)
    assert codes(asked)[0] == wanted.code
    # Seeded by migrations 0022 and 0023.
    assert SearchSynonym.objects.filter(note__contains="heldout6").exists()
    assert SearchSynonym.objects.filter(note__contains="heldout8").exists()


def test_mat_is_a_hint_for_reissuing_and_a_death_is_context(db):
    # Migration 0023: "mất" (a context word since 0009) ranks "cấp lại" first; "bố mất" stays context.
    lost = SearchSynonym.objects.get(folded_term="mat")
    assert (lost.kind, lost.replacement) == (SearchSynonym.Kind.HINT, "cấp lại")
    assert analyse(fold("mất cavet xe ô tô").split()).qualifiers == ["cap lai"]
    died = analyse(fold("bố mất làm giấy báo tử").split())
    assert "bo mat" in died.context and "cap lai" not in died.qualifiers
    ProcedureFactory(code="9.000701", name="Đăng ký xe ô tô lần đầu")
    reissue = ProcedureFactory(code="9.000702", name="Cấp lại chứng nhận đăng ký xe ô tô")
    ProcedureFactory(code="9.000703", name="Cấp đổi chứng nhận đăng ký xe ô tô")
    assert codes("mat cavet xe o to")[0] == reissue.code


def test_o_to_typed_without_marks_is_a_car_not_a_context_word(db):
    # Folded, the "ô" of "ô tô" is "ở"; migration 0023's synonym keeps the car.
    assert analyse(fold("mua ô tô nộp lệ phí trước bạ").split()).required[:4] == ["mua", "xe", "o", "to"]
    assert analyse(fold("mua o to").split()).required == ["mua", "xe", "o", "to"]


def test_a_search_finding_nothing_does_not_announce_zero_closest_procedures(db, client):
    ProcedureFactory(code="1.000894", name="Thủ tục đăng ký kết hôn")
    html = client.get("/thu-tuc/", {"q": "xyzzy plugh qwerty"}).content.decode()
    assert "Không tìm thấy thủ tục phù hợp" in html
    assert "<strong>0</strong>" not in html


@pytest.mark.parametrize(
    ("asked", "first"),
    [
        # Nothing said of an exchange: the first issue before the exchange, their names alike.
        ("mở khách sạn cần giấy chứng nhận đủ điều kiện an ninh trật tự", "9.000902"),
        ("đổi giấy chứng nhận đủ điều kiện an ninh trật tự", "9.000901"),
        ("giấy chứng nhận an ninh trật tự bị hỏng", "9.000901"),
    ],
)
def test_a_name_that_exchanges_what_the_question_does_not_ask_to_exchange_comes_after(db, asked, first):
    ProcedureFactory(code="9.000901", name="Cấp đổi Giấy chứng nhận đủ điều kiện về an ninh, trật tự")
    ProcedureFactory(code="9.000902", name="Cấp mới Giấy chứng nhận đủ điều kiện về an ninh, trật tự")
    ProcedureFactory(code="9.000903", name="Cấp giấy phép kinh doanh dịch vụ lữ hành")
    assert codes(asked)[0] == first


def test_a_crafted_hint_wording_is_only_words_to_the_search(marriages, client):
    # An editor's (or a stolen editor account's) wording with SQL, full-text syntax and format markers: folded
    # to letters and digits before it reaches the backend's MATCH / tsquery, and every piece is a parameter.
    SearchSynonym.objects.create(
        term="xứ sở lạ",
        replacement="""nước "ngoài" OR * NEAR(a b) %s %(x)s'); DROP TABLE catalog_procedure; --""",
        kind=SearchSynonym.Kind.HINT,
    )
    response = client.get("/thu-tuc/", {"q": "đăng ký kết hôn với người xứ sở lạ"})
    assert response.status_code == 200
    assert {marriages["home"].code, marriages["abroad"].code} <= set(
        codes("đăng ký kết hôn với người xứ sở lạ")
    )
    assert Procedure.objects.count() == 3
    assert client.get("/api/v1/procedures/", {"q": "ket hon xu so la"}).status_code == 200


def test_a_question_made_of_ages_stays_bounded(db, client, django_assert_max_num_queries):
    ProcedureFactory(code="1.014062", name="Cấp thẻ căn cước cho người dưới 14 tuổi")
    asked = " ".join(f"{n} tuổi" for n in range(1, 60))[:200]
    assert len(analyse(fold(asked).split(), table={}).qualifiers) > 24
    # The page runs the same bounded number of queries as any question, however many brackets the ages give.
    with django_assert_max_num_queries(20):
        assert client.get("/thu-tuc/", {"q": asked}).status_code == 200


def test_the_admin_refuses_a_kind_it_does_not_offer(db, client):
    client.force_login(UserFactory(superuser=True))
    response = client.post(
        "/admin/catalog/search-synonyms/new/",
        {"term": "người xứ kim chi", "replacement": "nước ngoài", "kind": "drop", "active": "on"},
    )
    assert response.status_code == 200
    assert not SearchSynonym.objects.filter(folded_term="nguoi xu kim chi").exists()


def test_only_editors_add_synonyms(db, client):
    client.force_login(UserFactory())
    response = client.post(
        "/admin/catalog/search-synonyms/new/",
        {"term": "người xứ kim chi", "replacement": "nước ngoài", "kind": "hint", "active": "on"},
    )
    assert response.status_code in (302, 403)
    assert not SearchSynonym.objects.filter(folded_term="nguoi xu kim chi").exists()
