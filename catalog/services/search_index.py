"""Writing procedures into Wagtail's search index in bulk: one statement per batch, whatever the engine.

Saving a procedure indexes it already (`catalog.models.procedures`); bulk writers (the importers, the undo
journal, reorganisations) call `index_procedures` / `reindex_procedures` instead, inside their transaction.

On PostgreSQL, Wagtail's `PostgresIndex.add_items` builds a Django expression tree per indexed text
(`SearchVector(Value(text))` for each of a procedure's search fields, added together) and compiles it,
then sends one INSERT whose SQL text holds every row's expressions. Profiled on a 10,000-row import
(bench/import, PostgreSQL 15): 31 of its 55 s were in `add_items`, 26 s of them building and compiling those
expressions in Python and psycopg splitting the multi-megabyte statement, 4.7 s in the database. Here the
same rows are written by one `INSERT … SELECT … FROM unnest(%s::text[], …)` per batch: the statement's text is
fixed, each column of the batch is one array parameter, and PostgreSQL computes the same
`setweight(to_tsvector(config, text), weight)` vectors Wagtail's expressions compile to (tested against
`add_items` in tests/catalog/test_search_bulk_index.py). The texts are extracted as Wagtail extracts them
(`ObjectIndexer.prepare_value`), stripped, an empty one contributing nothing (concatenating an empty
tsvector shifts no positions), as Wagtail's `as_vector` drops it.

On SQLite, Wagtail's `SQLiteIndex.add_items` reads every search field three times per procedure through an
indexer object; `SQLiteBulkWriter` reads each text once and writes by `executemany` (tested against it too).

Wagtail refreshes its title norms after every `add_items`: an AVG over the whole index table and an UPDATE of
the entries still at 1.0. Done once per batch that is quadratic in an import's size; inside
`title_norms_deferred()` it is done once at the end.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from operator import attrgetter

from django.db.models import ForeignObjectRel, ManyToManyField
from django.db.models.fields.related import RelatedField
from wagtail.search.backends import get_search_backends
from wagtail.search.index import AutocompleteField, FilterField, SearchField

from catalog.models import Procedure
from catalog.models.procedures import INDEXED_COLUMNS, update_search_index

__all__ = ["REINDEX_CHUNK", "index_procedures", "reindex_procedures", "title_norms_deferred"]

# Procedures per INSERT into the search index: an import's batch (importers.bulk.BATCH_ROWS) in one statement.
REINDEX_CHUNK = 1000

# The title-norm refreshes held back by `title_norms_deferred()`: database alias → (backend, refresh). Keyed by
# the database, not the backend object: get_search_backends() makes new backend objects at every call.
_deferred_norms: ContextVar[dict[str, tuple] | None] = ContextVar(
    "catalog_deferred_title_norms", default=None
)


def reindex_procedures(ids: Iterable[int] | None = None) -> int:
    """Bring the search index up to date for these procedures (all when `ids` is None); returns how many.

    Call after writes that bypass `save()`: `bulk_create`, `bulk_update`, `QuerySet.update`, raw SQL, or a
    restore from a dump. Inside the writer's transaction, so that a database index commits or rolls back
    with the rows.
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
        writer = _bulk_writer_for(index)
        if writer is not None:
            _add_bulk(index, writer, chunks)
            continue
        for chunk in chunks:
            update_search_index(
                backend, partial(backend.add_bulk, Procedure, chunk), f"{len(chunk)} procedures"
            )
    return len(procedures)


def _bulk_writer_for(index):
    """The bulk writer of the database backend `index` belongs to (None: the backend's own `add_bulk`)."""
    if _is_postgres_index(index):
        return PostgresBulkWriter
    if _is_sqlite_index(index):
        return SQLiteBulkWriter
    return None


def _is_postgres_index(index) -> bool:
    try:
        from wagtail.search.backends.database.postgres.postgres import PostgresIndex
    except ImportError:  # psycopg absent: SQLite-only installs
        return False
    return isinstance(index, PostgresIndex)


def _is_sqlite_index(index) -> bool:
    try:
        from wagtail.search.backends.database.sqlite.sqlite import SQLiteIndex
    except ImportError:  # an SQLite without FTS5
        return False
    return isinstance(index, SQLiteIndex)


def _add_bulk(index, writer_class, chunks: list[list[Procedure]]) -> None:
    """One writer's statements per chunk, and the title norms refreshed once (or at the end of
    `title_norms_deferred()`)."""
    writer = writer_class(index, Procedure)
    for chunk in chunks:
        update_search_index(index.backend, partial(writer.write, chunk), f"{len(chunk)} procedures")
    if not chunks:
        return
    deferred = _deferred_norms.get()
    if deferred is not None:
        deferred[index.write_connection.alias] = (index.backend, index._refresh_title_norms)
    else:
        update_search_index(index.backend, index._refresh_title_norms, "title norms")


@contextmanager
def title_norms_deferred() -> Iterator[None]:
    """Index procedures batch by batch inside the block, and refresh the database backend's title norms once at its end
    (each refresh scans the whole index table: once per batch, a 50,000-row import scanned it 50 times)."""
    if _deferred_norms.get() is not None:
        yield
        return
    pending: dict[str, tuple] = {}
    token = _deferred_norms.set(pending)
    try:
        yield
    finally:
        _deferred_norms.reset(token)
        for backend, refresh in pending.values():
            update_search_index(backend, refresh, "title norms")


class _BulkWriter(ABC):
    """What both bulk writers share: the model's texts grouped as Wagtail groups them (title, body,
    autocomplete, in the order of `search_fields`), each read by a getter, and Wagtail's own `add_items` for
    models whose search fields are not all plain `SearchField`/`AutocompleteField`/`FilterField`s (no
    `RelatedFields`): `fallback`."""

    def __init__(self, index, model, object_indexer) -> None:
        from wagtail.search.utils import get_content_type_pk

        self.index = index
        self.model = model
        self.connection = index.write_connection
        self.content_type_pk = get_content_type_pk(model)
        self._prepare = object_indexer.prepare_value.__get__(object.__new__(object_indexer))
        search_fields = model.get_search_fields()
        self.fallback = not search_fields or any(
            not isinstance(f, SearchField | AutocompleteField | FilterField) for f in search_fields
        )
        self.title, self.body, self.autocomplete = [], [], []
        for field in search_fields:
            if isinstance(field, SearchField):
                group = self.title if field.field_name == "title" else self.body
                group.append(self._entry(field))
            elif isinstance(field, AutocompleteField):
                self.autocomplete.append(self._entry(field))

    def _entry(self, search_field):
        """What a group keeps of a search field (the writer's own: a getter, with a weight or not)."""
        return self._getter(search_field)

    def _getter(self, search_field):
        """`search_field.get_value`, short-cut to the attribute for a plain column (what `value_from_object`
        returns when the field has no `get_searchable_content` and is no relation)."""
        try:
            field = search_field.get_field(self.model)
        except Exception:  # FieldDoesNotExist: a method or property, which get_value calls
            return search_field.get_value
        if isinstance(field, RelatedField | ForeignObjectRel | ManyToManyField) or hasattr(
            field, "get_searchable_content"
        ):
            return search_field.get_value
        return attrgetter(field.attname)

    def write(self, objs: Sequence) -> None:
        """Index `objs` (saved instances); the title norms are left to the caller."""
        if not self.fallback:
            self._write(objs)
            return
        self.index._refresh_title_norms = lambda full=False: None  # the caller refreshes them
        try:
            self.index.add_items(self.model, objs)
        finally:
            del self.index._refresh_title_norms

    @abstractmethod
    def _write(self, objs: Sequence) -> None:
        """Write the entries of `objs` in this engine's statements."""


class SQLiteBulkWriter(_BulkWriter):
    """The rows `SQLiteIndex.add_items` writes, without its per-object indexer.

    Wagtail's `ObjectIndexer` walks every search field three times per object (title, body, autocomplete),
    calling `SearchField.get_value`, which asks `apps.is_installed("taggit")` each time: 1.2 million calls and
    20 of the 56 profiled seconds of a 50,000-row import on SQLite (bench/import, cProfile). Here each text is
    read once through the attribute, and the entries go in by two `executemany` per batch (those already
    indexed updated, the others inserted); the FTS5 table follows through the backend's own triggers. Same
    texts as `add_items` (tested against it in tests/catalog/test_bulk_index_sqlite.py)."""

    def __init__(self, index, model) -> None:
        from wagtail.search.backends.database.sqlite.sqlite import IndexEntry, ObjectIndexer

        super().__init__(index, model, ObjectIndexer)
        self.table = self.connection.ops.quote_name(IndexEntry._meta.db_table)

    def _joined(self, getters, obj) -> str:
        # As ObjectIndexer joins them: empty texts included, nothing stripped.
        return " ".join(self._prepare(getter(obj)) for getter in getters)

    def _write(self, objs: Sequence) -> None:
        texts = {
            str(obj.pk): (
                self._joined(self.title, obj),
                self._joined(self.autocomplete, obj),
                self._joined(self.body, obj),
            )
            for obj in objs
        }
        if not texts:
            return
        ids = list(texts)
        marks = ", ".join(["%s"] * len(ids))
        table = self.table
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT object_id FROM {table} WHERE content_type_id = %s AND object_id IN ({marks})",  # noqa: S608
                [self.content_type_pk, *ids],
            )
            indexed = {row[0] for row in cursor.fetchall()}
            if indexed:
                cursor.executemany(
                    f"UPDATE {table} SET title = %s, autocomplete = %s, body = %s "  # noqa: S608
                    "WHERE content_type_id = %s AND object_id = %s",
                    [(*texts[pk], self.content_type_pk, pk) for pk in ids if pk in indexed],
                )
            new = [pk for pk in ids if pk not in indexed]
            if new:
                cursor.executemany(
                    f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm) "  # noqa: S608
                    "VALUES (%s, %s, %s, %s, %s, 1.0)",
                    [(self.content_type_pk, pk, *texts[pk]) for pk in new],
                )


class PostgresBulkWriter(_BulkWriter):
    """The rows `PostgresIndex.add_items` writes for a model's instances, with one fixed statement per batch;
    each group's entries are (getter, weight)."""

    def __init__(self, index, model) -> None:
        from wagtail.search.backends.database.postgres.postgres import IndexEntry, ObjectIndexer

        super().__init__(index, model, ObjectIndexer)
        self.sql = self._statement(IndexEntry, index.backend.config, index.backend.autocomplete_config)

    def _entry(self, search_field):
        from wagtail.search.backends.database.postgres.weights import get_weight

        if isinstance(search_field, AutocompleteField):
            return self._getter(search_field), "D"
        return self._getter(search_field), get_weight(search_field.boost)

    def _statement(self, entry_model, config: str | None, autocomplete_config: str | None) -> str:
        texts = len(self.title) + len(self.body) + len(self.autocomplete)
        slots = iter(f"t.s{i}" for i in range(texts))

        def vector(group, config) -> str:
            # Django's SearchVector(Value(text), config=…, weight=…) compiles to this; `||` as Wagtail's ADD.
            parts = [
                f"setweight(to_tsvector({'%s::regconfig, ' if config else ''}{next(slots)}), %s)"
                for _ in group
            ]
            return "(" + " || ".join(parts) + ")" if parts else "''::tsvector"

        title = vector(self.title, config)
        autocomplete = vector(self.autocomplete, autocomplete_config)
        body = vector(self.body, config)
        self.params_head = [self.content_type_pk]
        for group, cfg in (
            (self.title, config),
            (self.autocomplete, autocomplete_config),
            (self.body, config),
        ):
            for _getter, weight in group:
                self.params_head += [cfg, weight] if cfg else [weight]
        quote = self.connection.ops.quote_name
        table = quote(entry_model._meta.db_table)
        columns = ", ".join(["object_id", "title_text", "body_text", *(f"s{i}" for i in range(texts))])
        arrays = ", ".join(["%s::text[]"] * (3 + texts))
        # Identifiers and the vector expressions come from the model's metadata; every value is a parameter.
        return (
            f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm, "  # noqa: S608
            f"title_text, body_text) SELECT %s, t.object_id, {title}, {autocomplete}, {body}, 1.0, "
            f"t.title_text, t.body_text FROM unnest({arrays}) AS t({columns}) "
            "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, "
            "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, title_text = EXCLUDED.title_text, "
            "body_text = EXCLUDED.body_text"
        )

    def _text(self, getter, obj) -> str:
        value = getter(obj)
        return self._prepare(value).strip()

    def _write(self, objs: Sequence) -> None:
        # One row per object: ON CONFLICT cannot touch the same row twice in a statement (the last one wins).
        latest = {str(obj.pk): obj for obj in objs}
        if not latest:
            return
        groups = [*self.title, *self.autocomplete, *self.body]
        texts = [[self._text(getter, obj) for obj in latest.values()] for getter, _ in groups]
        title_texts = (
            [" ".join(t for t in row if t) for row in zip(*texts[: len(self.title)], strict=True)]
            if self.title
            else [""] * len(latest)
        )
        body_texts = (
            [
                " ".join(t for t in row if t)
                for row in zip(*texts[len(groups) - len(self.body) :], strict=True)
            ]
            if self.body
            else [""] * len(latest)
        )
        with self.connection.cursor() as cursor:
            cursor.execute(self.sql, [*self.params_head, list(latest), title_texts, body_texts, *texts])
