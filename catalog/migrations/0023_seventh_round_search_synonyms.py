"""The seventh round's search words (`catalog.search_seed`): "mất", "thuê trọ" and "ở trọ" become hints for "cấp
lại" and "tạm trú" (unless an editor changed them), deaths are said by context phrases, and the round's hints
and words.

Synonyms already present (an editor may have added the same term) are left as they are.
"""

from django.db import migrations

from catalog.parsing.text import fold
from catalog.search_seed import (
    CONTEXT_TO_HINTS,
    HINTS_SEVENTH,
    SYNONYMS_SEVENTH,
    seed_round,
    unseed_synonyms,
)


def seed(apps, schema_editor):
    search_synonym = apps.get_model("catalog", "SearchSynonym")
    for term, replacement, note, _ in CONTEXT_TO_HINTS:
        # Migration 0009 seeded these as context words; an editor's own change to one stays.
        search_synonym.objects.filter(folded_term=fold(term), replacement="", kind="replace").update(
            replacement=replacement, kind="hint", note=note
        )
    seed_round(search_synonym, HINTS_SEVENTH, SYNONYMS_SEVENTH)


def unseed(apps, schema_editor):
    search_synonym = apps.get_model("catalog", "SearchSynonym")
    for term, replacement, _, note in CONTEXT_TO_HINTS:
        search_synonym.objects.filter(folded_term=fold(term), replacement=replacement, kind="hint").update(
            replacement="", kind="replace", note=note
        )
    unseed_synonyms(search_synonym, [*HINTS_SEVENTH, *SYNONYMS_SEVENTH])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0022_sixth_round_search_synonyms")]

    operations = [migrations.RunPython(seed, unseed)]
