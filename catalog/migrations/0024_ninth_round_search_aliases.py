"""The ninth round's aliases (`catalog.search_seed.NATIONAL_ALIASES`): what citizens call the under-14 identity
card, the electronic identity's lock and the business registration certificate re-issued, written only where
a procedure has no aliases (an editor's stay). Run `manage.py update_index` afterwards (or save the
procedures) so the index holds them.
"""

from django.db import migrations

from catalog.models.procedures import search_aliases_for
from catalog.search_seed import seed_aliases


def seed(apps, schema_editor):
    seed_aliases(apps.get_model("catalog", "Procedure"), search_aliases_for)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0023_seventh_round_search_synonyms")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
