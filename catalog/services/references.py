"""Wagtail's reference index ("usage": which procedures name an agency) kept up to date by bulk writers.

`Procedure.save()` updates Wagtail's `ReferenceIndex` through Wagtail's own post_save handler; a bulk write
(an import's batch, an undo) sends no signal. `Wagtail's ReferenceIndex.create_or_update_for_object` would
cost a SELECT, an INSERT and maybe a DELETE per row, and it also walks each procedure's child relations
(components) with a query per procedure. A bulk writer changes only the procedure's own columns, so
`refresh_references` rewrites just the references those columns hold (the foreign keys Wagtail indexes:
`agency`…), for a whole batch at once: one SELECT of the batch's existing rows, one INSERT of the missing
ones, one DELETE of the stale ones. The rows are the ones Wagtail writes (same content types, paths and path
hashes; tests/catalog/test_references.py compares them with `create_or_update_for_object`). References held
by child relations are left as they are: a bulk writer does not touch them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRel
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router
from modelcluster.fields import ParentalKey
from wagtail.models import ReferenceIndex

from catalog.models import Procedure

__all__ = ["refresh_procedure_references", "refresh_references"]

_CHUNK = 1000


def _base_content_type(model: type[models.Model]) -> ContentType:
    parents = model._meta.get_parent_list()
    return ContentType.objects.get_for_model(parents[-1] if parents else model, for_concrete_model=False)


@cache
def _tracked_fields(model: type[models.Model]) -> tuple[models.ForeignKey, ...]:
    """The model's own foreign keys whose values Wagtail records (the rules of its reference extraction)."""
    tracked = []
    for field in model._meta.get_fields():
        if not (field.is_relation and field.many_to_one):
            continue
        if getattr(field, "wagtail_reference_index_ignore", False):
            continue
        if getattr(field.related_model, "wagtail_reference_index_ignore", False):
            continue
        if isinstance(field, ParentalKey | GenericRel | GenericForeignKey):
            continue
        tracked.append(field)
    return tuple(tracked)


def refresh_references(objs: Sequence[models.Model]) -> int:
    """Bring the reference index's rows for the foreign keys of these saved instances (one model) up to date,
    inside the caller's transaction; returns the number of rows inserted or deleted."""
    objs = [obj for obj in objs if obj.pk is not None]
    if not objs:
        return 0
    model = type(objs[0])
    if not ReferenceIndex.is_indexed(model):
        return 0
    fields = _tracked_fields(model)
    if not fields:
        return 0
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    base = _base_content_type(model)
    targets = {field.name: _base_content_type(field.related_model).pk for field in fields}
    paths = {field.name: ReferenceIndex._get_content_path_hash(field.name) for field in fields}
    changed = 0
    for start in range(0, len(objs), _CHUNK):
        chunk = objs[start : start + _CHUNK]
        # A column deferred on an instance (loaded with only()) is read for the chunk with one query, not one
        # query per instance as attribute access would.
        deferred = [obj.pk for obj in chunk if any(f.attname in obj.get_deferred_fields() for f in fields)]
        read = {}
        if deferred:
            attnames = [field.attname for field in fields]
            read = {
                row[0]: dict(zip(attnames, row[1:], strict=True))
                for row in model._default_manager.filter(pk__in=deferred).values_list("pk", *attnames)
            }
        wanted = set()
        for obj in chunk:
            for field in fields:
                value = read[obj.pk][field.attname] if obj.pk in read else getattr(obj, field.attname)
                if value is not None:
                    wanted.add((str(obj.pk), targets[field.name], str(value), field.name))
        existing = {
            (object_id, to_type, to_id, path): pk
            for pk, object_id, to_type, to_id, path in ReferenceIndex.objects.filter(
                base_content_type=base,
                object_id__in=[str(obj.pk) for obj in chunk],
                model_path__in=list(targets),
            ).values_list("pk", "object_id", "to_content_type_id", "to_object_id", "model_path")
        }
        new = [
            (content_type.pk, base.pk, object_id, to_type, to_id, path, path, paths[path])
            for object_id, to_type, to_id, path in wanted - existing.keys()
        ]
        stale = [pk for key, pk in existing.items() if key not in wanted]
        _insert(new)
        if stale:
            ReferenceIndex.objects.filter(pk__in=stale).delete()
        changed += len(new) + len(stale)
    return changed


_COLUMNS = (
    "content_type_id",
    "base_content_type_id",
    "object_id",
    "to_content_type_id",
    "to_object_id",
    "model_path",
    "content_path",
    "content_path_hash",
)


def _insert(rows: list[tuple]) -> None:
    """Insert reference rows (values in `_COLUMNS` order), skipping any already there, as Wagtail's
    bulk_create(ignore_conflicts=True) does. On PostgreSQL one INSERT … SELECT FROM unnest of one array per
    column: bulk_create compiles every value through the ORM (2.5 s of a 10,000-row import's 30 s)."""
    if not rows:
        return
    connection = connections[router.db_for_write(ReferenceIndex)]
    if connection.vendor == "sqlite":
        _insert_sqlite(connection, rows)
        return
    if connection.vendor != "postgresql":
        ReferenceIndex.objects.bulk_create(
            [ReferenceIndex(**dict(zip(_COLUMNS, row, strict=True))) for row in rows],
            batch_size=_CHUNK,
            ignore_conflicts=True,
        )
        return
    meta = ReferenceIndex._meta
    quote = connection.ops.quote_name
    fields = [next(f for f in meta.concrete_fields if f.attname == name) for name in _COLUMNS]
    types = [f.db_type(connection) for f in fields]
    # Identifiers and types come from the model's metadata; the values go as one array parameter per column.
    sql = "INSERT INTO {} ({}) SELECT * FROM unnest({}) ON CONFLICT DO NOTHING".format(  # noqa: S608
        quote(meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(f"%s::{t}[]" for t in types),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(column) for column in zip(*rows, strict=True)])


def _insert_sqlite(connection, rows: list[tuple]) -> None:
    """SQLite: one `executemany` of `INSERT OR IGNORE`, the statement bulk_create(ignore_conflicts=True)
    compiles to there, without building and compiling a model instance per row (2 s of a 50,000-row import)."""
    meta = ReferenceIndex._meta
    quote = connection.ops.quote_name
    fields = [next(f for f in meta.concrete_fields if f.attname == name) for name in _COLUMNS]
    # Identifiers come from the model's metadata; every value is a parameter.
    sql = "INSERT OR IGNORE INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(meta.db_table), ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )
    # The ids and paths go as they are; the path's hash (a UUID, one per field of the model) as the column
    # stores it, converted once per distinct value.
    hash_at = _COLUMNS.index("content_path_hash")
    stored = {h: fields[hash_at].get_db_prep_save(h, connection) for h in {row[hash_at] for row in rows}}
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*row[:hash_at], stored[row[hash_at]], *row[hash_at + 1 :]) for row in rows])


def refresh_procedure_references(ids: Iterable[int]) -> int:
    """`refresh_references` for procedures known by id (after an undo restored their columns)."""
    ids = sorted({pk for pk in ids if pk is not None})
    fields = [field.attname for field in _tracked_fields(Procedure)]
    done = 0
    for start in range(0, len(ids), _CHUNK):
        done += refresh_references(
            list(Procedure.objects.filter(pk__in=ids[start : start + _CHUNK]).only("pk", *fields))
        )
    return done
