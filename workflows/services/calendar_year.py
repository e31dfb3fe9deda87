"""A year's calendar as the province reviews it before confirming it (issue: unconfirmed days are no holidays).

The proposal lists the ``holidays`` package's days off for the year (each marked whether an enacted text
makes it a day off), then the province's own overrides (announced swaps, extra days off, make-up working
days), each with what the calendar in force does with that date today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from workflows.calendar.vn_holidays import package_proposal
from workflows.models import CalendarDay

from .deadlines import current_calendar


@dataclass(frozen=True)
class ProposedDay:
    date: dt.date
    name: str
    source: str  # "package" or "override"
    confirmed_by_law: bool
    is_working_day: bool
    legal_basis: str = ""


def calendar_proposal(year: int, province: str | None = None) -> list[ProposedDay]:
    """Every day off or make-up working day of ``year`` that the province should check, in date order."""
    province = settings.PROVINCE_CODE if province is None else province
    cal = current_calendar()
    days = [
        ProposedDay(d, name, "package", confirmed, cal.covers(d) and cal.is_working_day(d))
        for d, name, confirmed in package_proposal(year)
    ]
    overrides = CalendarDay.objects.filter(date__year=year).filter(Q(province="") | Q(province=province))
    for row in overrides:
        days.append(
            ProposedDay(
                row.date,
                row.name,
                "override",
                True,
                cal.covers(row.date) and cal.is_working_day(row.date),
                row.legal_basis,
            )
        )
    return sorted(days, key=lambda d: (d.date, d.source))
