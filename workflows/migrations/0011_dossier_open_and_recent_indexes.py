from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_field_same_day_cutoff"),
        ("workflows", "0010_parallel_inter_agency_branches"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(fields=["-received_at", "-id"], name="dossier_recent"),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(("status__in", [1, 2, 4, 5, 6, 9])),
                fields=["status", "due_at"],
                include=("agency", "center", "step_agency", "step_group", "assignee", "paused_at"),
                name="dossier_open",
            ),
        ),
    ]
