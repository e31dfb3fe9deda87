"""The fifteenth round's search words (`catalog.search_seed.HINTS_FIFTEENTH`, `SYNONYMS_FIFTEENTH`) and aliases
(`NATIONAL_ALIASES`): a child born to parents not yet married, a death at home or in hospital (not a lost
paper), relatives staying a few days, a suitcase lost at the airport, the belongings of someone coming home to
settle, and what citizens call a land purchase on a handwritten contract, the airport's automatic gates, periodic
car inspection, a government loan guarantee and the population database's information. Aliases are written
where a procedure has none, or still has what an earlier round seeded; an editor's stay. Run
`manage.py update_index` afterwards (or save the procedures) so the index holds them.
"""

from django.db import migrations

from catalog.models.procedures import search_aliases_for
from catalog.search_seed import (
    HINTS_FIFTEENTH,
    SYNONYMS_FIFTEENTH,
    reseed_aliases,
    seed_round,
    unseed_synonyms,
)


def seed(apps, schema_editor):
    seed_round(apps.get_model("catalog", "SearchSynonym"), HINTS_FIFTEENTH, SYNONYMS_FIFTEENTH)
    reseed_aliases(apps.get_model("catalog", "Procedure"), search_aliases_for)


def unseed(apps, schema_editor):
    unseed_synonyms(apps.get_model("catalog", "SearchSynonym"), [*HINTS_FIFTEENTH, *SYNONYMS_FIFTEENTH])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0028_fourteenth_round_search_words")]

    operations = [migrations.RunPython(seed, unseed)]
