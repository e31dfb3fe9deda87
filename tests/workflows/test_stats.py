"""The dashboard figures in SQL: per agency and quarter, returned early / on time / late, running in time / late."""

import datetime as dt

from django.utils import timezone

from tests.workflows.conftest import at, new_dossier
from workflows.models import Dossier
from workflows.services import perform_action
from workflows.services.stats import dashboard, quarters


def receive(desk, when, name):
    return new_dossier(desk, when, user=desk["desk"], name=name, phone="0987000222")


def test_quarters_cover_the_range_in_local_time():
    spans = quarters(dt.date(2025, 11, 5), dt.date(2026, 2, 1))
    assert [label for label, _, _ in spans] == ["2025-Q4", "2026-Q1"]
    assert spans[1][1].isoformat() == "2026-01-01T00:00:00+07:00"


def test_the_dashboard_counts_each_dossier_in_its_agency_and_quarter(desk):
    now = timezone.now()
    early = receive(desk, at(2026, 1, 5, 9, 0), "Sớm")
    for action, who in (("transfer", "desk"), ("appraise", "specialist"), ("approve", "leader")):
        early = perform_action(early, action, desk[who], now=at(2026, 1, 6, 9, 0))
    perform_action(early, "return_result", desk["desk"], now=at(2026, 1, 6, 10, 0))
    late_open = receive(desk, at(2026, 1, 20, 9, 0), "Quá hạn")
    running = receive(desk, now - dt.timedelta(minutes=5), "Đang làm")
    # A dossier received on 31 December at 23:30 local time belongs to Q4, whatever UTC says.
    new_year_eve = receive(desk, at(2025, 12, 31, 23, 30), "Giao thừa")
    assert (
        new_year_eve.received_quarter == 20254
        and Dossier.objects.get(pk=late_open.pk).received_quarter == 20261
    )
    figures = dashboard(first=dt.date(2025, 10, 1), last=timezone.localdate(now), now=now)
    agency = desk["agency"].pk
    q1 = figures["rows"][(agency, "2026-Q1")]
    assert q1["received"] == 2 and q1["early"] == 1 and q1["late"] == 0
    assert q1["overdue"] == 1 and q1["in_time"] == 0
    assert figures["rows"][(agency, "2025-Q4")]["received"] == 1
    this_quarter = figures["rows"][(agency, f"{now.year}-Q{(timezone.localtime(now).month - 1) // 3 + 1}")]
    assert this_quarter["in_time"] >= 1 and running.pk
    assert figures["overdue_today"] == 2  # the January one and the New Year's Eve one, still open
