"""Give a position to the child rows that the record writer saved without one.

`catalog.services.records.upsert_procedure` assigned a procedure's channels, steps, components and legal
bases (and the demo loader a decision's items) without `sort_order`; ordered by a column of NULLs,
PostgreSQL returned them in any order (the steps of "trình tự thực hiện" included). The rows were inserted
in the source's order, so their ids give it back.
"""

from django.db import migrations

CHILDREN = [
    ("ProcedureChannel", "procedure_id"),
    ("ProcedureStep", "procedure_id"),
    ("ProcedureComponent", "procedure_id"),
    ("LegalBasis", "procedure_id"),
    ("DecisionItem", "decision_id"),
]


def backfill(apps, schema_editor):
    for model_name, parent in CHILDREN:
        model = apps.get_model("catalog", model_name)
        parents = model.objects.filter(sort_order__isnull=True).values_list(parent, flat=True).distinct()
        for parent_id in parents.iterator():
            rows = list(model.objects.filter(**{parent: parent_id}).order_by("sort_order", "pk"))
            # Rows that already had a position keep their relative order ahead of the unplaced ones.
            rows.sort(key=lambda row: (row.sort_order is None, row.sort_order or 0, row.pk))
            for order, row in enumerate(rows):
                row.sort_order = order
            model.objects.bulk_update(rows, ["sort_order"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0017_third_round_search_synonyms")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
