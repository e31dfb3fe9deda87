"""Wagtail's database search backend (`wagtail.search.backends.database`), with one change on PostgreSQL:
a model that indexes no field named `title` is matched on its `body` vector alone.

Wagtail's PostgreSQL backend matches `title || body @@ query`. A model without a `title` search field (the
catalog's procedures index `search_name`, `search_aliases`, `search_body`, `search_components`) has an
empty `title` vector on every entry, so the concatenation holds exactly what `body` holds, and matching it
gives the same rows. PostgreSQL builds that concatenation for every row it tests, though: each body vector
decompressed and copied (about 1.5 kB per procedure). Its planner prices none of it, so for a question whose
words most procedures have it tests every row that way: 20–30 ms of a search, where `body @@ query` takes a
third of that and can use the GIN index Wagtail keeps on `body`. bench/README.md has the figures.

The ranking expression (`order_by_relevance`) adds the title's rank to the body's; an empty title ranks 0,
so it is left out too. Models with a `title` field (pages) are searched exactly as Wagtail does. SQLite
and the other databases get Wagtail's backend unchanged.
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.index import RelatedFields, SearchField

__all__ = ["SearchBackend"]


def SearchBackend(params):
    """Wagtail loads a backend module's `SearchBackend` and calls it with the backend's settings."""
    if connection.vendor != "postgresql":
        return DatabaseSearchBackend(params)
    return _postgres_backend()(params)


@cache
def _postgres_backend():
    # Imported here: an SQLite-only install may lack psycopg, which this module needs.
    from wagtail.search.backends.database.postgres.postgres import (
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class BodyWithoutTitleCompiler(PostgresSearchQueryCompiler):
        def get_index_vectors(self, search_query):
            vectors = super().get_index_vectors(search_query)
            if _model_indexes_a_title(self.queryset.model):
                return vectors
            # [(title, title_norm), (body, 1.0)]: the title is empty for every entry of this model.
            return vectors[1:]

    class Backend(PostgresSearchBackend):
        query_compiler_class = BodyWithoutTitleCompiler

    return Backend


@cache
def _model_indexes_a_title(model) -> bool:
    # Asked at every query's compilation; a model's search fields are fixed when it is defined.
    return _indexes_a_title(model.get_search_fields())


def _indexes_a_title(fields) -> bool:
    """Whether Wagtail's indexer fills the `title` vector: a SearchField named "title", on the model or
    on a related object (RelatedFields)."""
    for field in fields:
        if isinstance(field, SearchField) and field.field_name == "title":
            return True
        if isinstance(field, RelatedFields) and _indexes_a_title(field.fields):
            return True
    return False
