"""Workflows (editor-defined steps) and dossiers moving through them, with their append-only history."""

from .access import DossierAccess
from .branches import DossierBranch
from .calendar import CalendarDay, CalendarSettings, CalendarYear
from .definitions import StepKind, Workflow, WorkflowStep
from .dossiers import ClockSegment, DailySequence, Dossier, DossierEvent, DossierStatus
from .files import ApplicantDocument, DossierFile
from .notices import Notice, Rating
from .payments import Payment
from .people import Officer
from .tallies import DueTally, OpenTally, ReturnedTally

__all__ = [
    "ApplicantDocument",
    "CalendarDay",
    "CalendarSettings",
    "CalendarYear",
    "ClockSegment",
    "DailySequence",
    "Dossier",
    "DossierAccess",
    "DossierBranch",
    "DossierEvent",
    "DossierFile",
    "DossierStatus",
    "DueTally",
    "Notice",
    "Officer",
    "OpenTally",
    "Payment",
    "Rating",
    "ReturnedTally",
    "StepKind",
    "Workflow",
    "WorkflowStep",
]
