"""Abbreviations and regional or borrowed words for the catalog search (`catalog.search_seed.SYNONYMS_THIRD`).

Synonyms already present (an editor may have added the same term) are left as they are.
"""

from django.db import migrations

from catalog.search_seed import SYNONYMS_THIRD, seed_synonyms, unseed_synonyms


def seed(apps, schema_editor):
    seed_synonyms(apps.get_model("catalog", "SearchSynonym"), SYNONYMS_THIRD)


def unseed(apps, schema_editor):
    unseed_synonyms(apps.get_model("catalog", "SearchSynonym"), SYNONYMS_THIRD)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0016_more_search_synonyms_and_aliases")]

    operations = [migrations.RunPython(seed, unseed)]
