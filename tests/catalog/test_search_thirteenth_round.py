"""Migration 0027: the thirteenth round's words and aliases. A lost or torn birth certificate, a company closed,
a tax code reopened: questions that named the paper found its first registration, the one alias that had
the paper's name."""

from importlib import import_module

import pytest
from django.apps import apps

from catalog.models import Procedure, SearchSynonym
from catalog.parsing import fold
from catalog.search_seed import NATIONAL_ALIASES, RESEEDED_ALIASES, SYNONYMS_THIRTEENTH
from catalog.services import search_catalog
from catalog.services.synonyms import analyse
from tests.catalog.test_search_third_round import FILLER
from tests.factories import ProcedureFactory

MIGRATION = import_module("catalog.migrations.0027_thirteenth_round_search_words")

BIRTH = [
    ("1.001193", "Thủ tục đăng ký khai sinh"),
    ("1.004884", "Thủ tục đăng ký lại khai sinh"),
    ("2.000635", "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh"),
    ("1.004859", "Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc"),
    ("1.000689", "Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con"),
]


def _catalog(aliases: dict[str, str]) -> dict[str, Procedure]:
    for i, name in enumerate(FILLER):
        if "khai sinh" not in name:
            ProcedureFactory(code=f"9.{i:06d}", name=name)
    made = {code: ProcedureFactory(code=code, name=name) for code, name in BIRTH}
    for code, procedure in made.items():
        procedure.aliases = aliases.get(code, "")
        procedure.save()  # the index holds what the procedure holds (as update_index would)
    return made


def _first(q: str) -> str:
    return search_catalog(q).procedures[0].code


@pytest.mark.parametrize(
    ("asked", "answers"),
    [
        ("lam lai giay khai sinh bi mat", {"1.004884", "2.000635"}),
        ("giấy khai sinh bị rách muốn xin bản sao", {"2.000635"}),
        ("sửa sai năm sinh trên giấy khai sinh của tôi", {"1.004859"}),
    ],
)
def test_a_question_about_the_paper_no_longer_finds_its_first_registration(db, asked, answers):
    # What the earlier rounds seeded, and nothing for the others.
    before = _catalog({code: values[0] for code, values in RESEEDED_ALIASES.items()})
    assert _first(asked) == "1.001193"

    MIGRATION.seed(apps, None)
    for procedure in before.values():
        procedure.refresh_from_db()
        procedure.save()
    assert _first(asked) in answers
    assert _first("làm giấy khai sinh cho con mới sinh") == "1.001193"  # still the first registration


def test_the_migration_rewrites_only_what_an_earlier_round_seeded(db):
    seeded = ProcedureFactory(code="1.001193", name="Thủ tục đăng ký khai sinh")
    edited = ProcedureFactory(code="1.004859", name="Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch")
    empty = ProcedureFactory(code="2.000635", name="Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh")
    Procedure.objects.filter(pk=seeded.pk).update(aliases=RESEEDED_ALIASES["1.001193"][0])
    Procedure.objects.filter(pk=edited.pk).update(aliases="sửa hộ tịch")  # an editor's
    Procedure.objects.filter(pk=empty.pk).update(aliases="", search_aliases="")

    MIGRATION.seed(apps, None)

    seeded.refresh_from_db(), edited.refresh_from_db(), empty.refresh_from_db()
    assert seeded.aliases == NATIONAL_ALIASES["1.001193"]
    assert "giay khai sinh" not in seeded.search_aliases
    assert edited.aliases == "sửa hộ tịch"
    assert "xin lai giay khai sinh" in empty.search_aliases


def test_the_rounds_synonyms_are_seeded_and_undone(db):
    MIGRATION.unseed(apps, None)
    assert not SearchSynonym.objects.filter(term__in=[t for t, _, _ in SYNONYMS_THIRTEENTH]).exists()
    MIGRATION.seed(apps, None)
    assert SearchSynonym.objects.filter(folded_term="mo lai mst", replacement="khôi phục mã số thuế").exists()


def test_a_reopened_tax_code_is_asked_in_the_names_words(db):
    asked = analyse(fold("giờ muốn mở lại MST").split())
    assert "khoi phuc ma so thue" in asked.wordings


def test_a_closed_company_finds_its_dissolution(db):
    for i, name in enumerate(FILLER):
        ProcedureFactory(code=f"9.{i:06d}", name=name)
    for code, name in [
        (
            "2.002023",
            "Giải thể doanh nghiệp, giải thể trong trường hợp bị thu hồi Giấy chứng nhận đăng ký doanh nghiệp",
        ),
        ("2.002034", "Chuyển đổi công ty trách nhiệm hữu hạn thành công ty cổ phần và ngược lại"),
        (
            "2.002032",
            "Chuyển đổi doanh nghiệp tư nhân thành công ty hợp danh, công ty trách nhiệm hữu hạn, công ty cổ phần",
        ),
        (
            "2.002057",
            "Đăng ký thay đổi nội dung đăng ký doanh nghiệp đối với công ty bị tách (đối với công ty trách nhiệm "
            "hữu hạn, công ty cổ phần)",
        ),
    ]:
        ProcedureFactory(code=code, name=name, aliases=NATIONAL_ALIASES.get(code, ""))
    assert _first("Muốn giải thể công ty TNHH vì làm ăn không được") == "2.002023"
