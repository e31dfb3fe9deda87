"""Working-day calendar engine of Một Cửa: due dates, pauses, reschedules and their Vietnamese explanations.

Pure Python (no Django import): the Django layer turns its admin rows (announced days off, substituted
working Saturdays, office hours) into plain sets of dates and passes them to ``get_calendar()``; every
due date of the product then comes from ``compute_due()``. The counting rules are documented in
``workflows.calendar.engine``; the rule sets (Decree 61/2018 and Decree 118/2025) in
``workflows.calendar.rules``.

    >>> from datetime import datetime
    >>> from workflows.calendar import Budget, compute_due
    >>> d = compute_due(datetime(2026, 3, 2, 9, 0), Budget(5, "working_day"))
    >>> d.due_at.isoformat()
    '2026-03-09T09:00:00+07:00'
"""

from .engine import (
    classify,
    compute_due,
    due_minute,
    is_working_day,
    next_working_moment,
    working_time_between,
)
from .model import (
    DEFAULT_OFFICE_HOURS,
    VN_TZ,
    Budget,
    Classification,
    Deadline,
    Extension,
    Pause,
    Reschedule,
    Unit,
)
from .rules import (
    DECREE_61_2018,
    DECREE_118_2025,
    RULE_SETS,
    DossierStatus,
    RuleSet,
    StatutoryForm,
    rule_set_for,
)
from .workcalendar import (
    DEFAULT_YEARS,
    CalendarRangeError,
    WorkCalendar,
    default_calendar,
    get_calendar,
)

__all__ = [
    "DECREE_61_2018",
    "DECREE_118_2025",
    "DEFAULT_OFFICE_HOURS",
    "DEFAULT_YEARS",
    "RULE_SETS",
    "VN_TZ",
    "Budget",
    "CalendarRangeError",
    "Classification",
    "Deadline",
    "DossierStatus",
    "Extension",
    "Pause",
    "Reschedule",
    "RuleSet",
    "StatutoryForm",
    "Unit",
    "WorkCalendar",
    "classify",
    "compute_due",
    "default_calendar",
    "due_minute",
    "get_calendar",
    "is_working_day",
    "next_working_moment",
    "rule_set_for",
    "working_time_between",
]
