"""A GIN index on `title || body` of Wagtail's PostgreSQL search index.

Wagtail's PostgreSQL backend matches a full-text search (as opposed to autocomplete) against the
concatenation of the entry's title and body vectors (`(title || body) @@ query`). Its own GIN indexes are on
`title` and on `body` apart, which that expression cannot use: every search read and recombined every
index entry (30 ms at the 2,642 national procedures, growing with the catalog). Indexing the expression
itself lets PostgreSQL answer from the index (a fraction of a millisecond). SQLite's FTS5 needs nothing.
"""

from django.db import migrations

INDEX = "wagtailsearch_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0012_procedure_moderation_workflow"),
        ("wagtailsearch", "__latest__"),
    ]

    operations = [migrations.RunPython(create, drop)]
