"""An applicant's own dossiers, for the citizen's account page (`eforms`): found by the personal identification
number a provider verified, plus the dossiers the caller knows to be theirs (submitted while signed in)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet

from workflows.models import Dossier, Notice

__all__ = ["applicant_dossiers", "with_notices"]


def applicant_dossiers(id_number: str, dossier_ids: Iterable[int] = ()) -> QuerySet[Dossier]:
    """Newest first. An empty ID number matches nothing: a blank `applicant_id_number` is nobody's."""
    match = Q(pk__in=dossier_ids)
    if id_number:
        match |= Q(applicant_id_number=id_number)
    return Dossier.objects.filter(match).select_related("procedure", "center").order_by("-created_at", "-pk")


def with_notices(dossiers: QuerySet[Dossier], per_dossier: int = 3) -> list[Dossier]:
    """The dossiers with `recent_notices`: what was sent to the applicant about each, newest first."""
    rows = list(
        dossiers.prefetch_related(Prefetch("notices", queryset=Notice.objects.order_by("-sent_at", "-pk")))
    )
    for dossier in rows:
        dossier.recent_notices = list(dossier.notices.all())[:per_dossier]
    return rows
