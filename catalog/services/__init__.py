"""The catalog's public API: other apps, views, tasks and commands call these, never the models' internals.

- `upsert_procedure(record)` writes one procedure from a *procedure record* (the dict shape documented in
  `catalog.services.records`), used by the demo loader, the importers and decisions alike.
  `normalise_procedure_row(record, lookups)` is the one normalisation every writer of procedure rows uses
  (`upsert_procedure` and the importers' bulk resources alike); `CatalogLookups` resolves a batch's levels,
  sectors, agencies and centers with a few queries, its `AgencyResolver` being the one folded-name → agency
  lookup; `link_related` sets related procedures once a batch is written.
- `payable_fee(procedure, channel)` is the fee paid online with a dossier (a fixed amount in đồng, or None with
  the reason the officer works it out); `fees_json(text)` is a fee cell parsed as a channel stores it;
  `channel_values(time, fees)` what a channel stores for its time and fee texts (the one parsing for imports,
  decisions and the admin) and `channel_text_errors(time, fees)` why typed texts cannot be parsed;
  `search_body(...)` the folded search text.
- `apply_decision(decision)` applies a published decision's items atomically at its effective date.
- `search_procedures(q, ...)` is the accent- and case-insensitive catalog search; `search_catalog(q, ...)` also
  tells whether every word matched. `reindex_procedures(ids)` refreshes the search index after writes that
  bypass `Procedure.save()` (bulk_create, QuerySet.update, raw SQL); saves index by themselves;
  `index_procedures(procedures)` does the same for procedures a bulk writer holds in memory (inside
  `title_norms_deferred()` a run of batches refreshes PostgreSQL's title norms once, at the end), and
  `refresh_references(procedures)` / `refresh_procedure_references(ids)` update Wagtail's reference index
  (the agencies' usage) for them in a few queries per batch.
- `procedure_statistics()` computes seed 004's appendix figures live from the catalog.
- `read_plan(data)` / `apply_reorganisation(plan, dry_run=...)` merge, split and close units (agencies, centers,
  levels) keeping their history, and send `units_reorganised` so other apps remap what is still open
  (`docs/REORGANISATION.md`); `PlanError` lists in Vietnamese why a plan cannot apply.
"""

from catalog.models.procedures import search_aliases_for
from catalog.parsing.fees import fees_json
from catalog.search_seed import national_aliases

from .decisions import apply_decision, due_decisions
from .fees import PayableFee, fee_channel, payable_fee
from .lookups import AgencyResolver, CatalogLookups, ProcedureRecordError, field_slug
from .records import (
    CHANNEL_ATTRS,
    ProcedureRow,
    channel_text_errors,
    channel_values,
    link_related,
    normalise_procedure_row,
    procedure_to_dict,
    search_body,
    upsert_procedure,
)
from .references import refresh_procedure_references, refresh_references
from .reorganisation import (
    PlanError,
    Reorganisation,
    apply_reorganisation,
    read_plan,
    units_reorganised,
)
from .search import (
    MAX_QUERY_CHARS,
    Quality,
    SearchResult,
    fold_query,
    search_catalog,
    search_procedures,
)
from .search_index import index_procedures, reindex_procedures, title_norms_deferred
from .stats import procedure_statistics

__all__ = [
    "CHANNEL_ATTRS",
    "MAX_QUERY_CHARS",
    "AgencyResolver",
    "CatalogLookups",
    "PayableFee",
    "PlanError",
    "ProcedureRecordError",
    "ProcedureRow",
    "Quality",
    "Reorganisation",
    "SearchResult",
    "apply_decision",
    "apply_reorganisation",
    "channel_text_errors",
    "channel_values",
    "due_decisions",
    "fee_channel",
    "fees_json",
    "field_slug",
    "fold_query",
    "index_procedures",
    "link_related",
    "national_aliases",
    "normalise_procedure_row",
    "payable_fee",
    "procedure_statistics",
    "procedure_to_dict",
    "read_plan",
    "refresh_procedure_references",
    "refresh_references",
    "reindex_procedures",
    "search_aliases_for",
    "search_body",
    "search_catalog",
    "search_procedures",
    "title_norms_deferred",
    "units_reorganised",
    "upsert_procedure",
]
