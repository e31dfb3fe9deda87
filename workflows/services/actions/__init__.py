"""Dossier actions: one class per action in `workflows.registry.actions`, and `perform_action` to apply them.

The action modules register on import (`intake`, `steps`, `pauses`, `payments`); the dossier page's buttons and forms,
the permission policy, the applicant's notices and `DossierEvent.action`'s choices all read the registry.
"""

from workflows.registry import actions

from . import branches, intake, pauses, payments, steps
from .base import Action, ActionNotAllowed, Change, Conflict
from .perform import perform_action

# The names `perform_action` accepts, in the order of the dossier page's buttons.
ACTIONS = tuple(a.name for a in sorted(actions, key=lambda a: a.position) if a.performable)

__all__ = [
    "ACTIONS",
    "Action",
    "ActionNotAllowed",
    "Change",
    "Conflict",
    "actions",
    "branches",
    "intake",
    "pauses",
    "payments",
    "perform_action",
    "steps",
]
