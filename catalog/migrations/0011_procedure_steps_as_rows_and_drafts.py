"""Procedure steps become ordered rows (edited inline, not as JSON); procedures get Wagtail's draft state, so an
admin edit waits for approval; their many-to-many fields become parental so a draft's values live in its
revision. The steps' JSON lists are copied into rows, in order, and back on reverse."""

import json

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

BATCH = 2000


def _step_text(item) -> str:
    if isinstance(item, str):
        return item.strip()
    if isinstance(item, dict):
        for key in ("text", "name", "content", "description"):
            if isinstance(item.get(key), str) and item[key].strip():
                return item[key].strip()
    # Anything else is kept as it was written rather than dropped.
    return json.dumps(item, ensure_ascii=False) if item not in (None, "", [], {}) else ""


def steps_to_rows(apps, schema_editor):
    Procedure = apps.get_model("catalog", "Procedure")
    ProcedureStep = apps.get_model("catalog", "ProcedureStep")
    rows = []
    for pk, steps in Procedure.objects.exclude(legacy_steps=[]).values_list("pk", "legacy_steps").iterator():
        if isinstance(steps, str):
            steps = [steps]
        for order, item in enumerate(steps or []):
            text = _step_text(item)
            if text:
                rows.append(ProcedureStep(procedure_id=pk, sort_order=order, text=text))
        if len(rows) >= BATCH:
            ProcedureStep.objects.bulk_create(rows)
            rows = []
    ProcedureStep.objects.bulk_create(rows)


def rows_to_steps(apps, schema_editor):
    Procedure = apps.get_model("catalog", "Procedure")
    ProcedureStep = apps.get_model("catalog", "ProcedureStep")
    steps: dict[int, list[str]] = {}
    for pk, text in ProcedureStep.objects.order_by("procedure_id", "sort_order", "pk").values_list(
        "procedure_id", "text"
    ):
        steps.setdefault(pk, []).append(text)
    for pk, texts in steps.items():
        Procedure.objects.filter(pk=pk).update(legacy_steps=texts)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0010_two_level_centers_and_levels"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RenameField(model_name="procedure", old_name="steps", new_name="legacy_steps"),
        migrations.CreateModel(
            name="ProcedureStep",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("text", models.TextField(verbose_name="nội dung bước")),
                (
                    "procedure",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="steps", to="catalog.procedure"
                    ),
                ),
            ],
            options={
                "verbose_name": "bước thực hiện",
                "verbose_name_plural": "trình tự thực hiện",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RunPython(steps_to_rows, rows_to_steps),
        migrations.RemoveField(model_name="procedure", name="legacy_steps"),
        migrations.AddField(
            model_name="procedure",
            name="expire_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time"),
        ),
        migrations.AddField(
            model_name="procedure",
            name="expired",
            field=models.BooleanField(default=False, editable=False, verbose_name="expired"),
        ),
        migrations.AddField(
            model_name="procedure",
            name="first_published_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name="first published at"),
        ),
        migrations.AddField(
            model_name="procedure",
            name="go_live_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="go live date/time"),
        ),
        migrations.AddField(
            model_name="procedure",
            name="has_unpublished_changes",
            field=models.BooleanField(default=False, editable=False, verbose_name="has unpublished changes"),
        ),
        migrations.AddField(
            model_name="procedure",
            name="last_published_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="last published at"),
        ),
        migrations.AddField(
            model_name="procedure",
            name="live",
            field=models.BooleanField(default=True, editable=False, verbose_name="live"),
        ),
        migrations.AddField(
            model_name="procedure",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="live revision",
            ),
        ),
        migrations.AlterField(
            model_name="procedure",
            name="centers",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, related_name="procedures", to="catalog.center", verbose_name="nơi tiếp nhận"
            ),
        ),
        migrations.AlterField(
            model_name="procedure",
            name="fields",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, related_name="procedures", to="catalog.field", verbose_name="lĩnh vực"
            ),
        ),
        migrations.AlterField(
            model_name="procedure",
            name="levels",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, to="catalog.agencylevel", verbose_name="cấp thực hiện"
            ),
        ),
        migrations.AlterField(
            model_name="procedure",
            name="related",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, to="catalog.procedure", verbose_name="thủ tục liên quan"
            ),
        ),
    ]
