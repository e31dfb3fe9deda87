"""Bulk indexing on PostgreSQL: one INSERT per chunk and the title norms refreshed once per call.

Runs on PostgreSQL only (`DATABASE_URL=postgres://…`): on SQLite the backend is FTS5, with no title norms.
"""

import pytest
from django.db import connection
from django.db.models.functions import Length
from django.test.utils import CaptureQueriesContext
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
    assert sum(s.lstrip().startswith(f"INSERT INTO {table}") for s in sql) == 3
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
