"""SQL expressions over a list of procedure ids that the catalog search carries between its queries."""

from __future__ import annotations

import json

from django.db.models import BooleanField, F, Func, IntegerField

__all__ = ["AmongIds", "Position"]


class AmongIds(Func):
    """`pk` is one of `ids`, sent as one parameter (an array, a JSON list) instead of one per id: a long
    `IN (%s, …)` costs PostgreSQL milliseconds of parsing per query and exceeds old SQLite's 999 variables."""

    output_field = BooleanField()

    def __init__(self, ids: list[int]) -> None:
        super().__init__(F("pk"))
        self.ids = ids

    def as_sql(self, compiler, connection, **extra_context):
        pk, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return f"{pk} = ANY(%s)", [*params, self.ids]
        if connection.vendor == "sqlite":
            return f"{pk} IN (SELECT value FROM json_each(%s))", [*params, json.dumps(self.ids)]  # noqa: S608
        return f"{pk} IN ({', '.join(['%s'] * len(self.ids)) or 'NULL'})", [*params, *self.ids]


class Position(Func):
    """Where `pk` stands in `ids` (an earlier id first), sent as one parameter like `AmongIds`: the order a
    ranked list of ids was found in, kept by the page that shows them."""

    output_field = IntegerField()

    def __init__(self, ids: list[int]) -> None:
        super().__init__(F("pk"))
        self.ids = ids

    def as_sql(self, compiler, connection, **extra_context):
        pk, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return f"array_position(%s::integer[], {pk})", [self.ids, *params]
        if connection.vendor == "sqlite":
            return f"(SELECT key FROM json_each(%s) WHERE value = {pk})", [json.dumps(self.ids), *params]  # noqa: S608
        cases = " ".join(f"WHEN %s THEN {i}" for i in range(len(self.ids)))
        return f"CASE {pk} {cases} END", [*params, *self.ids]
