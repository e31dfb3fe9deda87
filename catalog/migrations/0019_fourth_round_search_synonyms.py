"""Everyday words for the catalog search (`catalog.search_seed.SYNONYMS_FOURTH`).

Synonyms already present (an editor may have added the same term) are left as they are.
"""

from django.db import migrations

from catalog.search_seed import SYNONYMS_FOURTH, seed_synonyms, unseed_synonyms


def seed(apps, schema_editor):
    seed_synonyms(apps.get_model("catalog", "SearchSynonym"), SYNONYMS_FOURTH)


def unseed(apps, schema_editor):
    unseed_synonyms(apps.get_model("catalog", "SearchSynonym"), SYNONYMS_FOURTH)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0018_backfill_child_row_order")]

    operations = [migrations.RunPython(seed, unseed)]
