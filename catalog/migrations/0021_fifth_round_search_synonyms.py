"""The fifth round's search hints and words (`catalog.search_seed.HINTS_FIFTH`, `SYNONYMS_FIFTH`).

Synonyms already present (an editor may have added the same term) are left as they are.
"""

from django.db import migrations

from catalog.search_seed import HINTS_FIFTH, SYNONYMS_FIFTH, seed_round, unseed_synonyms


def seed(apps, schema_editor):
    seed_round(apps.get_model("catalog", "SearchSynonym"), HINTS_FIFTH, SYNONYMS_FIFTH)


def unseed(apps, schema_editor):
    unseed_synonyms(apps.get_model("catalog", "SearchSynonym"), [*HINTS_FIFTH, *SYNONYMS_FIFTH])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0020_search_synonym_kind")]

    operations = [migrations.RunPython(seed, unseed)]
