"""The eleventh round's search words (`catalog.search_seed.SYNONYMS_ELEVENTH`): a transport licence, a car's
periodic inspection and pets brought from abroad, as citizens call them.

Synonyms already present (an editor may have added the same term) are left as they are.
"""

from django.db import migrations

from catalog.search_seed import SYNONYMS_ELEVENTH, seed_round, unseed_synonyms


def seed(apps, schema_editor):
    seed_round(apps.get_model("catalog", "SearchSynonym"), [], SYNONYMS_ELEVENTH)


def unseed(apps, schema_editor):
    unseed_synonyms(apps.get_model("catalog", "SearchSynonym"), SYNONYMS_ELEVENTH)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0025_tenth_round_search_synonyms")]

    operations = [migrations.RunPython(seed, unseed)]
