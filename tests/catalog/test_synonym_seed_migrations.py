"""Migrations 0021-0023 and 0025-0029 seed the fifth to seventh, the tenth, the eleventh, the thirteenth,
the fourteenth and the fifteenth rounds' search words and undo exactly that: going back to 0019
leaves the synonyms seeded before (and editors' own) as they were, and "mất" a context word again.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from catalog.models import SearchSynonym

BEFORE = [("catalog", "0019_fourth_round_search_synonyms")]


SEEDS = [
    "0009_seed_search_synonyms",
    "0016_more_search_synonyms_and_aliases",
    "0017_third_round_search_synonyms",
    "0019_fourth_round_search_synonyms",
    "0021_fifth_round_search_synonyms",
    "0022_sixth_round_search_synonyms",
    "0023_seventh_round_search_synonyms",
    "0025_tenth_round_search_synonyms",
    "0026_eleventh_round_search_synonyms",
    "0027_thirteenth_round_search_words",
    "0028_fourteenth_round_search_words",
    "0029_fifteenth_round_search_words",
]


@pytest.fixture
def forward_afterwards():
    """The seeded synonyms as a fresh database has them (a transactional test before this one emptied the
    tables), and the schema back at the current migration whatever the outcome."""
    SearchSynonym.objects.all().delete()
    for name in SEEDS:
        import_module(f"catalog.migrations.{name}").seed(apps, None)
    yield
    call_command("migrate", verbosity=0)


def synonyms() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT folded_term, replacement FROM catalog_searchsynonym")
        return dict(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_the_rounds_seeds_go_back_and_forth_without_touching_earlier_ones(forward_afterwards):
    now = {s.folded_term: (s.replacement, s.kind) for s in SearchSynonym.objects.all()}
    assert now["mat"] == ("cấp lại", "hint")
    assert now["thue tro"] == now["o tro"] == ("tạm trú", "hint")
    assert now["han quoc"] == ("nước ngoài", "hint")
    # Seeded by 0009 and 0017 before a later round listed the same words: theirs.
    assert now["qua doi"] == ("", "replace")
    assert now["dang kiem xe"] == ("kiểm định xe", "replace")

    MigrationExecutor(connection).migrate(BEFORE)
    before = synonyms()
    assert before["mat"] == before["thue tro"] == before["o tro"] == ""
    assert before["qua doi"] == "" and before["dang kiem xe"] == "kiểm định xe"
    assert not {
        "han quoc",
        "cong ty",
        "bo mat",
        "dui cui",
        "lan dat",
        "bao mat",
        "photo",
        "cho meo",
        "mo lai mst",
        "danh roi",
    } & set(before)

    call_command("migrate", verbosity=0)
    assert {s.folded_term: (s.replacement, s.kind) for s in SearchSynonym.objects.all()} == now


@pytest.mark.django_db(transaction=True)
def test_an_editors_change_to_mat_survives_the_seventh_round(forward_afterwards):
    MigrationExecutor(connection).migrate([("catalog", "0022_sixth_round_search_synonyms")])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE catalog_searchsynonym SET replacement = 'mất mát' WHERE folded_term = 'mat'")
    call_command("migrate", verbosity=0)
    assert SearchSynonym.objects.get(folded_term="mat").replacement == "mất mát"
