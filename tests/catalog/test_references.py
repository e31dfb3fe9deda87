"""Wagtail's reference index kept up to date by bulk writers (issue 12 item 4): `refresh_references` writes,
for a whole batch in a few queries, the rows Wagtail's own `create_or_update_for_object` writes per object."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ReferenceIndex

from catalog.models import Procedure
from catalog.services import refresh_procedure_references, refresh_references
from tests.factories import AgencyFactory

COLUMNS = ("content_type_id", "base_content_type_id", "object_id", "to_content_type_id", "to_object_id",
           "model_path", "content_path", "content_path_hash")  # fmt: skip


def _procedures_references():
    return ReferenceIndex.objects.filter(base_content_type=ContentType.objects.get_for_model(Procedure))


def _rows() -> list[tuple]:
    return sorted(_procedures_references().values_list(*COLUMNS))


def _stored_hashes() -> list:
    """The hash column as the database holds it (the ORM would turn any spelling of a UUID into the same one,
    but the unique constraint compares what is stored)."""
    table = ReferenceIndex._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT content_path_hash FROM {table} ORDER BY object_id")
        return [row[0] for row in cursor.fetchall()]


def _as_wagtail_writes_them(procedures) -> list[tuple]:
    _procedures_references().delete()
    for procedure in procedures:
        ReferenceIndex.create_or_update_for_object(Procedure.objects.get(pk=procedure.pk))
    return _rows()


def _bulk(count: int, agency) -> list[Procedure]:
    Procedure.objects.bulk_create(
        Procedure(code=f"2.{n:06d}", name=f"Thủ tục hàng loạt {n}", agency=agency if n % 3 else None)
        for n in range(count)
    )  # bulk_create sends no signal: no reference yet
    return list(Procedure.objects.filter(code__startswith="2."))


def test_a_batch_gets_the_rows_wagtail_would_write_in_a_few_queries(db):
    agency = AgencyFactory()
    procedures = _bulk(30, agency)
    assert not _procedures_references().exists()
    with CaptureQueriesContext(connection) as queries:
        assert refresh_references(procedures) == 20  # every third procedure names no agency
    assert len(queries.captured_queries) <= 3  # whatever the batch's size
    ours, hashes = _rows(), _stored_hashes()
    assert len(ReferenceIndex.get_references_to(agency)) == 20
    assert ours == _as_wagtail_writes_them(procedures)
    assert hashes == _stored_hashes()


def test_a_changed_agency_moves_the_reference_and_an_unchanged_one_writes_nothing(db):
    first, second = AgencyFactory(), AgencyFactory()
    procedures = _bulk(6, first)
    refresh_references(procedures)
    assert refresh_references(procedures) == 0  # nothing changed: nothing written
    moved = [p.pk for p in procedures[:3]]
    Procedure.objects.filter(pk__in=moved).update(agency=second)  # as an import's UPDATE does
    Procedure.objects.filter(pk=procedures[3].pk).update(agency=None)
    assert refresh_procedure_references(p.pk for p in procedures) > 0
    assert {int(r.object_id) for r in ReferenceIndex.get_references_to(second)} == {
        p for p in moved if Procedure.objects.get(pk=p).agency_id
    }
    assert _rows() == _as_wagtail_writes_them(procedures)


def test_instances_with_deferred_foreign_keys_are_read_in_one_query(db):
    agency = AgencyFactory()
    procedures = _bulk(9, agency)
    deferred = list(Procedure.objects.filter(pk__in=[p.pk for p in procedures]).only("pk", "name"))
    with CaptureQueriesContext(connection) as queries:
        refresh_references(deferred)
    assert len(queries.captured_queries) <= 4
    assert _rows() == _as_wagtail_writes_them(procedures)
