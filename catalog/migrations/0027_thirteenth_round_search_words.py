"""The thirteenth round's search words (`catalog.search_seed.SYNONYMS_THIRTEENTH`) and aliases
(`NATIONAL_ALIASES`, `RESEEDED_ALIASES`): a birth certificate lost or torn, a company closed or its tax code
reopened, a population record corrected, a sale contract attested. Aliases are written where a procedure has
none, or still has what an earlier round seeded; an editor's stay. Run `manage.py update_index` afterwards (or
save the procedures) so the index holds them.
"""

from django.db import migrations

from catalog.models.procedures import search_aliases_for
from catalog.search_seed import SYNONYMS_THIRTEENTH, reseed_aliases, seed_round, unseed_synonyms


def seed(apps, schema_editor):
    seed_round(apps.get_model("catalog", "SearchSynonym"), [], SYNONYMS_THIRTEENTH)
    reseed_aliases(apps.get_model("catalog", "Procedure"), search_aliases_for)


def unseed(apps, schema_editor):
    unseed_synonyms(apps.get_model("catalog", "SearchSynonym"), SYNONYMS_THIRTEENTH)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0026_eleventh_round_search_synonyms")]

    operations = [migrations.RunPython(seed, unseed)]
