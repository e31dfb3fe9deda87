"""What citizens search for, kept without personal data, so editors see what the catalog fails to answer.

Queries go into Wagtail's `search_promotions` models (`Query`, `QueryDailyHits`: the base of its promoted
results and its "Search terms" report); `SearchQueryStat` keeps the last outcome and the clicks. Before
anything is written, what looks like an ID card or a phone number (nine digits or more, with or without
spaces or dashes) and e-mail addresses are replaced by `***`: citizens paste them into search boxes.
Procedure codes (digits with dots, `1.000894`) are kept.
"""

from __future__ import annotations

import re

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.utils import normalise_query_string

from catalog.models.search import PROMOTED_CACHE_KEY, SearchQueryStat

__all__ = ["log_search", "logged_form", "mask_personal_data", "promotions_for", "record_click"]

MASK = "***"
DIGITS_RE = re.compile(r"(?<![\w.])\+?\d(?:[ \-]?\d){8,}(?![\w.])")
EMAIL_RE = re.compile(r"[^\s@]+@[^\s@]+")


def mask_personal_data(q: str) -> str:
    return DIGITS_RE.sub(MASK, EMAIL_RE.sub(MASK, q or ""))


def logged_form(q: str) -> str:
    """`q` as it is logged: personal data masked, lower case, single spaces ("" when nothing is left)."""
    # Control characters (a NUL among them) are no part of a question, and PostgreSQL's text refuses NUL.
    visible = "".join(ch for ch in q if ch.isprintable() or ch.isspace())
    masked = normalise_query_string(" ".join(mask_personal_data(visible).split()))
    return "" if masked in ("", MASK) else masked


def log_search(q: str, results: int, quality: str) -> int | None:
    """Count one search of `q` (masked) and its outcome; returns the logged query's id."""
    masked = logged_form(q)
    if not masked:
        return None
    with transaction.atomic():
        query = Query.get(masked)
        query.add_hit()
        updated = SearchQueryStat.objects.filter(pk=query.pk).update(
            results=results, quality=quality, searches=F("searches") + 1
        )
        if not updated:
            SearchQueryStat.objects.create(query=query, results=results, quality=quality, searches=1)
    return query.pk


def record_click(q: str) -> None:
    """A citizen opened a result of the search `q` (carried by the result link); one UPDATE, nothing created:
    a link that names a query nobody logged counts nothing."""
    masked = logged_form(q)
    if masked:
        SearchQueryStat.objects.filter(query__query_string=masked).update(clicks=F("clicks") + 1)


PROMOTED_CACHE_SECONDS = 24 * 3600


def _promoted() -> frozenset[str]:
    """The questions editors promoted results for, read once per change (a save or a delete of a
    promotion drops it): most questions have none, and a results page then asks the database nothing."""
    promoted = cache.get(PROMOTED_CACHE_KEY)
    if promoted is None:
        promoted = frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True))
        cache.set(PROMOTED_CACHE_KEY, promoted, PROMOTED_CACHE_SECONDS)
    return promoted


def promotions_for(q: str) -> list[SearchPromotion]:
    """The results editors promoted for this query (Wagtail's promoted search results), best first."""
    masked = logged_form(q)
    if not masked or masked not in _promoted():
        return []
    promoted = SearchPromotion.objects.filter(query__query_string=masked).select_related("page")
    return list(promoted.order_by("sort_order"))
