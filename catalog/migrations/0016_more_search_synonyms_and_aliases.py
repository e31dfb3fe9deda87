"""More colloquial terms for the catalog search, and what citizens call some national procedures.

The data is `catalog.search_seed` (its docstring says where it comes from). Synonyms already present (an
editor may have added the same term) are left as they are; aliases are written only where a procedure has
none. Run `manage.py update_index` afterwards (or save the procedures) so the index holds the aliases.
"""

from django.db import migrations

from catalog.models.procedures import search_aliases_for
from catalog.search_seed import SYNONYMS, national_aliases, seed_synonyms, unseed_synonyms


def seed(apps, schema_editor):
    seed_synonyms(apps.get_model("catalog", "SearchSynonym"), SYNONYMS)
    Procedure = apps.get_model("catalog", "Procedure")
    changed = []
    for procedure in Procedure.objects.only("code", "search_name", "aliases", "search_aliases"):
        aliases = procedure.aliases or national_aliases(procedure.code)
        folded = search_aliases_for(procedure.search_name, aliases)
        if (aliases, folded) != (procedure.aliases, procedure.search_aliases):
            procedure.aliases, procedure.search_aliases = aliases, folded
            changed.append(procedure)
    Procedure.objects.bulk_update(changed, ["aliases", "search_aliases"], batch_size=1000)


def unseed(apps, schema_editor):
    unseed_synonyms(apps.get_model("catalog", "SearchSynonym"), SYNONYMS)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0015_search_gin_without_pending_list")]

    operations = [migrations.RunPython(seed, unseed)]
