"""Accent- and case-insensitive catalog search.

Citizens type on phones, mostly without diacritics. Procedures keep accent-folded copies of their text
(`search_name`, `search_body`); the query is folded the same way. Name matches rank before the rest.
"""

from __future__ import annotations

import re

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from catalog.models import Procedure
from catalog.parsing.text import fold

MAX_QUERY_CHARS = 200
CODE_RE = re.compile(r"\d\.\d{1,6}(?:\.[0-9A-Za-z]{1,3})*\.?")
MAX_TERMS = 12


def fold_query(q: str) -> list[str]:
    """The folded terms of a query, bounded: full-text syntax and regex characters are only spaces here."""
    folded = fold((q or "")[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS]
    terms = [t for t in re.split(r"[^0-9a-z.]+", folded) if t]
    return terms[:MAX_TERMS]


def search_procedures(q: str, queryset: QuerySet[Procedure] | None = None) -> QuerySet[Procedure]:
    """Procedures matching every folded term (in the name or elsewhere), name matches first."""
    queryset = Procedure.objects.published() if queryset is None else queryset
    raw = (q or "").strip()[:MAX_QUERY_CHARS]
    if CODE_RE.fullmatch(raw):
        # A procedure code (or its beginning), as printed on receipts and in decisions.
        return queryset.filter(code__startswith=raw.rstrip(".")).order_by("code")
    terms = fold_query(q)
    if not terms:
        return queryset
    phrase = " ".join(terms)
    in_name = Q()
    everywhere = Q()
    for term in terms:
        in_name &= Q(search_name__contains=term)
        everywhere &= Q(search_name__contains=term) | Q(search_body__contains=term) | Q(code__startswith=term)
    return (
        queryset.filter(everywhere)
        .annotate(
            rank=Case(
                When(code__startswith=phrase, then=Value(0)),
                When(search_name__contains=phrase, then=Value(1)),
                When(in_name, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "code")
    )
