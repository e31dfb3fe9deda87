"""Bulk indexing on PostgreSQL: one INSERT per chunk, the title norms refreshed once per call, and the same
index entries as Wagtail's own `add_items`.

Runs on PostgreSQL only (`DATABASE_URL=postgres://…`): on SQLite the backend is FTS5, with no title norms.
"""

import pytest
from django.db import connection
from django.db.models.functions import Length
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from catalog.models import Procedure
from catalog.parsing import fold
from catalog.services import index_procedures, search_procedures
from catalog.services import search_index as search_module
from tests.factories import AgencyFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search backend only")


def test_chunks_are_one_insert_each_and_the_norms_are_refreshed_once(db, monkeypatch):
    agency = AgencyFactory()
    names = [f"Thủ tục hàng loạt số {n}" + " rất dài" * (n % 3) for n in range(7)]
    procedures = Procedure.objects.bulk_create(
        Procedure(code=f"2.{n:06d}", name=name, search_name=fold(name), agency=agency)
        for n, name in enumerate(names)
    )
    monkeypatch.setattr(search_module, "REINDEX_CHUNK", 3)
    with CaptureQueriesContext(connection) as queries:
        assert index_procedures(procedures) == 7
    sql = [q["sql"] for q in queries.captured_queries]
    table = IndexEntry._meta.db_table
    inserts = [s for s in sql if s.lstrip().startswith("INSERT INTO") and table in s.split("(")[0]]
    assert len(inserts) == 3
    assert sum(s.startswith("UPDATE") and "title_norm" in s for s in sql) == 1

    entries = IndexEntry.objects.filter(content_type__model="procedure").annotate(n=Length("title"))
    lengths = {e.object_id: e.n for e in entries}
    titled = [n for n in lengths.values() if n]
    for entry in entries:
        # As Wagtail computes it: the average title length over the length of this one (1.0 without a title;
        # the catalog indexes its folded name as autocomplete, so its procedures may have none).
        n = lengths[entry.object_id]
        assert entry.title_norm == pytest.approx(sum(titled) / len(titled) / n if n else 1.0)
    assert {p.code for p in search_procedures("thu tuc hang loat")} == {p.code for p in procedures}


def _entries(pks) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT object_id, title::text, autocomplete::text, body::text, title_text, body_text, title_norm "
            f"FROM {IndexEntry._meta.db_table} WHERE object_id = ANY(%s) ORDER BY object_id",
            [[str(pk) for pk in pks]],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def test_the_bulk_statement_writes_what_wagtails_add_items_writes(db):
    agency = AgencyFactory()
    names = [
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "  Đăng ký khai sinh  ",  # spaces around: stripped as Wagtail strips them
        "Thủ tục — có dấu, chấm; phẩy (và ngoặc) 1.000123",
        "a " * 40 + "lặp lại",
        "Gia hạn",
    ]
    bodies = ["", "ho tich khai sinh tre em", "   ", "xay dung\nnha o", "the and of a"]  # empty, stop words
    procedures = Procedure.objects.bulk_create(
        Procedure(code=f"3.{n:06d}", name=name, search_name=fold(name), search_body=body, agency=agency)
        for n, (name, body) in enumerate(zip(names, bodies, strict=True))
    )
    pks = [p.pk for p in procedures]
    index = get_search_backend().get_index_for_model(Procedure)
    index.add_items(Procedure, procedures)  # Wagtail's own: one compiled expression per text
    expected = _entries(pks)
    IndexEntry.objects.filter(object_id__in=[str(pk) for pk in pks]).delete()
    assert _entries(pks) == {}
    index_procedures(procedures)
    assert _entries(pks) == expected
    assert all(row[2] for row in expected.values())  # autocomplete vectors are not all empty

    # Re-indexing changed procedures takes the ON CONFLICT path, also as Wagtail does.
    for procedure in procedures:
        procedure.search_name = fold(procedure.name + " sửa đổi")
        procedure.search_body = "noi dung moi"
    index.add_items(Procedure, procedures)
    expected = _entries(pks)
    procedures[0].search_name = "khac"
    index_procedures(procedures[:1])
    autocomplete = _entries(pks[:1])[str(pks[0])][1]
    assert "'khac':1" in autocomplete and "sua" not in autocomplete  # the row was overwritten
    procedures[0].search_name = fold(names[0] + " sửa đổi")
    index_procedures([*procedures, procedures[0]])  # the same procedure twice in a chunk: one row, no error
    assert _entries(pks) == expected
