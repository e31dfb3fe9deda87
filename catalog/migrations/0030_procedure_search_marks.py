"""`Procedure.search_marks`: the name's words with their marks, lowered, written here for the procedures present
(`save()` and the imports keep it in step afterwards). The search compared a word typed with its marks against
every candidate's name lowered and cleaned in SQL, per word: a third of a long question's ranked statement."""

from django.db import migrations, models

from catalog.parsing.text import marked_words


def fill(apps, schema_editor):
    procedure = apps.get_model("catalog", "Procedure")
    rows = list(procedure.objects.only("pk", "name"))
    for row in rows:
        row.search_marks = marked_words(row.name)
    procedure.objects.bulk_update(rows, ["search_marks"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0029_fifteenth_round_search_words")]

    operations = [
        migrations.AddField(
            model_name="procedure",
            name="search_marks",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
