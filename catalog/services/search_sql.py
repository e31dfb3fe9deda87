"""SQL expressions of the catalog search: over a list of procedure ids it carries between its queries, and
where a name stands against the words asked."""

from __future__ import annotations

import json

from django.db.models import BooleanField, F, Func, IntegerField

__all__ = ["AmongIds", "NameRank", "Position"]


class AmongIds(Func):
    """`pk` (or `column`, a procedure's id in another table) is one of `ids`, sent as one parameter (an
    array, a JSON list) instead of one per id: a long `IN (%s, …)` costs PostgreSQL milliseconds of parsing
    per query and exceeds old SQLite's 999 variables."""

    output_field = BooleanField()

    def __init__(self, ids: list[int], column: str = "pk") -> None:
        super().__init__(F(column))
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
            # A JSON object id → position, looked up per row (array_position would walk the array: hundreds
            # of ids, hundreds of rows, milliseconds).
            positions: dict[str, int] = {}
            for i, pk_value in enumerate(self.ids):
                positions.setdefault(str(pk_value), i)
            return f"((%s::jsonb ->> ({pk})::text)::integer)", [json.dumps(positions), *params]
        if connection.vendor == "sqlite":
            return f"(SELECT key FROM json_each(%s) WHERE value = {pk})", [json.dumps(self.ids), *params]  # noqa: S608
        cases = " ".join(f"WHEN %s THEN {i}" for i in range(len(self.ids)))
        return f"CASE {pk} {cases} END", [*params, *self.ids]


class NameRank(Func):
    """Where a procedure's name stands against the query, lower first, in one SQL expression.

    0… when the name starts with the whole phrase, 1000… when it has it elsewhere, 2000… otherwise, minus
    how many `pieces` (words, pairs of neighbouring words) the name has. Names are padded with a space at
    each end so " word " means the whole word and " wor" a word begun, with a plain substring search.
    One expression rather than one per piece: the ORM copies each expression on every clone of a query.
    """

    output_field = IntegerField()

    def __init__(self, pieces: list[str], phrase: str | None = None, column="search_name") -> None:
        super().__init__(F(column) if isinstance(column, str) else column)
        self.pieces = pieces
        self.phrase = phrase

    def as_sql(self, compiler, connection, **extra_context):
        name, name_params = compiler.compile(self.source_expressions[0])
        find = "STRPOS" if connection.vendor == "postgresql" else "INSTR"
        padded = f"CONCAT(' ', {name}, ' ')" if connection.vendor == "mysql" else f"(' ' || {name} || ' ')"
        sql, params = [], []
        if self.phrase:
            sql.append(
                f"CASE WHEN {find}({padded}, %s) = 1 THEN 0 WHEN {find}({padded}, %s) > 0 THEN 1000 ELSE 2000 END"
            )
            params += [*name_params, self.phrase, *name_params, self.phrase]
        for piece in self.pieces:
            sql.append(f"- CASE WHEN {find}({padded}, %s) > 0 THEN 1 ELSE 0 END")
            params += [*name_params, piece]
        return "(" + " ".join(sql or ["0"]) + ")", params
