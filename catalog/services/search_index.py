"""Keeping Wagtail's search index of the catalog up to date (catalog.services.search reads it).

Procedures are indexed in step with their writer's transaction (catalog.models.procedures' receivers, or
these functions for writes that bypass `save()`); on PostgreSQL in one INSERT per chunk, with the title
norms refreshed once per call or once per `title_norms_deferred()` block.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from wagtail.search.backends import get_search_backends

from catalog.models import Procedure
from catalog.models.procedures import INDEXED_COLUMNS, update_search_index

# Procedures per INSERT into the search index: an import's batch (importers.bulk.BATCH_ROWS) in one statement.
REINDEX_CHUNK = 1000

__all__ = ["index_procedures", "reindex_procedures", "title_norms_deferred"]

# The title-norm refreshes held back by `title_norms_deferred()`: backend id → (backend, refresh).
_deferred_norms: ContextVar[dict[int, tuple] | None] = ContextVar(
    "catalog_deferred_title_norms", default=None
)


def reindex_procedures(ids: Iterable[int] | None = None) -> int:
    """Bring the search index up to date for these procedures (all when `ids` is None); returns how many.

    Saving a procedure indexes it already (see `catalog.models.procedures`); call this after writes that
    bypass `save()`: `bulk_create`, `bulk_update`, `QuerySet.update`, raw SQL, or a restore from a dump.
    Inside the writer's transaction, so that a database index commits or rolls back with the rows.
    """
    if ids is None:
        ids = Procedure.objects.values_list("pk", flat=True)
    ids = sorted({pk for pk in ids if pk is not None})
    done = 0
    for start in range(0, len(ids), REINDEX_CHUNK):
        # Only what the index reads: a full procedure row is large and costly to build.
        chunk = list(
            Procedure.objects.filter(pk__in=ids[start : start + REINDEX_CHUNK]).only(*INDEXED_COLUMNS)
        )
        done += index_procedures(chunk)
    return done


def index_procedures(procedures: Sequence[Procedure]) -> int:
    """Index procedures the caller holds in memory, saved and with their indexed attributes (`search_name`,
    `search_body`, `status`, `online_level`, `agency_id`) as written: what a bulk writer calls instead of
    `reindex_procedures`, which would read them back. Same transaction rules as `reindex_procedures`."""
    procedures = [p for p in procedures if p.pk is not None]
    chunks = [procedures[start : start + REINDEX_CHUNK] for start in range(0, len(procedures), REINDEX_CHUNK)]
    for backend in get_search_backends(with_auto_update=True):
        index = backend.get_index_for_model(Procedure)
        if _is_postgres_index(index):
            _add_postgres(index, chunks)
            continue
        for chunk in chunks:
            update_search_index(
                backend, partial(backend.add_bulk, Procedure, chunk), f"{len(chunk)} procedures"
            )
    return len(procedures)


def _is_postgres_index(index) -> bool:
    try:
        from wagtail.search.backends.database.postgres.postgres import PostgresIndex
    except ImportError:  # psycopg absent: SQLite-only installs
        return False
    return isinstance(index, PostgresIndex)


def _add_postgres(index, chunks: list[list[Procedure]]) -> None:
    """One INSERT … ON CONFLICT per chunk (Wagtail's `add_items`), and the title norms refreshed once.

    Wagtail's PostgreSQL index refreshes its title norms after every `add_items`: an AVG over every index entry
    and an UPDATE of the entries still at 1.0, both full scans of the index table. Once per chunk that is
    quadratic in an import's size; once per call it is one pass, with the same result for the rows written (the
    norms are computed from the average at the end instead of at each chunk). Inside `title_norms_deferred()`
    (an import of many batches) the refresh waits for the end of the block."""
    refresh = index._refresh_title_norms
    index._refresh_title_norms = lambda full=False: None
    try:
        for chunk in chunks:
            update_search_index(
                index.backend, partial(index.add_items, Procedure, chunk), f"{len(chunk)} procedures"
            )
    finally:
        del index._refresh_title_norms
    if not chunks:
        return
    deferred = _deferred_norms.get()
    if deferred is not None:
        deferred[id(index.backend)] = (index.backend, refresh)
    else:
        update_search_index(index.backend, refresh, "title norms")


@contextmanager
def title_norms_deferred() -> Iterator[None]:
    """Index procedures batch by batch inside the block, and refresh PostgreSQL's title norms once at its end
    (each refresh scans the whole index table: once per batch, a 50,000-row import scanned it 50 times)."""
    if _deferred_norms.get() is not None:
        yield
        return
    pending: dict[int, tuple] = {}
    token = _deferred_norms.set(pending)
    try:
        yield
    finally:
        _deferred_norms.reset(token)
        for backend, refresh in pending.values():
            update_search_index(backend, refresh, "title norms")
