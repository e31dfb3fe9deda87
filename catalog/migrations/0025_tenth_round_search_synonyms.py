"""The tenth round's search words (`catalog.search_seed`): hints for a photocopy to certify, a driving licence's
points all deducted, a lost paper reported, a house let or added to the land certificate, a tax settled
directly, petrol carried, a vehicle sold or brought home, a birth never registered, a funeral allowance, a
neighbour's encroachment, a state-owned house bought, a coach company; and the residence confirmation, the
tax clearance, the pilot and the aeroplane as citizens call them.

Synonyms already present (an editor may have added the same term) are left as they are.
"""

from django.db import migrations

from catalog.search_seed import HINTS_TENTH, SYNONYMS_TENTH, seed_round, unseed_synonyms


def seed(apps, schema_editor):
    seed_round(apps.get_model("catalog", "SearchSynonym"), HINTS_TENTH, SYNONYMS_TENTH)


def unseed(apps, schema_editor):
    unseed_synonyms(apps.get_model("catalog", "SearchSynonym"), [*HINTS_TENTH, *SYNONYMS_TENTH])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0024_ninth_round_search_aliases")]

    operations = [migrations.RunPython(seed, unseed)]
