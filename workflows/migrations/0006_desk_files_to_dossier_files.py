# One store for a dossier's files (issue 17): the desk's digitised copies, kept until now as paths inside
# `Dossier.components`, become `DossierFile` rows (the bytes stay where they are), and the checklist loses every
# path. The online form's files come from its own rows (eforms 0003), which keep their form references.

import hashlib
import mimetypes

from django.core.files.storage import storages
from django.db import migrations

PATH_KEYS = ("file", "online_file", "original_name", "type", "size")


def facts(storage, path: str) -> tuple[int, str]:
    if not storage.exists(path):
        return 0, ""
    digest = hashlib.sha256()
    with storage.open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return storage.size(path), digest.hexdigest()


def forward(apps, schema_editor):
    Dossier = apps.get_model("workflows", "Dossier")
    DossierFile = apps.get_model("workflows", "DossierFile")
    storage = storages["private"]
    for dossier in Dossier.objects.only("pk", "components", "received_at", "created_at").iterator(chunk_size=500):
        checklist, changed = [], False
        for component in dossier.components or []:
            if isinstance(component, dict) and component.get("file"):
                path = component["file"]
                if not component.get("online_file"):
                    size, sha256 = facts(storage, path)
                    name = component.get("original_name") or component.get("name") or path.rsplit("/", 1)[-1]
                    DossierFile.objects.create(
                        dossier_id=dossier.pk,
                        component=(component.get("name") or name)[:255],
                        original_name=name[:255],
                        file=path,
                        content_type=component.get("type") or mimetypes.guess_type(name)[0] or "application/octet-stream",
                        size=component.get("size") or size,
                        sha256=sha256,
                        source="desk",
                        uploaded_at=dossier.received_at or dossier.created_at,
                    )
                component = {k: v for k, v in component.items() if k not in PATH_KEYS}
                changed = True
            checklist.append(component)
        if changed:
            Dossier.objects.filter(pk=dossier.pk).update(components=checklist)


def backward(apps, schema_editor):
    Dossier = apps.get_model("workflows", "Dossier")
    DossierFile = apps.get_model("workflows", "DossierFile")
    for stored in DossierFile.objects.filter(source="desk").order_by("pk"):
        components = list(Dossier.objects.get(pk=stored.dossier_id).components or [])
        for component in components:
            if isinstance(component, dict) and component.get("name") == stored.component and not component.get("file"):
                component["file"] = stored.file.name
                break
        else:
            components.append({"name": stored.component, "originals": 0, "copies": 1, "file": stored.file.name, "digitised": True})
        Dossier.objects.filter(pk=stored.dossier_id).update(components=components)
        stored.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('workflows', '0005_dossier_files'),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
