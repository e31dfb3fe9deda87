"""The applicant's side of a supplement request: what the officer asked for, and the supplement sent online.

`pending_supplement(dossier)` reads the latest `request_supplement` event (the officer's reason and the
components ticked as missing); `submit_supplement(dossier, uploads)` writes the files through `store_file`
(source "supplement") and performs `supplement_submitted` on the applicant's behalf, so the dossier returns to
its officer through `perform_action` (the clock resumes there, or reception resumes when it was asked for
before reception). Nothing is written when the action is refused.
"""

from __future__ import annotations

import datetime as dt

from django.core.files import File
from django.db import transaction

from workflows.models import Dossier, DossierEvent, DossierFile, DossierStatus

from .actions import perform_action
from .files import store_file

OTHER = "Giấy tờ bổ sung khác"


def pending_supplement(dossier: Dossier) -> dict | None:
    """What the applicant must supplement now, or None when nothing is asked."""
    if dossier.status != DossierStatus.SUPPLEMENT:
        return None
    event = (
        DossierEvent.objects.filter(dossier=dossier, action="request_supplement")
        .order_by("-at", "-pk")
        .first()
    )
    if event is None:
        return {"reason": "", "components": [], "requested_at": None}
    return {
        "reason": event.note,
        "components": list((event.data or {}).get("missing") or []),
        "requested_at": event.at,
    }


def submit_supplement(
    dossier: Dossier, uploads: list[tuple[str, File]], *, note: str = "", now: dt.datetime | None = None
) -> Dossier:
    """Keep each (component, file) and hand the dossier back; raises `ActionNotAllowed` / `Conflict`."""
    stored: list[DossierFile] = []
    try:
        with transaction.atomic():
            for component, upload in uploads:
                stored.append(
                    store_file(
                        dossier,
                        upload,
                        component=component,
                        source_kind=DossierFile.Source.SUPPLEMENT,
                        content_type=getattr(getattr(upload, "checked", None), "content_type", ""),
                    )
                )
            return perform_action(
                dossier, "supplement_submitted", None, note=note[:2000], now=now, files=[f.pk for f in stored]
            )
    except Exception:
        for item in stored:  # the rows rolled back; the bytes are not part of the transaction
            item.file.delete(save=False)
        raise


def applicant_dossier(code: str) -> Dossier | None:
    """The dossier a code names, in any letter case (the applicant's pages check access themselves)."""
    code = (code or "").strip()[:64]
    if not code:
        return None
    return Dossier.objects.filter(code__iexact=code).select_related("procedure", "center").first()
