"""Due dates for dossiers: the counting rules, applied in O(log n) on a precomputed ``WorkCalendar``.

Counting rules (each is also said, in Vietnamese, in the explanation of every due date):

1. Time is local (Asia/Ho_Chi_Minh); naive datetimes are local; instants count to the minute (seconds are
   dropped).
2. Clock start. The clock starts at the receipt instant if it falls within office hours of a working day
   and, when the procedure has a cut-off hour (e.g. 15:00), before it. Otherwise it starts at the next
   working opening: a receipt at or after the cut-off on a working day counts from the next working day's
   opening; a receipt before opening, at lunch or after closing, or on a day off, counts from the next
   office minute (e.g. 12:00 -> 13:00 the same day; Saturday -> 07:30 Monday).
3. Working-day and hour budgets are working time walked along the office hours: 1 working day = the
   length of one day's office hours (8 h by default), so Mon 09:00 + 1 working day = Tue 09:00, Mon 07:30
   + 1 working day = Mon 17:00, and 0.5 working day = 4 working hours. A budget that ends exactly at
   closing time is due at closing time, not at the next opening. Hours 0 is due at the clock start.
4. "Trong ngày" (0 working days): due at the close of the day the clock starts.
5. Calendar-day budgets: clock start + N days, keeping the time of day; if that day is a day off, the due
   date moves to the next working day at the same time. Calendar days must be whole.
6. Pauses (ledger segments start/end/reason/legal basis/actor): the clock stops while paused. For working
   budgets the due date moves by the working time the pause took (overlapping pauses are counted once;
   only time after the clock start counts; a pause starting at or after the current due date changes
   nothing). For calendar-day budgets the working time paused is summed and rounded up to whole working
   days, and the due date moves by that many working days (keeping the time of day): a calendar-day
   budget has no sub-day resolution, and rounding up gives the office the whole day back. An open pause
   (``end=None``) that started before the due date stops the clock: no due date, unless ``as_of`` is given,
   which closes the pause provisionally at ``as_of``.
7. Extensions add to the budget before pauses are applied (working time for working budgets, whole days
   for calendar budgets). A reschedule ("xin lỗi và hẹn lại ngày trả kết quả") is an explicit override: the
   latest one sets the due date (a bare date means that day's closing time) and the computed due date is
   kept in ``computed_due_at`` and in the explanation.
8. classify(done, due): "late" if done after the due instant; otherwise "on_time" if done on the due
   day (local date), "early" if done on an earlier day.
9. The counting rule of the rule set (``rules.SAME_CLOCK_TIME``, the default, is rules 3 and 5 above;
   ``rules.END_OF_LAST_DAY`` follows Bộ luật Dân sự 2015, Điều 147–148): the day of receipt (or, after a
   cut-off, the day the receipt is deemed made) is not counted, and a budget of N working or calendar days
   ends at the close of office hours of its N-th day (a fraction of a working day counts as a whole day;
   a calendar day's end falling on a day off moves to the next working day's close). Pauses add their
   working time and the due date is then the close of the day it falls on. Hours and "trong ngày" budgets
   are the same under both rules. Classification (rule 8) compares against the due instant the rule gave.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from . import explain as ex
from .model import Budget, Classification, Deadline, Extension, Pause, Reschedule, as_instant, to_local
from .rules import END_OF_LAST_DAY, SAME_CLOCK_TIME, RuleSet, rule_set_for
from .workcalendar import MINUTES_PER_DAY, WorkCalendar, default_calendar

WORKING_UNITS = ("working_day", "hour")


def _cal(calendar: WorkCalendar | None) -> WorkCalendar:
    return calendar if calendar is not None else default_calendar()


def _budget_minutes(cal: WorkCalendar, value: float, unit: str) -> int:
    if unit == "working_day":
        return round(value * cal.day_minutes)
    return round(value * 60)


def _check_extensions(budget: Budget, extensions: Sequence[Extension]) -> None:
    working = budget.unit in WORKING_UNITS
    for e in extensions:
        if (e.unit in WORKING_UNITS) != working:
            raise ValueError(f"a {e.unit!r} extension cannot extend a {budget.unit!r} budget")


def _compute(
    cal: WorkCalendar,
    start: int,
    budget: Budget,
    pauses: Sequence[Pause],
    extensions: Sequence[Extension],
    as_of: int | None,
    trace: list[str] | None,
    anchor_day: int | None = None,
) -> tuple[int | None, bool]:
    """Due minute (None if open-paused) and whether an open pause was involved. Appends sentences to trace.

    ``anchor_day`` (a day index) selects the end-of-last-day counting (rule 9): the days are counted after it.
    """
    ledger = sorted(((cal.minute_of(p.start), p) for p in pauses), key=lambda x: x[0])
    wm_start = cal.wm(start)
    if budget.unit in WORKING_UNITS:
        day_rule = anchor_day is not None and budget.unit == "working_day" and not budget.is_same_day
        if budget.is_same_day:
            target = cal.wm(cal.close_of_day(start))
        elif day_rule:
            # Working minutes up to the end of the anchor day, then whole working days.
            wm_start = cal.wm((anchor_day + 1) * MINUTES_PER_DAY)
            days = -(-budget.value // 1)
            target = wm_start + round(days * cal.day_minutes)
        else:
            target = wm_start + _budget_minutes(cal, budget.value, budget.unit)
        if day_rule:
            target += sum(round(-(-e.value // 1) * cal.day_minutes) for e in extensions)
        else:
            target += sum(_budget_minutes(cal, e.value, e.unit) for e in extensions)
        covered, open_pause = wm_start, False
        for ps, p in ledger:
            wm_ps = cal.wm(ps)
            if max(wm_ps, wm_start) >= target:
                if trace is not None:
                    trace.append(ex.pause_after_due_sentence(cal, p, ps))
                continue
            pe = cal.minute_of(p.end) if p.end is not None else as_of
            if pe is None:
                if trace is not None:
                    trace.append(ex.open_pause_sentence(cal, p, ps))
                return None, True
            wm_pe = cal.wm(pe)
            added = max(0, wm_pe - max(wm_ps, covered))
            covered = max(covered, wm_pe)
            target += added
            open_pause = open_pause or p.end is None
            if trace is not None:
                trace.append(ex.pause_sentence(cal, p, ps, pe, added, calendar_days=False))
        due = start if target == wm_start and not day_rule else cal.minute_at_wm(target)
        if day_rule:
            due = cal.close_of_day(due)
        return due, open_pause

    # Calendar days.
    days = int(budget.value) + sum(int(e.value) for e in extensions)
    if anchor_day is not None:
        raw = (anchor_day + days) * MINUTES_PER_DAY + cal.close_minute
    else:
        raw = start + days * MINUTES_PER_DAY
    base = cal.roll_to_working_day(raw)
    if trace is not None and base != raw:
        trace.append(ex.roll_sentence(cal, raw, base))
    due, covered, total, shift, open_pause = base, wm_start, 0, 0, False
    for ps, p in ledger:
        if max(ps, start) >= due:
            if trace is not None:
                trace.append(ex.pause_after_due_sentence(cal, p, ps))
            continue
        pe = cal.minute_of(p.end) if p.end is not None else as_of
        if pe is None:
            if trace is not None:
                trace.append(ex.open_pause_sentence(cal, p, ps))
            return None, True
        wm_pe = cal.wm(pe)
        added = max(0, wm_pe - max(cal.wm(ps), covered))
        covered = max(covered, wm_pe)
        total += added
        shift = -(-total // cal.day_minutes)
        due = cal.shift_working_days(base, shift)
        open_pause = open_pause or p.end is None
        if trace is not None:
            trace.append(ex.pause_sentence(cal, p, ps, pe, added, calendar_days=True))
    if trace is not None and total:
        trace.append(ex.calendar_pause_summary(total, shift))
    return due, open_pause


def due_minute(
    cal: WorkCalendar,
    received: int,
    budget: Budget,
    cutoff: int | None = None,
    pauses: Sequence[Pause] = (),
    extensions: Sequence[Extension] = (),
    counting: str = SAME_CLOCK_TIME,
) -> int | None:
    """Fast path on minute indices (no explanation): used by bulk jobs and the benchmark."""
    if budget.unit is None:
        return None
    start = cal.start_minute(received, cutoff)
    anchor = _anchor_day(cal, received, start, cutoff) if counting == END_OF_LAST_DAY else None
    return _compute(cal, start, budget, pauses, extensions, None, None, anchor)[0]


def _anchor_day(cal: WorkCalendar, received: int, start: int, cutoff: int | None) -> int:
    """The day after which days are counted (rule 9): the receipt's day, or the clock start's day when a
    cut-off deems a receipt made on the next working day."""
    day, tod = divmod(received, MINUTES_PER_DAY)
    if cutoff is not None and cal.is_working_index(received) and tod >= cutoff:
        return start // MINUTES_PER_DAY
    return day


def _rule_set_or_none(received_at: datetime) -> RuleSet | None:
    # Receipts before Decree 61/2018 (historical imports) still get a due date, just no citation.
    try:
        return rule_set_for(to_local(received_at))
    except ValueError:
        return None


def _reschedule_instant(cal: WorkCalendar, r: Reschedule) -> datetime:
    if isinstance(r.new_due, datetime):
        return to_local(r.new_due)
    close = cal.office_hours[-1][1]
    return as_instant(datetime.combine(r.new_due, close))


def compute_due(
    received_at: datetime,
    budget: Budget | None,
    *,
    calendar: WorkCalendar | None = None,
    cutoff: time | None = None,
    pauses: Sequence[Pause] = (),
    extensions: Sequence[Extension] = (),
    reschedules: Sequence[Reschedule] = (),
    as_of: datetime | None = None,
    rule_set: RuleSet | None = None,
    explain: bool = True,
) -> Deadline:
    """The due date of a dossier and the Vietnamese explanation of how it was counted.

    ``budget=None`` (or a ``Budget`` with ``unit=None``) means no limit. ``cutoff`` is the procedure's
    cut-off hour. ``as_of`` closes an open pause provisionally (for dashboards); without it an open pause
    that started before the due date leaves ``due_at`` None. ``rule_set`` defaults to the one in force on
    the receipt date and only affects wording (form numbers, the cited legal basis).
    """
    cal = _cal(calendar)
    budget = budget if budget is not None else Budget()
    _check_extensions(budget, extensions)
    rs = rule_set if rule_set is not None else _rule_set_or_none(received_at)
    received = cal.minute_of(received_at)
    cut = None if cutoff is None else cutoff.hour * 60 + cutoff.minute
    start = cal.start_minute(received, cut)
    trace: list[str] | None = [] if explain else None
    as_of_min = cal.minute_of(as_of) if as_of is not None else None
    counting = rs.counting if rs is not None else SAME_CLOCK_TIME
    anchor = _anchor_day(cal, received, start, cut) if counting == END_OF_LAST_DAY else None
    due: int | None = None
    paused = provisional = False
    if budget.unit is not None:
        due, provisional = _compute(cal, start, budget, pauses, extensions, as_of_min, trace, anchor)
        paused = due is None or provisional
    computed = cal.instant(due) if due is not None else None
    final = computed
    # Ledger order: by ``at`` (entries without ``at`` first), ties by position; the last one wins.
    ordered = [
        r
        for _, r in sorted(
            enumerate(reschedules),
            key=lambda ir: (ir[1].at is not None, to_local(ir[1].at) if ir[1].at else ir[0], ir[0]),
        )
    ]
    chosen = ordered[-1] if ordered else None
    if chosen is not None:
        final = _reschedule_instant(cal, chosen)
    lines: list[str] = []
    if explain:
        if rs is not None:
            lines.append(f"Quy định áp dụng: {rs.citation}")
        lines.append(ex.receipt_sentence(cal, received, start, cut))
        lines.append(ex.budget_sentence(cal, budget))
        counting_line = ex.counting_sentence(cal, budget, counting)
        if counting_line:
            lines.append(counting_line)
        lines.extend(ex.extension_sentence(e) for e in extensions)
        if due is not None and budget.unit in WORKING_UNITS:
            skipped = ex.skipped_days_sentence(cal, start, due)
            if skipped:
                lines.append(skipped)
        lines.extend(trace or ())
        form = rs.form("apology_reschedule") if rs is not None else None
        previous = computed
        for r in ordered:  # each reschedule replaces the previous due date
            new_due = _reschedule_instant(cal, r)
            lines.append(ex.reschedule_sentence(cal, r, previous, new_due, form.label if form else None))
            previous = new_due
        if budget.unit is not None or chosen is not None:
            lines.append(ex.final_sentence(final, provisional and chosen is None))
    return Deadline(
        due_at=final,
        start_at=cal.instant(start),
        budget=budget,
        explanation=lines,
        computed_due_at=computed,
        paused=paused and chosen is None,
        rescheduled=chosen is not None,
        rule_set_key=rs.key if rs is not None else None,
    )


def working_time_between(a: datetime, b: datetime, calendar: WorkCalendar | None = None) -> int:
    """Working minutes between two instants (negative if ``b`` is before ``a``)."""
    return _cal(calendar).working_time_between(a, b)


def classify(done_at: datetime, due_at: datetime) -> Classification:
    """ "early" (done on a day before the due day), "on_time" (on the due day, not after the due instant),
    "late" (after the due instant). Days are local dates."""
    done, due = to_local(done_at), to_local(due_at)
    if done > due:
        return "late"
    return "on_time" if done.date() == due.date() else "early"


def is_working_day(d: date, calendar: WorkCalendar | None = None) -> bool:
    """True if ``d`` is a working day (a datetime's local date is used)."""
    return _cal(calendar).is_working_day(d)


def next_working_moment(t: datetime, calendar: WorkCalendar | None = None) -> datetime:
    """``t`` if it is within office hours of a working day, else the next opening (minute precision)."""
    return _cal(calendar).next_working_moment(t)
