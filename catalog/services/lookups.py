"""Resolving what a procedure row names (agencies, levels, sectors, centers) to catalog rows, a batch at a time.

Every writer of procedures goes through these: `upsert_procedure` (the demo loader, decisions, E-PAR) and the
importers' bulk path. Each lookup reads its table once, so a batch of thousands of rows costs a few queries.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from catalog.models import Agency, AgencyLevel, Center, Field
from catalog.parsing.fees import fees_json
from catalog.parsing.processing_time import parse_processing_time
from catalog.parsing.text import fold, normalize_text

#: Distinct texts remembered per batch: an appendix repeats a few dozen times and fees on thousands of rows.
_MEMO_LIMIT = 100_000

__all__ = ["AgencyResolver", "CatalogLookups", "ProcedureRecordError", "field_slug"]


class ProcedureRecordError(ValueError):
    """A record that cannot be written; the message is Vietnamese and names the offending value."""


def field_slug(name: str) -> str:
    """The code a sector named only by its name gets when it is created (a decision may bring a new one)."""
    return "-".join(fold(name).split())[:64] or "khac"


class AgencyResolver:
    """The catalog's agencies by identifier, by folded name, and by folded short name where no name folds the
    same: the one way a text names an agency, read with one query."""

    def __init__(self, agencies: Iterable[Agency] | None = None) -> None:
        self.by_identifier: dict[str, Agency] = {}
        self.by_name: dict[str, Agency] = {}
        short: dict[str, Agency] = {}
        for agency in Agency.objects.all() if agencies is None else agencies:
            self.by_identifier[agency.identifier] = agency
            self.by_name[fold(agency.name)] = agency
            if agency.short_name:
                short.setdefault(fold(agency.short_name), agency)
        for key, agency in short.items():
            self.by_name.setdefault(key, agency)

    def named(self, name: str) -> Agency | None:
        """The agency a name (or short name) designates, ignoring case, accents and spacing."""
        return self.by_name.get(fold(name)) if name else None

    def resolve(self, text: str) -> Agency | None:
        """The agency an identifier or a name designates; None when nothing matches."""
        text = normalize_text(text)
        return (self.by_identifier.get(text) or self.named(text)) if text else None


class CatalogLookups:
    """Levels, sectors, agencies and centers loaded once for a batch of records, and the parsed times and fees
    of the texts seen so far (the parsed values are shared between rows and never mutated)."""

    def __init__(self) -> None:
        self.processing_time = functools.lru_cache(maxsize=_MEMO_LIMIT)(parse_processing_time)
        self.fees = functools.lru_cache(maxsize=_MEMO_LIMIT)(fees_json)
        self.levels = {lv.code: lv for lv in AgencyLevel.objects.all()}
        self.levels_by_name = {fold(lv.name): lv for lv in self.levels.values()}
        self.fields = {f.code: f for f in Field.objects.all()}
        self.fields_by_name = {fold(f.name): f for f in self.fields.values()}
        self.agencies = AgencyResolver()
        self.centers = {c.code: c for c in Center.objects.all()}

    def level(self, key: str) -> AgencyLevel:
        key = normalize_text(key)
        found = self.levels.get(key) or self.levels_by_name.get(fold(key))
        if found is None:
            folded = fold(key)
            for code, level in self.levels.items():
                if code in folded or fold(level.name) in folded:
                    return level
            raise ProcedureRecordError(f"Không có cấp thực hiện “{key}”.")
        return found

    def field(self, key: str, *, create: bool = True) -> Field:
        """The sector a code or a name designates. An unknown one is created (`create=False`, for a dry run:
        an unsaved `Field` standing for it, remembered so the batch sees one sector)."""
        key = normalize_text(key)
        found = self.fields.get(key) or self.fields_by_name.get(fold(key))
        if found is None:
            code = field_slug(key)
            found = self.fields.get(code)
            if found is None and create:
                found, _ = Field.objects.get_or_create(code=code, defaults={"name": key[:255]})
            elif found is None:
                found = Field(code=code, name=key[:255])
            self.fields[found.code] = found
            self.fields_by_name[fold(key)] = found
        return found

    def knows_field(self, key: str) -> bool:
        """Whether `field(key)` would find a sector without creating one."""
        key = normalize_text(key)
        return bool(
            self.fields.get(key) or self.fields_by_name.get(fold(key)) or self.fields.get(field_slug(key))
        )

    def agency(self, key: str) -> Agency | None:
        key = normalize_text(key)
        if not key:
            return None
        found = self.agencies.resolve(key)
        if found is None:
            raise ProcedureRecordError(f"Không có cơ quan “{key}” trong danh mục cơ quan.")
        return found
