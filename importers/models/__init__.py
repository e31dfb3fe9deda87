"""Import runs (the history), and what the non-catalog profiles land: agency statistics and plan tasks."""

from .journal import ImportUndo
from .plans import Plan, PlanTask
from .runs import ImportRun
from .stats import AgencyStat

__all__ = ["AgencyStat", "ImportRun", "ImportUndo", "Plan", "PlanTask"]
