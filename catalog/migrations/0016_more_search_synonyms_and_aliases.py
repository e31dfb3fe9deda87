"""More colloquial terms for the catalog search, and what citizens call some national procedures.

The data is `catalog.search_seed` (its docstring says where it comes from). Synonyms already present (an
editor may have added the same term) are left as they are; aliases are written only where a procedure has
none. Run `manage.py update_index` afterwards (or save the procedures) so the index holds the aliases.
"""

from django.db import migrations

from catalog.models.procedures import search_aliases_for
from catalog.search_seed import SYNONYMS, seed_aliases, seed_synonyms, unseed_synonyms


def seed(apps, schema_editor):
    seed_synonyms(apps.get_model("catalog", "SearchSynonym"), SYNONYMS)
    seed_aliases(apps.get_model("catalog", "Procedure"), search_aliases_for)


def unseed(apps, schema_editor):
    unseed_synonyms(apps.get_model("catalog", "SearchSynonym"), SYNONYMS)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0015_search_gin_without_pending_list")]

    operations = [migrations.RunPython(seed, unseed)]
