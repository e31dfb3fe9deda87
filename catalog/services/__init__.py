"""The catalog's public API: other apps, views, tasks and commands call these, never the models' internals.

- `upsert_procedure(record)` writes one procedure from a *procedure record* (the dict shape documented in
  `catalog.services.records`), used by the demo loader, the importers and decisions alike.
- `fees_json(text)` is a fee cell parsed as a channel stores it.
- `apply_decision(decision)` applies a published decision's items atomically at its effective date.
- `search_procedures(q, ...)` is the accent- and case-insensitive catalog search; `search_catalog(q, ...)` also
  tells whether every word matched. `reindex_procedures(ids)` refreshes the search index after writes that
  bypass `Procedure.save()` (bulk_create, QuerySet.update, raw SQL); saves index by themselves;
  `index_procedures(procedures)` does the same for procedures a bulk writer holds in memory.
- `procedure_statistics()` computes seed 004's appendix figures live from the catalog.
"""

from .decisions import apply_decision, due_decisions
from .records import ProcedureRecordError, fees_json, procedure_to_dict, upsert_procedure
from .search import (
    MAX_QUERY_CHARS,
    Quality,
    SearchResult,
    fold_query,
    index_procedures,
    reindex_procedures,
    search_catalog,
    search_procedures,
)
from .stats import procedure_statistics

__all__ = [
    "MAX_QUERY_CHARS",
    "ProcedureRecordError",
    "Quality",
    "SearchResult",
    "apply_decision",
    "due_decisions",
    "fees_json",
    "fold_query",
    "index_procedures",
    "procedure_statistics",
    "procedure_to_dict",
    "reindex_procedures",
    "search_catalog",
    "search_procedures",
    "upsert_procedure",
]
