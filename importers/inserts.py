"""INSERT many model instances with one prepared statement per batch.

`QuerySet.bulk_create` compiles SQL for every statement and prepares every value through the field stack;
on SQLite it also splits a batch into statements of 999 parameters (27 procedures). For an import of tens
of thousands of rows that preparation is most of the write time: measured on 20,000 procedures, 3.0 s with
bulk_create against 0.65 s here. The statement is built once, plain columns (text, numbers, booleans, foreign
key ids) pass through as they are, every other column goes through the field's own `pre_save` and
`get_db_prep_save` (dates, decimals, JSON, auto_now), and `executemany` sends the batch.

Like bulk_create it sends no signals; unlike it, it does not set primary keys (SQLite's executemany cannot
return rows): callers that need them read them back by natural key (`BulkModelResource.flush`).

On PostgreSQL the rows go through `COPY … FROM STDIN` instead: psycopg's executemany sends one INSERT per row
(pipelined), and on a 10,000-row import those 40,000 INSERTs (procedures, channels, levels, sectors) took
5 s of the database's time; COPY takes the same rows as one stream per batch. Values are adapted by psycopg
per cell as for an INSERT (JSON as Jsonb, decimals, dates); constraints and indexes apply as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from django.db import connections, models, router

__all__ = ["insert_rows", "insert_values"]

# Values of these fields reach the database unchanged once the model holds them.
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def _columns(model: type[models.Model], connection) -> tuple[list[models.Field], list[Callable[[Any], Any]]]:
    fields, getters = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and isinstance(
            field, models.AutoField | models.BigAutoField | models.SmallAutoField
        ):
            continue  # the database numbers the rows
        fields.append(field)
        if field.is_relation or (isinstance(field, _PLAIN) and not getattr(field, "auto_now_add", False)):
            getters.append(attrgetter(field.attname))
        else:

            def prepare(obj, field=field):
                return field.get_db_prep_save(field.pre_save(obj, True), connection)

            getters.append(prepare)
    return fields, getters


def insert_rows(model: type[models.Model], objs: Sequence[models.Model], *, batch_size: int = 1000) -> None:
    """INSERT `objs` (whose database ids are left unset); inside the caller's transaction."""
    if not objs:
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    fields, getters = _columns(model, connection)
    quote = connection.ops.quote_name
    # Identifiers come from the model's metadata, quoted; every value goes as a parameter.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    columns = [f.column for f in fields]
    for start in range(0, len(objs), batch_size):
        batch = objs[start : start + batch_size]
        _send(
            connection, model._meta.db_table, columns, sql, [[get(obj) for get in getters] for obj in batch]
        )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias


def insert_values(
    model: type[models.Model],
    attnames: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    batch_size: int = 1000,
) -> None:
    """INSERT plain, database-ready values (ids, text) into `attnames`: a many-to-many table's pairs need no
    model instances at all."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name).column for name in attnames]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - quoted model metadata, values as parameters
        quote(model._meta.db_table), ", ".join(map(quote, columns)), ", ".join(["%s"] * len(columns))
    )
    for start in range(0, len(rows), batch_size):
        _send(connection, model._meta.db_table, columns, sql, list(rows[start : start + batch_size]))


def _send(connection, table: str, columns: list[str], insert_sql: str, rows: list) -> None:
    """One batch of rows: COPY on PostgreSQL, `insert_sql` with executemany elsewhere."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(insert_sql, rows)
            return
        quote = connection.ops.quote_name
        copy_sql = f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN"
        # The psycopg cursor under Django's wrapper; its errors become Django's (IntegrityError…), so a refused
        # batch is reported and undone like any other database error.
        with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(row)
