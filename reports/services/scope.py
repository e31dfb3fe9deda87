"""The dossier filter of a report scope, and the reference moment ("now" for the running period)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from catalog.models import Agency, Center, Procedure
from reports.periods import Period, ReportInputError, Scope


def scope_q(scope: Scope, prefix: str = "") -> Q:
    """Dossiers in the scope (`prefix` is the path to the dossier, e.g. "dossier__" for events)."""
    if scope.kind == "province":
        return Q()
    if scope.kind == "agency":
        return Q(**{f"{prefix}agency_id": int(scope.key)})
    if scope.kind == "center":
        return Q(**{f"{prefix}center__code": scope.key})
    if scope.kind == "procedure":
        return Q(**{f"{prefix}procedure__code": scope.key})
    # A commune: what its People's Committee handles and what its commune desk receives.
    return Q(**{f"{prefix}agency_id": int(scope.key)}) | Q(
        **{f"{prefix}center__agency_id": int(scope.key), f"{prefix}center__kind": Center.Kind.COMMUNE_DESK}
    )


def scope_title(scope: Scope) -> str:
    """The scope's name as the report prints it; an unknown key is a `ReportInputError`."""
    if scope.kind == "province":
        return "Toàn tỉnh"
    if scope.kind in ("agency", "commune"):
        agency = Agency.objects.filter(pk=int(scope.key)).first()
        if agency is None:
            raise ReportInputError(f"Không có cơ quan mã số {scope.key}.")
        return agency.name
    if scope.kind == "center":
        center = Center.objects.filter(code=scope.key).first()
        if center is None:
            raise ReportInputError(f"Không có nơi tiếp nhận mã “{scope.key}”.")
        return center.name
    procedure = Procedure.objects.filter(code=scope.key).first()
    if procedure is None:
        raise ReportInputError(f"Không có thủ tục mã “{scope.key}”.")
    return f"{procedure.code} — {procedure.name}"


def reference_moment(period: Period, now: dt.datetime | None = None) -> dt.datetime:
    """The end of the period, or now while it runs: what "in progress" and "overdue" are measured at."""
    now = now or timezone.now()
    return min(period.end, now)
