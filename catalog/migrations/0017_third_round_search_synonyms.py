"""Abbreviations and regional or borrowed words for the catalog search (`catalog.search_seed.SYNONYMS_THIRD`).

Synonyms already present (an editor may have added the same term) are left as they are.
"""

from django.db import migrations

from catalog.parsing.text import fold
from catalog.search_seed import SYNONYMS_THIRD


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("catalog", "SearchSynonym")
    for term, replacement, note in SYNONYMS_THIRD:
        folded = " ".join(fold(term).split())
        SearchSynonym.objects.get_or_create(
            folded_term=folded, defaults={"term": term, "replacement": replacement, "note": note}
        )


def unseed(apps, schema_editor):
    SearchSynonym = apps.get_model("catalog", "SearchSynonym")
    folded = [" ".join(fold(t).split()) for t, _, _ in SYNONYMS_THIRD]
    SearchSynonym.objects.filter(folded_term__in=folded).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0016_more_search_synonyms_and_aliases")]

    operations = [migrations.RunPython(seed, unseed)]
