"""The search backend (cms/search_backend.py): Wagtail's database backend, matching a model that indexes no
`title` on its body vector alone on PostgreSQL, with the same results as Wagtail's own backend."""

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database import SearchBackend as WagtailDatabaseBackend
from wagtail.search.index import RelatedFields, SearchField
from wagtail.search.query import Or, PlainText

from catalog.models import Procedure
from catalog.parsing import fold
from catalog.services import index_procedures
from cms.search_backend import _indexes_a_title
from tests.factories import AgencyFactory

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend only")

NAMES = [
    "Đăng ký khai sinh",
    "Đăng ký khai tử",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
    "Đăng ký thường trú",
]
QUERIES = [
    ("khai", "and", "search"),
    ("dang ky", "and", "search"),
    ("cong ty thanh lap", "and", "search"),
    ("tu sinh tru", "or", "search"),
    ("xay nha", "or", "search"),
    ("dang ky kh", "and", "autocomplete"),
    ("thuong tr", "or", "autocomplete"),
]


@pytest.fixture
def catalog(db):
    agency = AgencyFactory()
    procedures = Procedure.objects.bulk_create(
        Procedure(
            code=f"1.{n:06d}",
            name=name,
            search_name=fold(name),
            search_body=fold("Kết quả: giấy chứng nhận; nộp tại bộ phận một cửa"),
            agency=agency,
        )
        for n, name in enumerate(NAMES)
    )
    index_procedures(procedures)
    return procedures


def _found(backend, query, operator, method):
    find = getattr(backend, method)
    return sorted(
        find(query, Procedure.objects.all(), operator=operator, order_by_relevance=False)
        .get_queryset()
        .values_list("pk", flat=True)
    )


def test_the_settings_use_this_backend_and_it_is_wagtails_elsewhere(db):
    backend = get_search_backend()
    if connection.vendor == "postgresql":
        assert type(backend).__module__ == "cms.search_backend"
    else:
        # SQLite (FTS5) and the others: Wagtail's own backend, unchanged.
        assert type(backend) is type(WagtailDatabaseBackend({}))


def test_a_title_is_found_on_the_model_and_on_related_objects():
    assert _indexes_a_title(Page.get_search_fields())
    assert not _indexes_a_title(Procedure.get_search_fields())
    assert _indexes_a_title([RelatedFields("agency", [SearchField("title")])])
    assert not _indexes_a_title([RelatedFields("agency", [SearchField("name")])])


@on_postgres
def test_procedures_are_matched_on_the_body_vector_alone(catalog):
    backend = get_search_backend()
    results = backend.search("khai", Procedure.objects.all(), order_by_relevance=False)
    sql = str(results.get_queryset().query)
    assert '"wagtailsearch_indexentry"."body" @@' in sql
    assert '"title" ||' not in sql and "title_norm" not in sql


@on_postgres
def test_pages_keep_wagtails_title_and_body(catalog):
    sql = str(get_search_backend().search("trang", Page.objects.all()).get_queryset().query)
    assert '"title" ||' in sql and "title_norm" in sql


@on_postgres
@pytest.mark.parametrize(("query", "operator", "method"), QUERIES)
def test_the_same_procedures_as_wagtails_own_backend(catalog, query, operator, method):
    ours = _found(get_search_backend(), query, operator, method)
    wagtails = _found(WagtailDatabaseBackend({}), query, operator, method)
    assert ours == wagtails
    assert ours, "each query matches something: a comparison of two empty lists proves nothing"


@on_postgres
def test_the_same_procedures_for_an_or_of_phrases(catalog):
    query = Or([PlainText("dang ky khai", operator="and"), PlainText("giay phep xay", operator="and")])
    ours = _found(get_search_backend(), query, "and", "search")
    assert ours == _found(WagtailDatabaseBackend({}), query, "and", "search")
    assert len(ours) == 3


@on_postgres
def test_ranked_by_relevance_in_the_same_order(catalog):
    def ranked(backend):
        return list(
            backend.search("dang ky", Procedure.objects.all()).get_queryset().values_list("pk", flat=True)
        )

    assert ranked(get_search_backend()) == ranked(WagtailDatabaseBackend({}))
