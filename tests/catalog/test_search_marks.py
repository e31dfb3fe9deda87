"""`Procedure.search_marks`: the name's words with their marks, lowered, kept beside the folded name so that the
ranking tells a word typed with its marks from its folded twin with a substring search (migration 0030)."""

import unicodedata
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Procedure
from catalog.parsing import fold, marked_words
from catalog.services.search_rank import MAX_RANK_TERMS, Ranking, typed_accents
from tests.factories import ProcedureFactory

MIGRATION = import_module("catalog.migrations.0030_procedure_search_marks")


def test_the_words_keep_their_marks_lowered_without_punctuation():
    assert marked_words("Khai thuế, nộp thuế (cấp xã)") == "khai thuế nộp thuế cấp xã"
    assert marked_words("“HÀ NỘI” – Đồng/Đất") == "hà nội đồng đất"
    assert marked_words(unicodedata.normalize("NFD", "Đăng ký khai tử")) == "đăng ký khai tử"
    assert marked_words("") == marked_words(None) == ""


def test_save_and_a_rename_keep_the_marks_in_step(db):
    procedure = ProcedureFactory(code="1.000656", name="Thủ tục đăng ký khai tử")
    assert procedure.search_marks == "thủ tục đăng ký khai tử"
    procedure.name = "Đăng ký khai tử, trích lục"
    procedure.save(update_fields=["name"])
    procedure.refresh_from_db()
    assert procedure.search_marks == "đăng ký khai tử trích lục"


def test_the_migration_writes_the_marks_of_the_procedures_present(db):
    procedure = ProcedureFactory(code="1.007689", name="Khai thuế đối với cá nhân cho thuê bất động sản")
    Procedure.objects.filter(pk=procedure.pk).update(search_marks="")
    MIGRATION.fill(apps, None)
    procedure.refresh_from_db()
    assert procedure.search_marks == "khai thuế đối với cá nhân cho thuê bất động sản"


def accent_cost(q: str, procedure: Procedure) -> int:
    """What the marks typed in `q` change in the procedure's score (0: the name has the words as typed)."""
    one = Procedure.objects.filter(pk=procedure.pk)
    typed = Ranking(fold(q).split(), accents=typed_accents(q)).apply(one).get().search_score
    return typed - Ranking(fold(q).split()).apply(one).get().search_score


def test_a_word_typed_with_other_marks_costs_and_punctuation_between_words_does_not(db):
    houses = ProcedureFactory(code="3.000291", name="Quản lý, khai thác nhà, đất")
    rent = ProcedureFactory(code="1.007689", name="Khai tiền thuê đất")
    assert accent_cost("nhà đất", houses) == 0  # "nhà, đất" holds the pair as typed
    assert accent_cost("thuế đất", rent) < 0  # "thuê" is not "thuế"
    assert accent_cost("thue dat", rent) == 0  # typed without marks: nothing to compare


def test_a_row_written_without_its_marks_is_ranked_on_the_folded_name(db):
    rent = ProcedureFactory(code="1.007689", name="Khai tiền thuê đất")
    Procedure.objects.filter(pk=rent.pk).update(search_marks="")
    assert accent_cost("thuế đất", rent) == 0


# Words typed with their marks reach the ranked SQL as parameters of a substring search: quotes, wildcards and a
# flood of distinct marked words must stay words (and bounded), whatever the engine.
MANY_MARKED = " ".join(f"{initial}{vowel}" for initial in "bcdghklmnpqrstvx" for vowel in "ấếố")


@pytest.mark.parametrize(
    "hostile",
    [
        "thuế' OR 1=1 --",
        "đất%_% nhà",
        "thuế\\ đất",
        "nhà \x00 đất",
        "thuế' || (SELECT name FROM auth_user) || '",
        MANY_MARKED,
    ],
)
def test_words_typed_with_marks_cannot_reach_the_sql_as_anything_but_words(db, client, hostile):
    rent = ProcedureFactory(code="1.007689", name="Khai tiền thuê đất")
    houses = ProcedureFactory(code="3.000291", name="Quản lý, khai thác nhà, đất")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/thu-tuc/", {"q": hostile})
    assert response.status_code == 200
    assert Procedure.objects.count() == 2
    rent.refresh_from_db(), houses.refresh_from_db()
    assert rent.search_marks == "khai tiền thuê đất"
    # Only the question's words reach the SQL, never its quotes or operators as typed.
    assert not any(
        "OR 1=1" in query["sql"] or "auth_user" in query["sql"] for query in captured.captured_queries
    )


def test_a_flood_of_marked_words_is_capped_before_the_sql(db, client):
    ProcedureFactory(code="1.007689", name="Khai tiền thuê đất")
    assert len(typed_accents(MANY_MARKED)) == 48  # every word typed with marks, none twice
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/thu-tuc/", {"q": MANY_MARKED}).status_code == 200
    # At most MAX_RANK_TERMS words are weighed: two substring searches of the marks each, in one statement.
    most = max(query["sql"].count("search_marks") for query in captured.captured_queries)
    assert 0 < most <= 2 * MAX_RANK_TERMS
