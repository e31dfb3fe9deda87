"""Everyday words for the catalog search (`catalog.search_seed.SYNONYMS_FOURTH`).

Synonyms already present (an editor may have added the same term) are left as they are.
"""

from django.db import migrations

from catalog.parsing.text import fold
from catalog.search_seed import SYNONYMS_FOURTH


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("catalog", "SearchSynonym")
    for term, replacement, note in SYNONYMS_FOURTH:
        folded = " ".join(fold(term).split())
        SearchSynonym.objects.get_or_create(
            folded_term=folded, defaults={"term": term, "replacement": replacement, "note": note}
        )


def unseed(apps, schema_editor):
    SearchSynonym = apps.get_model("catalog", "SearchSynonym")
    folded = [" ".join(fold(t).split()) for t, _, _ in SYNONYMS_FOURTH]
    SearchSynonym.objects.filter(folded_term__in=folded).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0018_backfill_child_row_order")]

    operations = [migrations.RunPython(seed, unseed)]
