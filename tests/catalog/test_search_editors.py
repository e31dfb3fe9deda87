"""What editors manage around search: synonyms in the admin (applied from the next search), the queries
citizens typed (masked, zero-hit and never-opened ones found), promoted results, and the procedure chooser."""

import re

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from catalog.models import SearchQueryStat, SearchSynonym
from catalog.services import Quality, search_catalog
from catalog.services.search_log import log_search, mask_personal_data
from tests.factories import ProcedureFactory, UserFactory


@pytest.fixture
def admin_client(db, client):
    client.force_login(UserFactory(superuser=True))
    return client


@pytest.fixture
def marriage(db):
    return [
        ProcedureFactory(code="1.000894", name="Thủ tục đăng ký kết hôn"),
        ProcedureFactory(code="1.004873", name="Thủ tục cấp Giấy xác nhận tình trạng hôn nhân"),
        ProcedureFactory(code="1.000656", name="Thủ tục đăng ký khai tử"),
        ProcedureFactory(code="1.013978", name="Cấp Giấy chứng nhận quyền sử dụng đất lần đầu"),
    ]


def codes(q):
    return [p.code for p in search_catalog(q).procedures]


def test_seeded_synonyms_find_the_official_names(marriage):
    assert codes("xin giấy xác nhận độc thân")[0] == "1.004873"
    assert codes("bao tu")[0] == "1.000656"
    assert codes("làm sổ đỏ lần đầu")[0] == "1.013978"


def test_context_words_never_veto_a_match(marriage):
    found = search_catalog("bố em mới mất thì báo tử ở đâu")
    assert found.quality == Quality.EXACT
    assert [p.code for p in found.procedures] == ["1.000656"]


def test_a_synonym_saved_applies_to_the_next_search_and_a_deleted_one_stops(marriage):
    assert "1.000894" not in codes("nen duyen")
    synonym = SearchSynonym.objects.create(term="nên duyên", replacement="kết hôn")
    assert codes("nen duyen") == ["1.000894"]
    synonym.delete()
    assert "1.000894" not in codes("nen duyen")


def test_only_some_words_matching_is_labelled_weak_on_the_page_and_in_the_api(marriage, client):
    found = search_catalog("ket qua xo so")
    assert found.quality in (Quality.WEAK, Quality.NONE)
    page = client.get("/thu-tuc/", {"q": "kết hôn xyzzy plugh"}).content.decode()
    assert "Có thể bạn muốn tìm" in page
    assert client.get("/api/v1/procedures/", {"q": "kết hôn xyzzy plugh"}).json()["match"] == "weak"
    assert client.get("/api/v1/procedures/", {"q": "ket hon"}).json()["match"] == "exact"


@pytest.mark.parametrize(
    ("typed", "logged"),
    [
        ("cấp lại cccd 001203004567", "cấp lại cccd ***"),
        ("sdt 0912 345 678 đăng ký", "sdt *** đăng ký"),
        ("gửi a.b@example.vn", "gửi ***"),
        ("1.000894", "1.000894"),  # procedure codes stay
    ],
)
def test_personal_data_is_masked_before_logging(typed, logged):
    assert mask_personal_data(typed) == logged


def test_searches_are_logged_with_their_outcome_and_clicks_counted(
    marriage, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get("/thu-tuc/", {"q": "Kết hôn 0912345678"}).content.decode()
    stat = SearchQueryStat.objects.get(query__query_string="kết hôn ***")
    shown = len(re.findall(r'class="title" href="/thu-tuc/', page))  # the closest ones, on one page
    assert (stat.searches, stat.results, stat.quality, stat.clicks) == (1, shown, "close", 0)
    assert shown >= 1
    assert Query.objects.get(query_string="kết hôn ***").hits == 1
    link = re.search(r'class="title" href="(/thu-tuc/1\.000894/[^"]*)"', page).group(1)
    assert "tk=" in link and "0912345678" not in link  # the click link carries the masked query
    client.get("/thu-tuc/1.000894/", {"tk": "kết hôn ***"})
    stat.refresh_from_db()
    assert stat.clicks == 1


def test_the_admin_lists_zero_hit_and_never_opened_queries(marriage, admin_client):
    log_search("xyzzy plugh", 0, "none")
    log_search("ket hon", 1, "exact")
    url = "/admin/catalog/search-queries/"
    assert "xyzzy plugh" in admin_client.get(url, {"outcome": "zero"}).content.decode()
    assert "xyzzy plugh" not in admin_client.get(url, {"outcome": "unclicked"}).content.decode()
    assert "ket hon" in admin_client.get(url, {"outcome": "unclicked"}).content.decode()


def test_promoted_results_show_above_the_results(marriage, client):
    SearchPromotion.objects.create(
        query=Query.get("ket hon"),
        external_link_url="https://dichvucong.gov.vn/",
        external_link_text="Nộp hồ sơ kết hôn trực tuyến",
    )
    assert "Nộp hồ sơ kết hôn trực tuyến" in client.get("/thu-tuc/", {"q": "Ket hon"}).content.decode()


@pytest.mark.parametrize("typed", ["kết hôn", "ket hon", "KẾT HÔN", "1.000894"])
def test_the_procedure_chooser_finds_by_code_and_with_or_without_accents(marriage, admin_client, typed):
    response = admin_client.get("/admin/snippets/choose/catalog/procedure/results/", {"q": typed})
    assert response.status_code == 200
    assert "1.000894" in response.content.decode()


@pytest.mark.parametrize(
    ("asked", "name"),
    [
        ("xin giấy phép khai thác mỏ đá", "Cấp giấy phép khai thác khoáng sản (cấp Tỉnh)"),
        ("nha may xin giay phep khai thac nuoc song", "Cấp giấy phép khai thác nước mặt, nước biển"),
        ("tòa xử thắng mà bên kia không trả tiền", "Yêu cầu thi hành án dân sự"),
        ("rút bhxh 1 lần", "Giải quyết hưởng bảo hiểm xã hội một lần"),
        ("hoàn công nhà", "Đăng ký tài sản gắn liền với thửa đất đã được cấp Giấy chứng nhận"),
        ("sổ đỏ ghi sai tên", "Đính chính Giấy chứng nhận đã cấp lần đầu có sai sót"),
    ],
)
def test_the_fourth_rounds_everyday_words_reach_the_official_names(db, asked, name):
    # Beside a procedure that shares the citizen's own words but not what they mean.
    ProcedureFactory(code="9.000001", name="Cấp giấy phép khai thác nước dưới đất")
    ProcedureFactory(code="9.000002", name="Đăng ký biến động quyền sử dụng đất, tài sản trên đất")
    wanted = ProcedureFactory(code="9.000003", name=name)
    assert codes(asked)[0] == wanted.code
    assert SearchSynonym.objects.filter(note__contains="heldout4").exists()  # seeded by migration 0019


def test_a_question_nobody_promoted_asks_the_database_nothing_and_a_new_promotion_shows_at_once(
    marriage, client, django_assert_num_queries
):
    from catalog.services.search_log import promotions_for

    promotions_for("ket hon")  # the promoted questions read once
    with django_assert_num_queries(0):
        assert promotions_for("ket hon") == []
    # An editor's new promotion is seen by the next search: saving it drops the cached questions.
    promotion = SearchPromotion.objects.create(
        query=Query.get("ket hon"),
        external_link_url="https://dichvucong.gov.vn/",
        external_link_text="Nộp hồ sơ kết hôn trực tuyến",
    )
    assert promotions_for("Ket hon") == [promotion]
    assert "Nộp hồ sơ kết hôn trực tuyến" in client.get("/thu-tuc/", {"q": "Ket hon"}).content.decode()
    promotion.delete()
    promotions_for("ket hon")
    with django_assert_num_queries(0):
        assert promotions_for("ket hon") == []
