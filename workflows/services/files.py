"""The one write path for a dossier's files: every writer (the desk's reception, the online form, later
supplements and results) stores through `store_file`, which keeps the bytes in the private storage under a
random name and records one `DossierFile` row (name, size, type, SHA-256, source)."""

from __future__ import annotations

import hashlib
import mimetypes

from django.core.files import File

from workflows.models import Dossier, DossierFile

Source = DossierFile.Source


def _sha256(source: File) -> str:
    digest = hashlib.sha256()
    source.seek(0)
    for chunk in source.chunks():
        digest.update(chunk)
    source.seek(0)
    return digest.hexdigest()


def store_file(
    dossier: Dossier,
    source: File,
    *,
    component: str,
    source_kind: str,
    original_name: str = "",
    content_type: str = "",
    component_code: str = "",
) -> DossierFile:
    """Keep `source` (an upload or a stored file, open or not) as one of the dossier's files."""
    if source_kind not in Source.values:
        raise ValueError(f"unknown file source {source_kind!r}")
    name = (original_name or source.name or "tep").rsplit("/", 1)[-1][:255]
    content_type = (
        content_type
        or getattr(source, "content_type", "")
        or mimetypes.guess_type(name)[0]
        or "application/octet-stream"
    )
    if source.closed:
        source.open("rb")
    stored = DossierFile(
        dossier=dossier,
        component=component[:255],
        component_code=component_code[:255],
        original_name=name,
        content_type=content_type[:128],
        size=source.size,
        sha256=_sha256(source),
        source=source_kind,
    )
    stored.file.save(name, source, save=False)
    stored.save()
    return stored


def dossier_file(pk: int) -> DossierFile | None:
    return DossierFile.objects.filter(pk=pk).first()


def dossier_files(dossier_ids) -> dict[int, list[DossierFile]]:
    """The files of several dossiers at once, in upload order (one query)."""
    found: dict[int, list[DossierFile]] = {pk: [] for pk in dossier_ids}
    for stored in DossierFile.objects.filter(dossier_id__in=list(found)).order_by("pk"):
        found[stored.dossier_id].append(stored)
    return found
