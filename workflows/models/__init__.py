"""Workflows (editor-defined steps) and dossiers moving through them, with their append-only history."""

from .access import DossierAccess
from .calendar import CalendarDay, CalendarSettings
from .definitions import StepKind, Workflow, WorkflowStep
from .dossiers import ClockSegment, DailySequence, Dossier, DossierEvent, DossierStatus
from .notices import Notice, Rating
from .people import Officer

__all__ = [
    "CalendarDay",
    "CalendarSettings",
    "ClockSegment",
    "DailySequence",
    "Dossier",
    "DossierAccess",
    "DossierEvent",
    "DossierStatus",
    "Notice",
    "Officer",
    "Rating",
    "StepKind",
    "Workflow",
    "WorkflowStep",
]
