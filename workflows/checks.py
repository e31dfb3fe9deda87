"""System check of the action registry: every registered action must be complete and consistent, so a
mistake in a new action stops `manage.py check` (and the test run) instead of showing up at a desk."""

from __future__ import annotations

import string

from django.core import checks
from django.utils.functional import Promise

from .admin_forms import REQUIRED_MESSAGES
from .models import DossierEvent, DossierStatus, StepKind
from .permissions import Role
from .registry import Registry
from .services.actions import Action, actions
from .services.actions.base import FORM_FIELDS

NOTICE_PLACEHOLDERS = {"code", "due", "note", "missing", "reason", "link"}


def problems_of(action: Action) -> list[str]:
    """What is wrong with one registry entry (English: the check speaks to developers)."""
    found = []
    if not isinstance(action.label, Promise):
        found.append("its label must be translatable (gettext_lazy)")
    if len(action.name) > DossierEvent._meta.get_field("action").max_length:
        found.append("its name is longer than DossierEvent.action allows")
    if not isinstance(action.role, Role):
        found.append("its role must be a permissions.Role")
    statuses = set(action.statuses) | set(action.offered_in or ())
    if not statuses <= set(DossierStatus.values):
        found.append(f"unknown statuses {sorted(statuses - set(DossierStatus.values))}")
    if action.step_kinds is not None:
        if not set(action.step_kinds) <= set(StepKind.values):
            found.append(f"unknown step kinds {sorted(set(action.step_kinds) - set(StepKind.values))}")
        if not action.wrong_step:
            found.append("it limits the step kinds but has no wrong_step message")
    if not set(action.fields) <= set(FORM_FIELDS):
        found.append(f"unknown form fields {sorted(set(action.fields) - set(FORM_FIELDS))}")
    if not set(action.required_fields) <= set(action.fields) & set(REQUIRED_MESSAGES):
        found.append("a required field is not among its fields, or has no message when left empty")
    placeholders = {name for _text, name, _spec, _conv in string.Formatter().parse(action.notice) if name}
    if not placeholders <= NOTICE_PLACEHOLDERS:
        found.append(f"its notice uses unknown placeholders {sorted(placeholders - NOTICE_PLACEHOLDERS)}")
    if action.performable:
        if not action.statuses:
            found.append("it is performable in no status")
        if not action.verb and type(action).check is Action.check:
            found.append("it has no verb for the refusal message")
        if type(action).plan is Action.plan:
            found.append("it is performable but does not implement plan()")
    elif action.statuses or action.notice:
        found.append("a history-only action takes no status and sends no notice")
    return found


def check_registry(registry: Registry) -> list[checks.CheckMessage]:
    errors = []
    for action in registry:
        errors.extend(
            checks.Error(
                f"Dossier action {action.name!r}: {problem}.",
                obj=type(action),
                id="workflows.E001",
            )
            for problem in problems_of(action)
        )
    return errors


@checks.register()
def check_actions(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return check_registry(actions)
