"""What is indexed with a procedure besides its name: the aliases editors give it (and the spelled-out form of
the abbreviations its name uses), and its dossier components' names, at a lower weight than the name."""

import pytest
from django.db import connection

from catalog.models import Procedure, ProcedureComponent, SearchSynonym
from catalog.parsing import fold
from catalog.services import Quality, search_catalog, upsert_procedure
from catalog.services.synonyms import analyse
from tests.factories import ProcedureFactory


def codes(q):
    return [p.code for p in search_catalog(q).procedures]


@pytest.fixture
def vehicles(db):
    return [
        ProcedureFactory(code="1.013080", name="Cấp lại chứng nhận đăng ký xe, biển số xe"),
        ProcedureFactory(code="1.013076", name="Cấp chứng nhận đăng ký xe khi thay đổi chủ xe"),
        ProcedureFactory(code="1.000656", name="Thủ tục đăng ký khai tử"),
    ]


def test_a_procedure_is_found_by_an_alias_editors_gave_it(vehicles):
    # "cà vẹt" is a seeded synonym since the third round: this test is about the alias alone.
    SearchSynonym.objects.filter(folded_term__startswith="ca vet").delete()
    assert search_catalog("làm lại cà vẹt").quality != Quality.EXACT  # "cà vẹt" is in no name
    assert codes("ca vet") == []
    procedure = Procedure.objects.get(code="1.013080")
    procedure.aliases = "cà vẹt xe\ngiấy tờ xe bị mất"
    procedure.save(update_fields=["aliases"])
    found = search_catalog("làm lại cà vẹt")
    assert found.procedures[0].code == "1.013080"
    assert found.quality == Quality.EXACT  # the alias holds the question: an answer, not a guess
    assert codes("ca vet")[0] == "1.013080"  # typed without diacritics, and the last word half typed too
    assert codes("cà vẹ")[0] == "1.013080"


def test_an_alias_keeps_finding_a_procedure_when_a_synonym_rewrites_the_words(vehicles):
    # The synonym sends "sổ xe" to wording this procedure's name does not use; its alias still holds the
    # citizen's own words, which stay an alternative match.
    SearchSynonym.objects.create(term="sổ xe", replacement="giấy chứng nhận quyền sở hữu xe")
    procedure = Procedure.objects.get(code="1.013076")
    procedure.aliases = "sổ xe"
    procedure.save()
    assert codes("sang tên sổ xe")[0] == "1.013076"


def test_abbreviations_of_the_name_are_found_spelled_out_and_the_other_way_round(db):
    ProcedureFactory(code="1.002759", name="Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH, thẻ BHYT")
    ProcedureFactory(code="1.000656", name="Thủ tục đăng ký khai tử")
    assert codes("cấp lại sổ bảo hiểm xã hội")[0] == "1.002759"
    assert codes("the bhyt")[0] == "1.002759"


def test_component_names_are_indexed_below_the_name(db):
    asks = ProcedureFactory(code="1.001193", name="Thủ tục đăng ký khai sinh")
    asks.components = [ProcedureComponent(name="Giấy chứng sinh (bản chính)")]
    asks.save()
    named = ProcedureFactory(code="9.000001", name="Cấp giấy chứng sinh cho trẻ sơ sinh tại cơ sở y tế")
    assert Procedure.objects.get(pk=asks.pk).search_components == "giay chung sinh ban chinh"
    found = codes("giấy chứng sinh")
    assert found[:2] == [named.code, asks.code]  # the name first, then the procedure that asks for it


def test_a_match_in_components_only_is_not_shown_as_an_answer(db, client):
    asks = ProcedureFactory(code="1.001193", name="Thủ tục đăng ký khai sinh")
    asks.components = [ProcedureComponent(name="Văn bản xác nhận của cơ sở y tế về việc mang thai hộ")]
    asks.save()
    found = search_catalog("xac nhan mang thai ho")
    assert [p.code for p in found.procedures] == ["1.001193"]
    assert found.quality != Quality.EXACT
    page = client.get("/thu-tuc/", {"q": "xac nhan mang thai ho"}).content.decode()
    assert "Có thể bạn muốn tìm" in page or "gần đúng nhất" in page


def test_imported_national_procedures_start_with_the_seeded_aliases(db):
    procedure, created = upsert_procedure({"code": "1.003197", "name": "Xóa đăng ký thường trú"})
    assert created
    assert "cắt khẩu" in procedure.aliases
    assert "cat khau" in Procedure.objects.get(pk=procedure.pk).search_aliases
    assert codes("cắt khẩu chuyển đi nơi khác")[0] == "1.003197"


def test_social_housing_is_not_the_commune_level():
    assert analyse(fold("mua nhà ở xã hội").split(), table={}).level is None
    assert analyse(fold("đăng ký kết hôn ở xã").split(), table={}).level == "commune"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN indexes only")
def test_search_gin_indexes_keep_no_pending_list(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
            "JOIN pg_am a ON a.oid = c.relam WHERE i.indrelid = 'wagtailsearch_indexentry'::regclass "
            "AND a.amname = 'gin'"
        )
        rows = cursor.fetchall()
    assert rows
    assert all("fastupdate=off" in (options or []) for _, options in rows), rows
