"""The periodic report recounted the slow, obvious way: dossier by dossier, from the event history.

It reads when each dossier was received and how it ended from its `DossierEvent`s (not from the columns the
grouped queries read), so the test that compares both, and `bench/reports/`, check the SQL against an
independent count.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from reports.periods import Period, Scope
from workflows.calendar.engine import classify
from workflows.models import Dossier, DossierEvent, DossierStatus

from .dossier_report import COLUMNS
from .scope import reference_moment, scope_q

S = DossierStatus
TERMINAL = {S.DONE, S.STOPPED, S.WITHDRAWN}


def recount(period: Period, scope: Scope, *, now: dt.datetime | None = None) -> dict[int, dict[str, int]]:
    """{agency id: {column: n}} for every agency with a received dossier or an apology in the period."""
    ref = reference_moment(period, now)
    start = period.start
    events: dict[int, list[DossierEvent]] = defaultdict(list)
    dossiers = Dossier.objects.filter(scope_q(scope)).only(
        "pk", "agency_id", "channel", "due_at", "paused_at"
    )
    ids = {d.pk: d for d in dossiers.iterator()}
    for event in DossierEvent.objects.filter(dossier_id__in=list(ids)).order_by("at", "pk").iterator():
        events[event.dossier_id].append(event)
    out: dict[int, dict[str, int]] = {}
    for pk, dossier in ids.items():
        history = events[pk]
        received = next((e.at for e in history if e.to_status == S.RECEIVED and e.action == "receive"), None)
        end = next((e for e in history if e.to_status in TERMINAL), None)
        apologies = sum(1 for e in history if e.action == "reschedule" and start <= e.at < ref)
        figures = out.setdefault(dossier.agency_id, dict.fromkeys(COLUMNS, 0))
        figures["apologies"] += apologies
        if received is None or received >= ref or (end is not None and end.at < start):
            continue
        if received < start:
            figures["carried_over"] += 1
        elif dossier.channel == Dossier.Channel.ONLINE:
            figures["new_online"] += 1
        else:
            figures["new_paper"] += 1
        if end is not None and end.at < ref:
            if end.to_status == S.DONE:
                figures["on_time" if dossier.due_at is None else classify(end.at, dossier.due_at)] += 1
            elif end.to_status == S.WITHDRAWN:
                figures["withdrawn"] += 1
            else:
                figures["refused" if end.action == "refuse" else "returned"] += 1
        elif dossier.due_at is not None and dossier.due_at < ref and dossier.paused_at is None:
            figures["overdue"] += 1
        else:
            figures["in_time"] += 1
    for figures in out.values():
        figures["received"] = figures["carried_over"] + figures["new_online"] + figures["new_paper"]
        figures["resolved"] = figures["early"] + figures["on_time"] + figures["late"]
        figures["in_progress"] = figures["in_time"] + figures["overdue"]
    return {k: v for k, v in out.items() if any(v.values())}
