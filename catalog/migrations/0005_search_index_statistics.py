"""Tell SQLite's query planner that Wagtail's search index is large and shared by every content type.

Wagtail's SQLite backend joins the FTS5 table with `wagtailsearch_indexentry` filtered on `content_type_id`.
Without statistics SQLite assumes an equality on an indexed column selects ~10 rows, so it walks the
content type's entries and runs the full-text match once per entry: 7–30 s per search at 10,000
procedures (bench/search). With these figures it runs the match once and joins by rowid (milliseconds).
A later `ANALYZE` replaces them with real figures, which lead to the same plan once the index is large.
PostgreSQL collects its own statistics: nothing to do there.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
# rows in the table, then rows per distinct value of each indexed column prefix
ROWS, PER_CONTENT_TYPE = 100_000, 10_000


def add_statistics(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sqlite_schema")  # creates sqlite_stat1 when it does not exist yet
        cursor.execute("SELECT 1 FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [TABLE])
        if cursor.fetchone():
            return  # real statistics already there
        cursor.execute(f"PRAGMA index_list({TABLE})")
        for index in [row[1] for row in cursor.fetchall()]:
            cursor.execute(f'PRAGMA index_info("{index}")')
            columns = [row[2] for row in cursor.fetchall()]
            if columns[:1] != ["content_type_id"]:
                continue
            stat = " ".join(str(n) for n in [ROWS, PER_CONTENT_TYPE, *[1] * (len(columns) - 1)])
            cursor.execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)", [TABLE, index, stat])
        cursor.execute("ANALYZE sqlite_schema")  # reloads the statistics into this connection


def remove_statistics(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s", [TABLE])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_procedure_legal_basis_text"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(add_statistics, remove_statistics)]
