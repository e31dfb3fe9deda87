"""Migration 0024 writes the ninth round's aliases where a procedure has none, and leaves an editor's."""

from importlib import import_module

from django.apps import apps

from catalog.models import Procedure
from catalog.services import search_catalog
from tests.catalog.test_search_third_round import FILLER
from tests.factories import ProcedureFactory

SEED = import_module("catalog.migrations.0024_ninth_round_search_aliases").seed


def test_the_ninth_rounds_aliases_are_written_where_a_procedure_has_none(db):
    child = ProcedureFactory(code="1.014062", name="Cấp thẻ căn cước cho người dưới 14 tuổi", aliases="")
    provincial = ProcedureFactory(
        code="1.012549.000.00.00.H12", name="Cấp thẻ căn cước cho người dưới 14 tuổi"
    )
    unlock = ProcedureFactory(
        code="3.000275", name="Mở khóa tài khoản định danh điện tử", aliases="mở tài khoản"
    )
    Procedure.objects.filter(pk__in=[child.pk, provincial.pk]).update(aliases="", search_aliases="")

    SEED(apps, None)

    child.refresh_from_db(), provincial.refresh_from_db(), unlock.refresh_from_db()
    assert "làm cccd cho con" in child.aliases and "lam cccd cho con" in child.search_aliases
    assert provincial.aliases == child.aliases  # a local code starting with the national one
    assert unlock.aliases == "mở tài khoản"  # the editor's


def test_the_seeded_alias_answers_what_citizens_call_it(db):
    for i, name in enumerate(FILLER):
        ProcedureFactory(code=f"9.{i:06d}", name=name)
    ProcedureFactory(
        code="3.000228",
        name="Cấp tài khoản định danh điện tử mức độ 02, căn cước điện tử cho công dân Việt Nam (cấp xã)",
        aliases="vneid; định danh mức 2; tài khoản định danh",
    )
    locked = ProcedureFactory(
        code="3.000275", name="Mở khóa tài khoản định danh điện tử (thực hiện tại cấp tỉnh)"
    )
    Procedure.objects.filter(pk=locked.pk).update(aliases="", search_aliases="")
    locked.refresh_from_db()
    locked.save()
    asked = "tài khoản VNeID bị khóa, làm sao mở lại"
    assert search_catalog(asked).procedures[0].code == "3.000228"  # the name says "mở khóa", not "VNeID"

    SEED(apps, None)
    locked.refresh_from_db()
    locked.save()  # the index holds what the procedure holds (as update_index would)
    assert search_catalog(asked).procedures[0].code == "3.000275"
