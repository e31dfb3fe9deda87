"""Seed data of the catalog search, researched once and then kept by editors in the admin.

`SYNONYMS`: more colloquial terms → official wording (migration 0016 adds them to `SearchSynonym`, beside
migration 0009's); `SYNONYMS_THIRD`: the abbreviations and regional or borrowed words of the third round
(migration 0017); `SYNONYMS_FOURTH`: everyday words of the fourth round (migration 0019); `HINTS_FIFTH` and
`SYNONYMS_FIFTH`: the fifth round's hints (wording that ranks, not required) and words (migration 0021);
`HINTS_SIXTH` and `SYNONYMS_SIXTH`: the sixth round's (migration 0022); `CONTEXT_TO_HINTS`, `HINTS_SEVENTH`
and `SYNONYMS_SEVENTH`: the seventh's (migration 0023); `HINTS_TENTH` and `SYNONYMS_TENTH`: the tenth's
(migration 0025); `SYNONYMS_ELEVENTH`: the eleventh's (migration 0026); `SYNONYMS_THIRTEENTH`: the
thirteenth's (migration 0027); `HINTS_FOURTEENTH` and `SYNONYMS_FOURTEENTH`: the fourteenth's (migration 0028);
`HINTS_FIFTEENTH` and `SYNONYMS_FIFTEENTH`: the fifteenth's (migration 0029).
`NATIONAL_ALIASES`: what citizens call some national procedures, by national code (migration 0016 writes them
into `Procedure.aliases` of the procedures present, and an import that creates a procedure with one of these
codes, or a local code starting with one, starts with them; migrations 0024, 0027, 0028 and 0029 write the
ninth, thirteenth, fourteenth and fifteenth rounds' where a procedure has none; `RESEEDED_ALIASES`: seeded
aliases a later round changed, and what they were, which migrations 0027 to 0029 rewrite where an editor has
not). The words are in `words`, the aliases in `aliases`; `seed_aliases`, `reseed_aliases`, `seed_synonyms` /
`seed_round` / `unseed_synonyms`, here: what the migrations call.

Sources: how people ask on the national portal's Q&A, forums and the press, and the misses of each round's
tuning sets (bench/search: questions_citizen.json and questions_heldout.json, then heldout2 from the third
round, heldout4 from the fourth, heldout5 from the fifth, heldout6 from the sixth, heldout7 and heldout8 from
the seventh, heldout9 from the ninth, heldout10 from the tenth, heldout11 from the eleventh, heldout13 and the
misses that recur across the tuning sets from the thirteenth, heldout14 from the fourteenth, heldout15 and
heldout16 from the fifteenth; a term a miss prompted says so in its note). The sets each round was measured on
unseen (heldout2 in the second, heldout3 in the third, heldout5 in the fourth, heldout6 in the fifth, heldout7
in the sixth, heldout8 in the seventh, heldout9 in the eighth, heldout10 in the ninth, heldout11 in the tenth,
heldout12 in the eleventh, heldout14 in the thirteenth, heldout15 in the fourteenth, heldout16 at the start of
the fifteenth and heldout17 at its end) prompted nothing before that measurement.
"""

from __future__ import annotations

from catalog.parsing.text import fold

from .aliases import NATIONAL_ALIASES, RESEEDED_ALIASES, national_aliases
from .words import (
    CONTEXT_TO_HINTS,
    HINTS_FIFTEENTH,
    HINTS_FIFTH,
    HINTS_FOURTEENTH,
    HINTS_SEVENTH,
    HINTS_SIXTH,
    HINTS_TENTH,
    SYNONYMS,
    SYNONYMS_ELEVENTH,
    SYNONYMS_FIFTEENTH,
    SYNONYMS_FIFTH,
    SYNONYMS_FOURTEENTH,
    SYNONYMS_FOURTH,
    SYNONYMS_SEVENTH,
    SYNONYMS_SIXTH,
    SYNONYMS_TENTH,
    SYNONYMS_THIRD,
    SYNONYMS_THIRTEENTH,
)

__all__ = [
    "CONTEXT_TO_HINTS",
    "HINTS_FIFTEENTH",
    "HINTS_FIFTH",
    "HINTS_FOURTEENTH",
    "HINTS_SEVENTH",
    "HINTS_SIXTH",
    "HINTS_TENTH",
    "NATIONAL_ALIASES",
    "RESEEDED_ALIASES",
    "SYNONYMS",
    "SYNONYMS_ELEVENTH",
    "SYNONYMS_FIFTEENTH",
    "SYNONYMS_FIFTH",
    "SYNONYMS_FOURTEENTH",
    "SYNONYMS_FOURTH",
    "SYNONYMS_SEVENTH",
    "SYNONYMS_SIXTH",
    "SYNONYMS_TENTH",
    "SYNONYMS_THIRD",
    "SYNONYMS_THIRTEENTH",
    "national_aliases",
    "reseed_aliases",
    "seed_aliases",
    "seed_round",
    "seed_synonyms",
    "unseed_synonyms",
]


def seed_aliases(procedure_model, search_aliases_for) -> None:
    """Write `NATIONAL_ALIASES` into the procedures of `procedure_model` (a migration's historical model) that
    have no aliases, with what the index holds of them (`search_aliases_for`, passed in: this module imports
    no models); an editor's aliases stay."""
    changed = []
    for procedure in procedure_model.objects.only("code", "search_name", "aliases", "search_aliases"):
        aliases = procedure.aliases or national_aliases(procedure.code)
        folded = search_aliases_for(procedure.search_name, aliases)
        if (aliases, folded) != (procedure.aliases, procedure.search_aliases):
            procedure.aliases, procedure.search_aliases = aliases, folded
            changed.append(procedure)
    procedure_model.objects.bulk_update(changed, ["aliases", "search_aliases"], batch_size=1000)


def reseed_aliases(procedure_model, search_aliases_for) -> None:
    """`seed_aliases`, and the procedures whose aliases are still what `RESEEDED_ALIASES` says an earlier round
    seeded get this round's (an editor's change stays)."""
    seed_aliases(procedure_model, search_aliases_for)
    for procedure in procedure_model.objects.filter(code__in=list(RESEEDED_ALIASES)).only(
        "code", "search_name", "aliases", "search_aliases"
    ):
        if procedure.aliases in RESEEDED_ALIASES[procedure.code]:
            procedure.aliases = NATIONAL_ALIASES[procedure.code]
            procedure.search_aliases = search_aliases_for(procedure.search_name, procedure.aliases)
            procedure.save(update_fields=["aliases", "search_aliases"])


def seed_synonyms(search_synonym, rows, **fields) -> None:
    """Add `rows` (term, replacement, note) to the synonyms table `search_synonym` (a migration's historical
    model), with `fields` (`kind="hint"`); a term already there, which an editor may have added or changed,
    is left as it is."""
    for term, replacement, note in rows:
        search_synonym.objects.get_or_create(
            folded_term=fold(term),
            defaults={"term": term, "replacement": replacement, "note": note, **fields},
        )


def seed_round(search_synonym, hints, synonyms) -> None:
    """A round's hints (`kind="hint"`) and synonyms, as `seed_synonyms` adds them."""
    seed_synonyms(search_synonym, hints, kind="hint")
    seed_synonyms(search_synonym, synonyms)


def unseed_synonyms(search_synonym, rows) -> None:
    """Remove the terms of `rows`: what undoing `seed_synonyms` does."""
    search_synonym.objects.filter(folded_term__in=[fold(term) for term, _, _ in rows]).delete()
