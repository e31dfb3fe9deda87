# One store for a dossier's files (issue 17): the online form's file rows move to `workflows.DossierFile`
# (source "online"; the bytes stay where they are) and the submissions' answers point at the new rows. The
# desk's files and the paths inside `Dossier.components` are workflows 0004's.

import hashlib

from django.core.files.storage import storages
from django.db import migrations


def sha256_of(storage, path: str) -> str:
    if not storage.exists(path):
        return ""
    digest = hashlib.sha256()
    with storage.open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def repoint(Submission, submission_id: int, mapping: dict[int, int]) -> None:
    submission = Submission.objects.get(pk=submission_id)
    answers = dict(submission.form_data or {})
    for key, value in answers.items():
        if isinstance(value, dict) and value.get("file") in mapping:
            answers[key] = {**value, "file": mapping[value["file"]]}
    Submission.objects.filter(pk=submission_id).update(form_data=answers)


def forward(apps, schema_editor):
    OldFile = apps.get_model("eforms", "DossierFile")
    NewFile = apps.get_model("workflows", "DossierFile")
    Submission = apps.get_model("eforms", "OnlineSubmission")
    storage = storages["private"]
    moved: dict[int, dict[int, int]] = {}
    # A row without a dossier never outlived its transaction; there is nothing to move for it.
    for old in OldFile.objects.filter(dossier__isnull=False).order_by("pk").iterator(chunk_size=500):
        new = NewFile.objects.create(
            dossier_id=old.dossier_id,
            component=old.label,
            component_code=old.field_name,
            file=old.file.name,
            original_name=old.original_name,
            content_type=old.content_type,
            size=old.size,
            sha256=sha256_of(storage, old.file.name),
            source="online",
            uploaded_at=old.created_at,
        )
        moved.setdefault(old.submission_id, {})[old.pk] = new.pk
    for submission_id, mapping in moved.items():
        repoint(Submission, submission_id, mapping)


def backward(apps, schema_editor):
    OldFile = apps.get_model("eforms", "DossierFile")
    NewFile = apps.get_model("workflows", "DossierFile")
    Submission = apps.get_model("eforms", "OnlineSubmission")
    Dossier = apps.get_model("workflows", "Dossier")
    for new in NewFile.objects.filter(source="online").order_by("pk"):
        submission = Submission.objects.filter(dossier_id=new.dossier_id).first()
        if submission is None:
            continue
        old = OldFile.objects.create(
            submission_id=submission.pk,
            dossier_id=new.dossier_id,
            field_name=new.component_code,
            label=new.component,
            file=new.file.name,
            original_name=new.original_name,
            content_type=new.content_type,
            size=new.size,
        )
        OldFile.objects.filter(pk=old.pk).update(created_at=new.uploaded_at)
        repoint(Submission, submission.pk, {new.pk: old.pk})
        components = list(Dossier.objects.get(pk=new.dossier_id).components or [])
        for component in components:
            if isinstance(component, dict) and component.get("name") == new.component and not component.get("file"):
                component.update(
                    file=new.file.name,
                    online_file=old.pk,
                    original_name=new.original_name,
                    type=new.content_type,
                    size=new.size,
                )
                break
        Dossier.objects.filter(pk=new.dossier_id).update(components=components)
        new.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('eforms', '0002_rename_tables_from_cms'),
        ('workflows', '0005_dossier_files'),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(
            name='DossierFile',
        ),
    ]
