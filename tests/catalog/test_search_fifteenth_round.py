"""Migration 0029: the fifteenth round's words and aliases. A death said with where it happened is no lost paper;
a child of parents not yet married is registered with the father's recognition; relatives staying a few days
are reported; a suitcase is luggage; and the aliases of procedures whose names use the law's words."""

from importlib import import_module

from django.apps import apps
from django.core.cache import cache

from catalog.models import Procedure
from catalog.parsing import fold
from catalog.search_seed import NATIONAL_ALIASES
from catalog.services import search_catalog
from catalog.services.synonyms import analyse
from tests.catalog.test_search_third_round import FILLER
from tests.factories import ProcedureFactory

MIGRATION = import_module("catalog.migrations.0029_fifteenth_round_search_words")


def seeded(state: bool) -> None:
    """The round's words (and aliases) as before the migration or after it, as a deploy leaves them."""
    MIGRATION.unseed(apps, None)
    if state:
        MIGRATION.seed(apps, None)
    cache.clear()
    for procedure in Procedure.objects.all():
        procedure.save()  # the index holds what the procedure holds (as update_index would)


def filler() -> None:
    for i, name in enumerate(FILLER):
        ProcedureFactory(code=f"9.{i:06d}", name=name)


def test_a_death_in_hospital_or_at_home_is_no_lost_paper(db):
    asked = [
        "chồng tôi quốc tịch Pháp mất tại bệnh viện ở Việt Nam",
        "mẹ tôi mất ở nhà tối qua",
    ]
    seeded(False)
    assert all("cap lai" in analyse(fold(q).split()).hints for q in asked)
    seeded(True)
    assert not any("cap lai" in analyse(fold(q).split()).hints for q in asked)
    # A lost paper is still re-issued.
    assert "cap lai" in analyse(fold("mất sổ đỏ ở nhà").split()).hints


def test_a_child_of_parents_not_yet_married_is_registered_with_the_fathers_recognition(db):
    filler()
    ProcedureFactory(code="1.001193", name="Thủ tục đăng ký khai sinh", aliases="khai sinh cho trẻ mới sinh")
    ProcedureFactory(code="1.000689", name="Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con")
    ProcedureFactory(code="2.000806", name="Thủ tục đăng ký kết hôn có yếu tố nước ngoài")
    asked = "bố mẹ chưa đăng ký kết hôn, làm khai sinh cho con ghi tên bố luôn được không"
    seeded(False)
    assert search_catalog(asked).procedures[0].code != "1.000689"
    seeded(True)
    assert search_catalog(asked).procedures[0].code == "1.000689"


def test_relatives_staying_a_few_days_are_reported_and_a_suitcase_is_luggage(db):
    filler()
    ProcedureFactory(code="2.001159", name="Thông báo lưu trú")
    ProcedureFactory(code="2.001199", name="Đăng ký thành lập công ty TNHH hai thành viên trở lên")
    ProcedureFactory(
        code="2.002264",
        name="Hàng hóa xuất khẩu, nhập khẩu, hành lý ký gửi của người nhập cảnh, xuất cảnh thất lạc, nhầm lẫn",
    )
    ProcedureFactory(code="1.007843", name="Thủ tục hải quan đối với hàng hoá đã xuất khẩu nhưng bị trả lại")
    staying = "ông bà nội lên nhà chơi vài hôm có phải báo công an không"
    suitcase = "vali bị thất lạc ở sân bay, làm thủ tục hải quan nhận lại"
    seeded(False)
    assert search_catalog(staying).procedures.first() is None or (
        search_catalog(staying).procedures[0].code != "2.001159"
    )
    assert search_catalog(suitcase).procedures[0].code != "2.002264"
    seeded(True)
    assert search_catalog(staying).procedures[0].code == "2.001159"
    assert search_catalog(suitcase).procedures[0].code == "2.002264"


def test_the_aliases_find_what_the_law_calls_otherwise_and_an_editors_stay(db):
    filler()
    gates = ProcedureFactory(code="1.010047", name="Đăng ký xuất cảnh, nhập cảnh qua cổng kiểm soát tự động")
    ProcedureFactory(code="1.004724", name="Cấp Giấy chứng nhận đăng ký cảng hàng không, sân bay")
    inspection = ProcedureFactory(
        code="1.005103",
        name="Cấp Giấy chứng nhận kiểm định, Tem kiểm định an toàn kỹ thuật và bảo vệ môi trường cho xe cơ giới "
        "(trừ xe mô tô, xe gắn máy)",
    )
    ProcedureFactory(
        code="1.001322", name="Cấp mới Giấy chứng nhận đủ điều kiện hoạt động kiểm định xe cơ giới"
    )
    edited = ProcedureFactory(code="3.000056", name="Cấp bảo lãnh Chính phủ cho khoản vay của doanh nghiệp")
    Procedure.objects.filter(pk=edited.pk).update(aliases="bảo lãnh vay vốn")
    asked = {"đăng ký đi cổng autogate ở sân bay": gates, "đăng kiểm xe ô tô định kỳ ở đâu": inspection}
    seeded(False)
    assert all(search_catalog(q).procedures[0].code != p.code for q, p in asked.items())
    seeded(True)
    assert all(search_catalog(q).procedures[0].code == p.code for q, p in asked.items())
    gates.refresh_from_db(), edited.refresh_from_db()
    assert gates.aliases == NATIONAL_ALIASES["1.010047"]
    assert edited.aliases == "bảo lãnh vay vốn"
