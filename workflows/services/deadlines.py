"""The one way the product counts time: every due date goes through the calendar engine here.

The engine (`workflows.calendar`) is pure Python; this module feeds it the admin's overrides (extra days off,
substituted working Saturdays, office hours) and turns dossiers' clock ledgers into its pauses.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from workflows.calendar import (
    Budget,
    Pause,
    Reschedule,
    WorkCalendar,
    compute_due,
    get_calendar,
    rule_set_for,
)
from workflows.calendar import classify as _classify
from workflows.calendar import working_time_between as _working_time_between
from workflows.models import CalendarDay, CalendarSettings, CalendarYear, ClockSegment

logger = logging.getLogger(__name__)

# The admin's overrides, remembered per process and invalidated on save: every save or delete of a
# `CalendarDay`/`CalendarSettings` row gives them a new version in the shared cache (Redis in production,
# a folder shared by `serve`'s processes otherwise), after its transaction commits; every process compares
# its memo's version with the cache's (one cache read instead of three queries) and rereads on a change.
# Inside a transaction they are read fresh and not remembered: the transaction may have changed them
# itself, and a rolled-back change must not outlive it in the memo. Writes that bypass `save()`
# (`QuerySet.update`, raw SQL) call `forget_overrides()`.
OVERRIDES_VERSION_KEY = "workflows:calendar-overrides:version"
_memo: dict[str, tuple[str, dict]] = {}


def _shared_version() -> str | None:
    """The overrides' current version, created when the cache has none; None when the cache is down."""
    try:
        version = cache.get(OVERRIDES_VERSION_KEY)
        if version is None:
            cache.add(OVERRIDES_VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(OVERRIDES_VERSION_KEY)
        return version
    except Exception:  # a cache outage must not stop receptions: read the overrides from the database
        logger.warning(
            "calendar overrides: shared cache unavailable, reading from the database", exc_info=True
        )
        return None


def _overrides() -> dict:
    province = getattr(settings, "PROVINCE_CODE", "")
    in_transaction = connection.in_atomic_block
    version = None if in_transaction else _shared_version()
    cached = _memo.get(province) if version else None
    if cached and cached[0] == version:
        return cached[1]
    days = CalendarDay.objects.filter(Q(province="") | Q(province=province)).values_list(
        "date", "kind", "name"
    )
    row = (
        CalendarSettings.objects.filter(province=province).first()
        or CalendarSettings.objects.filter(province="").first()
    )
    overrides = {
        "off": {d: name for d, kind, name in days if kind == CalendarDay.Kind.DAY_OFF},
        "work": {d: name for d, kind, name in days if kind == CalendarDay.Kind.WORKING},
        "hours": ((row.morning_start, row.morning_end), (row.afternoon_start, row.afternoon_end))
        if row
        else None,
        "cutoff": row.cutoff if row else None,
        # A province's own confirmation wins over the national one (blank province) for the same year.
        "confirmed": _confirmed_years(province),
    }
    if version:
        _memo[province] = (version, overrides)
    return overrides


def _confirmed_years(province: str) -> frozenset[int]:
    rows = CalendarYear.objects.filter(Q(province="") | Q(province=province)).values_list(
        "year", "province", "confirmed"
    )
    national = {year: ok for year, prov, ok in rows if not prov}
    national.update({year: ok for year, prov, ok in rows if prov})
    return frozenset(year for year, ok in national.items() if ok)


def _new_version() -> None:
    try:
        cache.set(OVERRIDES_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.error("calendar overrides: could not publish a new version to the shared cache", exc_info=True)


def forget_overrides() -> None:
    """Make every process reread the overrides once the current transaction (if any) commits."""
    _memo.clear()
    # After commit: a process that rereads on the new version must find the committed rows.
    transaction.on_commit(_new_version)


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarSettings)
@receiver([post_save, post_delete], sender=CalendarYear)
def _overrides_changed(**kwargs) -> None:
    forget_overrides()


def _calendar(overrides: dict) -> WorkCalendar:
    kwargs = {"office_hours": overrides["hours"]} if overrides["hours"] else {}
    return get_calendar(extra_days_off=overrides["off"], extra_working_days=overrides["work"], **kwargs)


def current_calendar() -> WorkCalendar:
    """The calendar in force: the package's holidays plus this province's overrides and office hours.

    The engine caches the built calendar by its configuration, so a changed override builds a new one.
    """
    return _calendar(_overrides())


def _budget(value, unit) -> Budget:
    if unit in (None, "") or value is None:
        return Budget()
    value = float(value)
    if unit == "day":
        value = float(round(value))
    return Budget(value, unit)


def due_date(
    start: dt.datetime,
    value: Decimal | float | None,
    unit: str | None,
    *,
    cutoff: dt.time | None = None,
    pauses: list[Pause] | tuple = (),
    reschedules: list[Reschedule] | tuple = (),
) -> tuple[dt.datetime | None, list[str]]:
    """(due, explanation) for a budget counted from `start`; None for no limit."""
    # One read of the overrides for both the calendar and the cutoff (inside a transaction, where they are
    # not remembered, reading them for each would double the queries of every reception).
    overrides = _overrides()
    deadline = compute_due(
        start,
        _budget(value, unit),
        calendar=_calendar(overrides),
        cutoff=cutoff or overrides["cutoff"],
        pauses=pauses,
        reschedules=reschedules,
    )
    explanation = deadline.explanation
    if deadline.due_at is not None:
        years = range(deadline.start_at.year, deadline.due_at.year + 1)
        missing = [y for y in years if y not in overrides["confirmed"]]
        if missing:
            explanation = [*explanation, unconfirmed_sentence(missing)]
    return deadline.due_at, explanation


def unconfirmed_sentence(years: list[int]) -> str:
    listed = ", ".join(str(y) for y in years)
    return (
        f"Lưu ý: lịch ngày nghỉ năm {listed} chưa được tỉnh xác nhận; hạn trả có thể được tính lại nếu "
        "Chính phủ hoặc tỉnh thông báo điều chỉnh ngày nghỉ, ngày làm bù"
    )


def receipt_cutoff(procedure, value, unit, received_at: dt.datetime) -> dt.time | None:
    """The cut-off hour for a receipt: the procedure's own, else its sector's same-day rule.

    "Trong ngày" procedures of a sector flagged ``same_day_cutoff`` (chứng thực, hộ tịch) take the cut-off
    of the rule set in force (``RuleSet.same_day_cutoff``, 15:00); the province-wide cut-off of the calendar
    settings applies after both (in ``due_date``).
    """
    if procedure is None:
        return None
    if procedure.receipt_cutoff:
        return procedure.receipt_cutoff
    if not _budget(value, unit).is_same_day:
        return None
    # ``fields`` is usually prefetched by the callers that handle many dossiers.
    if any(f.same_day_cutoff for f in procedure.fields.all()):
        try:
            return rule_set_for(received_at).same_day_cutoff
        except ValueError:
            return None
    return None


def explain_due(start: dt.datetime, value, unit, *, cutoff: dt.time | None = None) -> list[str]:
    return due_date(start, value, unit, cutoff=cutoff)[1]


def procedure_budget(procedure, channel: str) -> tuple[Decimal | None, str | None]:
    """The legal processing time of a procedure on a channel (the channel's own, else the procedure's)."""
    for c in procedure.channels.all():
        if c.channel == channel and c.processing_time_unit:
            return c.processing_time_value, c.processing_time_unit
    return procedure.processing_time_value, procedure.processing_time_unit or None


def step_due(start: dt.datetime, step: dict | None) -> dt.datetime | None:
    """When a step is due: its own budget from the moment it started; no budget, no step deadline."""
    if not step:
        return None
    value = Decimal(str(step.get("budget_value") or "0"))
    if value <= 0:
        return None
    deadline = compute_due(
        start,
        Budget(float(value), step.get("budget_unit") or "working_day"),
        calendar=current_calendar(),
        explain=False,
    )
    return deadline.due_at


def recompute_due(
    dossier, *, close_pause_at: dt.datetime | None = None
) -> tuple[dt.datetime | None, list[str]]:
    """The dossier's due date from its receipt, budget and whole clock ledger (closing the open pause)."""
    pauses, reschedules = [], []
    for seg in ClockSegment.objects.filter(dossier=dossier).order_by("start", "pk"):
        if seg.kind == ClockSegment.Kind.PAUSE:
            end = seg.end or close_pause_at
            pauses.append(Pause(seg.start, end, reason=seg.reason, legal_basis=seg.legal_basis))
        elif seg.new_due_at:
            reschedules.append(Reschedule(seg.new_due_at, reason=seg.reason, at=seg.start))
    value, unit = procedure_budget(dossier.procedure, dossier.channel)
    return due_date(
        dossier.received_at,
        value,
        unit,
        cutoff=receipt_cutoff(dossier.procedure, value, unit, dossier.received_at),
        pauses=pauses,
        reschedules=reschedules,
    )


def working_minutes_between(a: dt.datetime, b: dt.datetime) -> int:
    return _working_time_between(a, b, current_calendar())


def classify(done_at: dt.datetime, due_at: dt.datetime | None) -> str:
    """early / on_time / late, as the control slip and the dashboards count it."""
    if due_at is None:
        return "on_time"
    return _classify(done_at, due_at)
