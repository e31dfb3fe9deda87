"""The fourteenth round's search words (`catalog.search_seed.HINTS_FOURTEENTH`, `SYNONYMS_FOURTEENTH`) and aliases
(`NATIONAL_ALIASES`, `RESEEDED_ALIASES`): a paper dropped and lost, a bride's residence registered with her
husband's household, guests reported by a guesthouse, a foreign investor's certificate, and the word orders
citizens use for a lost land certificate, identity card or health insurance card. Aliases are written where a
procedure has none, or still has what an earlier round seeded; an editor's stay. Run `manage.py update_index`
afterwards (or save the procedures) so the index holds them.
"""

from django.db import migrations

from catalog.models.procedures import search_aliases_for
from catalog.search_seed import (
    HINTS_FOURTEENTH,
    SYNONYMS_FOURTEENTH,
    reseed_aliases,
    seed_round,
    unseed_synonyms,
)


def seed(apps, schema_editor):
    seed_round(apps.get_model("catalog", "SearchSynonym"), HINTS_FOURTEENTH, SYNONYMS_FOURTEENTH)
    reseed_aliases(apps.get_model("catalog", "Procedure"), search_aliases_for)


def unseed(apps, schema_editor):
    unseed_synonyms(apps.get_model("catalog", "SearchSynonym"), [*HINTS_FOURTEENTH, *SYNONYMS_FOURTEENTH])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0027_thirteenth_round_search_words")]

    operations = [migrations.RunPython(seed, unseed)]
