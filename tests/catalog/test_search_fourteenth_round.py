"""Migration 0028: the fourteenth round's words and aliases (a paper dropped, a bride's residence, guests of a
guesthouse) and the word orders citizens use for a lost land certificate, rewritten where an earlier round
seeded the aliases and no editor changed them."""

from importlib import import_module

from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from catalog.models import Procedure
from catalog.parsing import fold
from catalog.search_seed import NATIONAL_ALIASES, RESEEDED_ALIASES
from catalog.services import search_catalog
from catalog.services.synonyms import analyse
from tests.catalog.test_search_third_round import FILLER
from tests.factories import ProcedureFactory

MIGRATION = import_module("catalog.migrations.0028_fourteenth_round_search_words")


def test_aliases_an_earlier_round_seeded_get_this_rounds_and_an_editors_stay(db):
    seeded = ProcedureFactory(code="1.012786", name="Cấp lại Giấy chứng nhận do bị mất")
    edited = ProcedureFactory(code="1.014064", name="Cấp lại thẻ căn cước")
    Procedure.objects.filter(pk=seeded.pk).update(aliases=RESEEDED_ALIASES["1.012786"][0])
    Procedure.objects.filter(pk=edited.pk).update(aliases="mất thẻ")

    MIGRATION.seed(apps, None)

    seeded.refresh_from_db(), edited.refresh_from_db()
    assert seeded.aliases == NATIONAL_ALIASES["1.012786"]
    assert "so do bi mat" in seeded.search_aliases
    assert edited.aliases == "mất thẻ"


def test_a_dropped_paper_is_re_issued_and_a_bride_registers_her_residence(db):
    dropped = analyse(fold("đánh rơi thẻ căn cước ở chợ").split())
    assert "cap lai" in dropped.hints
    moved = analyse(fold("vợ mới cưới muốn nhập khẩu về nhà chồng").split())
    assert "thuong tru" in moved.hints


def test_a_guesthouse_reports_its_guests(db):
    MIGRATION.unseed(apps, None)
    for i, name in enumerate(FILLER):
        ProcedureFactory(code=f"9.{i:06d}", name=name)
    ProcedureFactory(code="2.001159", name="Thông báo lưu trú")
    ProcedureFactory(
        code="1.004223",
        name="Cấp giấy phép khai thác nước dưới đất đối với công trình có quy mô dưới 5.000 m3/ngày đêm",
    )
    ProcedureFactory(
        code="1.001437", name="Khai báo tạm trú cho người nước ngoài tại Việt Nam qua Trang thông tin điện tử"
    )
    asked = "nhà nghỉ có khách ngủ qua đêm thì báo lưu trú cho công an như thế nào"
    assert search_catalog(asked).procedures[0].code != "2.001159"

    MIGRATION.seed(apps, None)
    cache.clear()  # as after a deploy: the tables cached before the migration are not this process's any more
    for procedure in Procedure.objects.all():
        procedure.save()  # the index holds what the procedure holds (as update_index would)
    assert search_catalog(asked).procedures[0].code == "2.001159"


def test_migrate_drops_the_search_tables_cached_before_it(db):
    """A migration's historical models save without the models' receivers: what they wrote is seen only once
    the cached tables are dropped, which `migrate` does when it ends."""
    historical = (
        MigrationLoader(connection).project_state(("catalog", "0028_fourteenth_round_search_words")).apps
    )
    assert analyse(fold("đánh rơi thẻ").split()).hints  # the table is cached, with the round's hint
    MIGRATION.unseed(historical, None)
    assert analyse(fold("đánh rơi thẻ").split()).hints  # still the cached table
    call_command("migrate", "catalog", verbosity=0)  # nothing to apply; post_migrate all the same
    assert not analyse(fold("đánh rơi thẻ").split()).hints
