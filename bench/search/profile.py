"""Where the time of one catalog search page goes: the search call, each SQL query, facets and template.

    DATABASE_URL=… .venv/bin/python bench/search/profile.py [--set citizen] [--top 8]

Reads a database the national catalog was loaded into (`bench/search/explain.py --load`). For every
question of the set: the search service alone (`search_catalog` and its first page of ids), then the whole
page (`GET /thu-tuc/?q=`) with each SQL statement timed, grouped by what it is for. Prints medians and p95
per phase and the slowest statements.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from huey.contrib.djhuey import HUEY  # noqa: E402

# As in citizen.py: the page queues its log line, a worker writes it (the test settings would run it inline).
HUEY.immediate = False

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.search.national import questions  # noqa: E402
from catalog.services import search_catalog  # noqa: E402


def kind(sql: str) -> str:
    s = sql.lower()
    if "wagtailsearch" in s or "to_tsquery" in s or "fts" in s:
        if "strpos" in s or "instr" in s:
            return "search+rank"
        return "search"
    if "agencylevel" in s and "count(" in s:
        return "facet"
    if "_fields" in s and "count(" in s:
        return "facet"
    if "count(" in s and "agency" in s and "group by" in s:
        return "facet"
    if "strpos" in s or "instr" in s:
        return "rank"
    if "searchsynonym" in s or "search_promotions" in s or "searchpromotion" in s:
        return "synonyms/promotions"
    return "other"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[int(p * (len(values) - 1))] if values else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", default="citizen")
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    asked = questions((args.set,))
    client = Client()
    for q in asked[:3]:
        client.get("/thu-tuc/", {"q": q.text})
        list(search_catalog(q.text).procedures[:20].values_list("pk", flat=True))
    service, page = [], []
    by_kind: dict[str, list[float]] = defaultdict(list)
    slow: list[tuple[float, str]] = []

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            ms = (time.perf_counter() - started) * 1000
            current[kind(sql)] = current.get(kind(sql), 0) + ms
            slow.append((ms, sql[:300]))

    for q in asked:
        started = time.perf_counter()
        found = search_catalog(q.text)
        list(found.procedures[:20].values_list("pk", flat=True))
        service.append((time.perf_counter() - started) * 1000)
        current: dict[str, float] = {}
        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            client.get("/thu-tuc/", {"q": q.text})
        total = (time.perf_counter() - started) * 1000
        page.append(total)
        for k, v in current.items():
            by_kind[k].append(v)
        by_kind["python (page minus SQL)"].append(total - sum(current.values()))
    print(f"{connection.vendor}: {len(asked)} questions of set {args.set}")
    print(
        f"  search service (search_catalog + first page of ids): p50 {statistics.median(service):.1f} ms  p95 {pct(service, 0.95):.1f} ms"
    )
    print(
        f"  whole page:                                          p50 {statistics.median(page):.1f} ms  p95 {pct(page, 0.95):.1f} ms"
    )
    for k, v in sorted(by_kind.items(), key=lambda kv: -statistics.median(kv[1])):
        print(
            f"    {k:<28} p50 {statistics.median(v):7.1f} ms  p95 {pct(v, 0.95):7.1f} ms  (in {len(v)} pages)"
        )
    print("  slowest statements:")
    for ms, sql in sorted(slow, reverse=True)[: args.top]:
        print(f"    {ms:7.1f} ms  {sql[:220]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
