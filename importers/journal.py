"""An apply's undo journal: short write transactions with a run-level all-or-nothing outcome.

One transaction around a 50,000-row apply held SQLite's only write lock for 15–35 s, and a citizen's dossier
submitted meanwhile failed with "database is locked" (issue 11, item 4). An apply now writes batch by batch,
each batch in its own short transaction, and records in that same transaction how to undo it
(`ImportUndo`): the primary keys it created, the old values of the columns it updated, the old rows of the
side tables it replaced. When the run ends:

* every row landed: the run becomes "done" and its journal is deleted in one transaction;
* a row error, a database error or an exception midway: `undo(run_id)` replays the journal backwards, one
  step per short transaction (each step deleted with its reversal, so an interrupted undo resumes where it
  stopped), and the catalog is as it was before the run;
* the worker died midway: the run's heartbeat stops, and whoever next finds the run stale (a retry, a new
  upload of the file, the periodic `recover_imports` job) calls `undo` first.

Readers may see a batch of a run that is later undone during the few seconds between the two; what is
guaranteed is the outcome, and that no other writer waits on the import for longer than one batch.

Writers call the module functions (`created`, `before_update`, `before_replace`); they do nothing unless a
journal is active (`recording(run_id)`), so a dry run and the tests that land rows directly record nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.db import models, transaction

from catalog.models import Procedure
from catalog.services import refresh_procedure_references, reindex_procedures

from .models import ImportUndo

__all__ = ["before_replace", "before_update", "created", "forget", "pending", "recording", "undo"]

logger = logging.getLogger(__name__)

_current: ContextVar[int | None] = ContextVar("importers_journal_run", default=None)


@contextmanager
def recording(run_id: int) -> Iterator[None]:
    """Record every write made in this context into run `run_id`'s journal."""
    token = _current.set(run_id)
    try:
        yield
    finally:
        _current.reset(token)


def _label(model: type[models.Model]) -> str:
    return model._meta.label


def _add(model: type[models.Model], kind: str, data: dict) -> None:
    run_id = _current.get()
    if run_id is not None:
        ImportUndo.objects.create(run_id=run_id, model=_label(model), kind=kind, data=data)


def created(model: type[models.Model], pks: Iterable[int]) -> None:
    """Rows this batch inserted: undone by deleting them (their cascades and index entries go with them)."""
    pks = [pk for pk in pks if pk is not None]
    if pks and _current.get() is not None:
        _add(model, "created", {"pks": pks})


def before_update(model: type[models.Model], pks: Iterable[int], attnames: list[str]) -> None:
    """Call before updating these columns of these rows: their current values are recorded."""
    pks = list(pks)
    if not pks or not attnames or _current.get() is None:
        return
    rows = [list(r) for r in model._default_manager.filter(pk__in=pks).values_list("pk", *attnames)]
    _add(model, "updated", {"columns": attnames, "rows": rows})


def before_replace(model: type[models.Model], **filters) -> None:
    """Call before deleting or rewriting the rows `filters` match (a many-to-many's links, a procedure's
    channel): the rows are recorded whole, to be put back as they were."""
    if _current.get() is None:
        return
    columns = [f.attname for f in model._meta.concrete_fields]
    rows = list(model._default_manager.filter(**filters).values(*columns))
    _add(model, "replaced", {"filter": filters, "rows": rows})


def pending(run_id: int) -> bool:
    return ImportUndo.objects.filter(run_id=run_id).exists()


def forget(run_id: int) -> None:
    """The run succeeded: its journal is no longer needed (call inside the transaction that marks it done)."""
    # Only the keys: a delete loads the rows it deletes (Wagtail listens to every model's post_delete), and a
    # 100,000-row run's steps hold 100,000 keys of JSON.
    ImportUndo.objects.filter(run_id=run_id).only("pk").delete()


def _python(model: type[models.Model], attname: str, value):
    field = next(f for f in model._meta.concrete_fields if f.attname == attname)
    return value if value is None or isinstance(field, models.JSONField) else field.to_python(value)


def _undo_step(step: ImportUndo) -> list[int]:
    """Reverse one step; returns the procedures whose search entries must be rebuilt."""
    model = apps.get_model(step.model)
    data = step.data
    manager = model._default_manager
    if step.kind == "created":
        manager.filter(pk__in=data["pks"]).delete()  # a queryset delete sends post_delete: unindexed
        return []
    if step.kind == "updated":
        columns = data["columns"]
        for pk, *values in data["rows"]:
            manager.filter(pk=pk).update(
                **{c: _python(model, c, v) for c, v in zip(columns, values, strict=True)}
            )
        return [row[0] for row in data["rows"]] if model is Procedure else []
    if step.kind == "replaced":
        manager.filter(**data["filter"]).delete()
        manager.bulk_create(
            [model(**{k: _python(model, k, v) for k, v in row.items()}) for row in data["rows"]]
        )
        procedure_fk = next(
            (
                f.attname
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is Procedure
            ),
            None,
        )
        return [row[procedure_fk] for row in data["rows"]] if procedure_fk else []
    raise ValueError(f"unknown undo step {step.kind}")


def undo(run_id: int) -> int:
    """Undo what run `run_id` wrote, newest step first, one short transaction per step; returns the steps."""
    done = 0
    while True:
        step = ImportUndo.objects.filter(run_id=run_id).order_by("-pk").first()
        if step is None:
            break
        with transaction.atomic():
            procedures = _undo_step(step)
            if procedures:
                reindex_procedures(procedures)
                refresh_procedure_references(procedures)  # an agency put back: its usage follows
            step.delete()
        done += 1
    if done:
        logger.info("Import %s: undid %s journal steps", run_id, done)
    return done
