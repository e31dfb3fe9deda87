"""Bulk indexing on SQLite: the entries (and the FTS5 rows the backend's triggers keep) are the ones Wagtail's
own `add_items` writes, in a fixed number of statements per chunk, with the title norms refreshed once.

Runs on SQLite with FTS5 only (the default test database); tests/catalog/test_bulk_index_postgres.py is the
PostgreSQL counterpart.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from catalog.models import Procedure
from catalog.parsing import fold
from catalog.services import index_procedures, search_procedures
from catalog.services import search_index as search_module
from tests.factories import AgencyFactory

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's search backend only")


@pytest.fixture
def sqlite_index(db):
    index = get_search_backend().get_index_for_model(Procedure)
    if not search_module._is_sqlite_index(index):
        pytest.skip("this SQLite has no FTS5: Wagtail falls back to its plain database backend")
    return index


def _entries(pks) -> dict:
    table = IndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.object_id, e.title, e.autocomplete, e.body, e.title_norm, f.title, f.autocomplete, f.body "
            f"FROM {table} e JOIN {table}_fts f ON f.rowid = e.id "
            f"WHERE e.content_type_id = %s AND e.object_id IN ({', '.join(['%s'] * len(pks))}) "
            "ORDER BY e.object_id",
            [ContentType.objects.get_for_model(Procedure).pk, *(str(pk) for pk in pks)],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def _procedures(prefix: str) -> list[Procedure]:
    agency = AgencyFactory()
    names = [
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "  Đăng ký khai sinh  ",  # spaces around: kept as Wagtail keeps them
        "Thủ tục — có dấu, chấm; phẩy (và ngoặc) 1.000123",
        "a " * 40 + "lặp lại",
        "Gia hạn",
        "Tên có nháy ' và \" và %s %(x)s; -- DROP TABLE x",  # a crafted name is a value, never SQL
    ]
    bodies = ["", "ho tich khai sinh tre em", "   ", "xay dung\nnha o", "the and of a", "'); --"]
    return Procedure.objects.bulk_create(
        Procedure(
            code=f"{prefix}.{n:06d}", name=name, search_name=fold(name), search_body=body, agency=agency
        )
        for n, (name, body) in enumerate(zip(names, bodies, strict=True))
    )


def test_the_bulk_writer_writes_what_wagtails_add_items_writes(sqlite_index):
    procedures = _procedures("3")
    pks = [p.pk for p in procedures]
    sqlite_index.add_items(Procedure, procedures)  # Wagtail's own: an indexer per object
    expected = _entries(pks)
    assert len(expected) == len(pks)
    IndexEntry.objects.filter(content_type__model="procedure", object_id__in=[str(pk) for pk in pks]).delete()
    assert _entries(pks) == {}  # the delete trigger emptied the FTS table too
    index_procedures(procedures)
    assert _entries(pks) == expected

    # Re-indexing changed procedures updates the same rows, as Wagtail does.
    for procedure in procedures:
        procedure.search_name = fold(procedure.name + " sửa đổi")
        procedure.search_body = "noi dung moi"
    sqlite_index.add_items(Procedure, procedures)
    expected = _entries(pks)
    procedures[0].search_name = "khac"
    index_procedures(procedures[:1])
    assert _entries(pks[:1])[str(pks[0])][1].startswith("khac")  # the row and its FTS row were overwritten
    procedures[0].search_name = fold(procedures[0].name + " sửa đổi")
    index_procedures([*procedures, procedures[0]])  # the same procedure twice in a chunk: one row, no error
    assert _entries(pks) == expected
    assert IndexEntry.objects.filter(
        content_type__model="procedure", object_id__in=[str(pk) for pk in pks]
    ).count() == len(pks)
    assert {p.code for p in search_procedures("noi dung moi")} == {p.code for p in procedures}


def test_a_chunk_is_a_fixed_number_of_statements_and_the_norms_are_refreshed_once(sqlite_index, monkeypatch):
    procedures = _procedures("4")
    monkeypatch.setattr(search_module, "REINDEX_CHUNK", 2)
    with CaptureQueriesContext(connection) as queries:
        assert index_procedures(procedures) == 6
    sql = [q["sql"] for q in queries.captured_queries]
    table = IndexEntry._meta.db_table
    # Per chunk of two: which are indexed already, then the new ones in one executemany (Django records an
    # executemany once, as "N times: INSERT …").
    assert len(sql) == 3 * 2 + 2  # three chunks of two
    assert sum(s.startswith("SELECT object_id FROM") and table in s for s in sql) == 3
    assert [s.split(":")[0] for s in sql if f"INSERT INTO {connection.ops.quote_name(table)}" in s] == [
        "2 times",
        "2 times",
        "2 times",
    ]
    assert sum(s.startswith("UPDATE") and "title_norm" in s for s in sql) == 1
    assert {p.code for p in search_procedures("gia han")} >= {procedures[4].code}
    assert [p.code for p in search_procedures("drop table")] == [procedures[5].code]
