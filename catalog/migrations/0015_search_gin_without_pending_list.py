"""Wagtail's PostgreSQL search index without GIN pending lists (`fastupdate = off`).

A GIN index with `fastupdate` (PostgreSQL's default) puts new entries in a pending list that every search
reads in full until a VACUUM merges it. After a bulk import or `update_index` the whole catalog sat there:
at the 2,642 national procedures each full-text match took ~40 ms instead of ~0.2 ms (profiled with
`bench/search/profile.py`), until autovacuum happened to pass. The catalog is written rarely and read on
every search: the entries go straight into the index instead, and the pending lists left are merged now.
"""

from django.db import migrations


def gin_indexes(schema_editor) -> list[str]:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry' "
            "AND indexdef ILIKE '%% USING gin %%'"
        )
        return [row[0] for row in cursor.fetchall()]


def without_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in gin_indexes(schema_editor):
        schema_editor.execute(f'ALTER INDEX "{name}" SET (fastupdate = off)')
        schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])


def with_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in gin_indexes(schema_editor):
        schema_editor.execute(f'ALTER INDEX "{name}" RESET (fastupdate)')


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0014_procedure_aliases_and_components"),
        ("wagtailsearch", "__latest__"),
    ]

    operations = [migrations.RunPython(without_pending_list, with_pending_list)]
