"""The sixth round's search hints and words (`catalog.search_seed.HINTS_SIXTH`, `SYNONYMS_SIXTH`).

Synonyms already present (an editor may have added the same term) are left as they are.
"""

from django.db import migrations

from catalog.search_seed import HINTS_SIXTH, SYNONYMS_SIXTH, seed_round, unseed_synonyms


def seed(apps, schema_editor):
    seed_round(apps.get_model("catalog", "SearchSynonym"), HINTS_SIXTH, SYNONYMS_SIXTH)


def unseed(apps, schema_editor):
    unseed_synonyms(apps.get_model("catalog", "SearchSynonym"), [*HINTS_SIXTH, *SYNONYMS_SIXTH])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0021_fifth_round_search_synonyms")]

    operations = [migrations.RunPython(seed, unseed)]
