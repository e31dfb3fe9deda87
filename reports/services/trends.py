"""Figures over time and lists for the public pages: on-time rate and online share per agency and month,
satisfaction per agency, and the overdue list without personal data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from catalog.models import Agency
from reports.periods import VN, Period, Scope, period_containing
from workflows.models import Dossier, DossierStatus, Rating

from .scope import scope_q

S = DossierStatus


def last_months(count: int, now: dt.datetime | None = None) -> list[Period]:
    current = period_containing(now or timezone.now(), "month")
    months = [current]
    while len(months) < count:
        months.insert(0, months[0].previous())
    return months


def monthly_rates(months: list[Period], scope: Scope) -> dict:
    """{"on_time": {agency id: {month label: (ok, resolved)}}, "online": {agency id: {month: (online, new)}}}."""
    start, end = months[0].start, months[-1].end
    labels = {(m.start.year, m.start.month): m.label for m in months}
    resolved = (
        Dossier.objects.filter(
            scope_q(scope), status__in=(S.DONE, S.RETURNED), finished_at__gte=start, finished_at__lt=end
        )
        .annotate(month=TruncMonth("finished_at", tzinfo=VN))
        .values("agency_id", "month")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(finished_at__gt=F("due_at"))))
        .order_by()
    )
    on_time: dict = defaultdict(dict)
    for row in resolved:
        month = labels[(row["month"].year, row["month"].month)]
        on_time[row["agency_id"]][month] = (row["n"] - row["late"], row["n"])
    received = (
        Dossier.objects.filter(scope_q(scope), received_at__gte=start, received_at__lt=end)
        .annotate(month=TruncMonth("received_at", tzinfo=VN))
        .values("agency_id", "month")
        .annotate(n=Count("pk"), online=Count("pk", filter=Q(channel=Dossier.Channel.ONLINE)))
        .order_by()
    )
    online: dict = defaultdict(dict)
    for row in received:
        month = labels[(row["month"].year, row["month"].month)]
        online[row["agency_id"]][month] = (row["online"], row["n"])
    return {"on_time": dict(on_time), "online": dict(online)}


def satisfaction(period: Period, scope: Scope) -> dict[int, dict]:
    """{agency id: {"n", "satisfied", "mean"}} from the ratings of dossiers resolved in the period (as the
    evaluation counts them), the mean score out of 1."""
    rows = (
        Rating.objects.filter(
            scope_q(scope, "dossier__"),
            dossier__finished_at__gte=period.start,
            dossier__finished_at__lt=period.end,
        )
        .values(agency_id=F("dossier__agency_id"))
        .annotate(
            n=Count("pk"),
            satisfied=Count("pk", filter=Q(answers__overall__in=["a", "b"])),
            score=Avg("score"),
            max_score=Avg("max_score"),
        )
        .order_by()
    )
    return {
        r["agency_id"]: {
            "n": r["n"],
            "satisfied": r["satisfied"],
            "mean": (r["score"] / r["max_score"]) if r["max_score"] else None,
        }
        for r in rows
    }


def overdue_list(scope: Scope, *, now: dt.datetime | None = None) -> list[dict]:
    """Open, running dossiers past their due time, by agency: procedure, desk, dates, working state —
    never the applicant, the code or anything that identifies a person (Law 91/2025/QH15)."""
    now = now or timezone.now()
    rows = (
        Dossier.objects.filter(
            scope_q(scope),
            status__in=(S.RECEIVED, S.PROCESSING, S.FINANCIAL, S.DONE),
            paused_at__isnull=True,
            due_at__lt=now,
        )
        .annotate(received_day=TruncDate("received_at", tzinfo=VN), due_day=TruncDate("due_at", tzinfo=VN))
        .values(
            "agency_id",
            "procedure__code",
            "procedure__name",
            "center__name",
            "received_day",
            "due_day",
            "status",
            "rescheduled",
        )
        .order_by("agency_id", "due_at")
    )
    names = dict(Agency.objects.values_list("pk", "name"))
    grouped: dict[int, dict] = {}
    today = timezone.localdate(now)
    for r in rows:
        group = grouped.setdefault(
            r["agency_id"], {"agency_id": r["agency_id"], "agency": names.get(r["agency_id"], ""), "rows": []}
        )
        group["rows"].append({**r, "days_late": (today - r["due_day"]).days,
                              "status_label": S(r["status"]).label})  # fmt: skip
    return sorted(grouped.values(), key=lambda g: -len(g["rows"]))
