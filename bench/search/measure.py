"""One cell of the search benchmark: one database, one catalog size, three methods (run.py drives it).

    DATABASE_URL=… /tmp/probe/bin/python bench/search/measure.py --size 10000 [--queries 300] [--data PATH]

Migrates the database named by DATABASE_URL (an empty one: run.py creates and drops it), writes `size`
procedures generated from real name patterns (bench/search/corpus.py), indexes them with
`catalog.services.reindex_procedures`, then sends every query through the real view (`GET /thu-tuc/?q=`
with Django's test client: filters, facet counts, pagination and the template included) three times:

* ``ours``: the view as it is (catalog.services.search_catalog);
* ``wagtail``: Wagtail's database search backend as shipped, `SearchField("name")` on the raw names and
  `backend.search(q, queryset)` (the index is rebuilt that way just before);
* ``icontains``: the previous search, a scan: every folded word `icontains` the folded name or body,
  ranked name first.

Prints one JSON object on the last line of standard output; progress goes to standard error.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from huey.contrib.djhuey import HUEY  # noqa: E402

# The test settings run jobs inline; in service the search page only queues its log line (catalog.tasks)
# and a worker writes it after the response. The page is timed as a citizen waits for it: queued, not run.
HUEY.immediate = False

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Case, IntegerField, Q, Value, When  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.search import index  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402
from wagtail.search.models import IndexEntry  # noqa: E402

import catalog.views  # noqa: E402
from bench.search.corpus import Entry, make_catalog, make_queries  # noqa: E402
from catalog.models import Agency, AgencyLevel, Field, Procedure  # noqa: E402
from catalog.parsing import fold, marked_words  # noqa: E402
from catalog.services import SearchResult, fold_query, index_procedures, reindex_procedures  # noqa: E402

LEVELS = (("province", "Cấp tỉnh"), ("commune", "Cấp xã"), ("ministry", "Cấp bộ"))
AGENCIES = 60


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load(entries: list[Entry], seed: int = 7) -> None:
    """The catalog in bulk (procedures, their agency, levels and field), then indexed once."""
    rng = random.Random(seed)
    levels = [AgencyLevel.objects.create(code=c, name=n, order=i) for i, (c, n) in enumerate(LEVELS)]
    agencies = Agency.objects.bulk_create(
        Agency(identifier=f"000.00.{i:02d}.H22", name=f"Sở thử nghiệm {i}", level=levels[0])
        for i in range(AGENCIES)
    )
    fields = {}
    for name in sorted({e.field for e in entries}):
        fields[name] = Field(code=f"lv-{len(fields)}", name=name[:255])
    Field.objects.bulk_create(fields.values())
    procedures = Procedure.objects.bulk_create(
        (
            Procedure(
                code=e.code,
                name=e.name,
                search_name=fold(e.name),
                search_marks=marked_words(e.name),
                search_body=fold(e.body),
                agency=rng.choice(agencies),
                online_level=rng.choice(("full", "partial", "none")),
                processing_time_text="05 ngày làm việc",
            )
            for e in entries
        ),
        batch_size=2000,
    )
    level_links = Procedure.levels.through
    field_links = Procedure.fields.through
    by_name = {f.name: f for f in Field.objects.all()}
    level_links.objects.bulk_create(
        (level_links(procedure_id=p.pk, agencylevel_id=rng.choice(levels).pk) for p in procedures),
        batch_size=5000,
    )
    field_links.objects.bulk_create(
        (
            field_links(procedure_id=p.pk, field_id=by_name[e.field[:255]].pk)
            for p, e in zip(procedures, entries, strict=True)
        ),
        batch_size=5000,
    )


def wagtail_as_shipped(q: str, queryset) -> SearchResult:
    results = get_search_backend().search(q, queryset)
    return SearchResult(results.get_queryset())


def icontains_scan(q: str, queryset) -> SearchResult:
    terms = fold_query(q)
    if not terms:
        return SearchResult(queryset.order_by("code"))
    phrase = " ".join(terms)
    in_name, everywhere = Q(), Q()
    for term in terms:
        in_name &= Q(search_name__icontains=term)
        everywhere &= Q(search_name__icontains=term) | Q(search_body__icontains=term)
    rank = Case(
        When(search_name__icontains=phrase, then=Value(1)),
        When(in_name, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return SearchResult(queryset.filter(everywhere).annotate(rank=rank).order_by("rank", "code"))


def analyze() -> None:
    if connection.vendor == "postgresql":
        # What autovacuum does soon after any large write in production: without row statistics the
        # planner guesses, for ours and the baselines alike. (SQLite gets no ANALYZE: deployments never
        # run one; catalog migration 0005 gives its planner what it needs.)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def reindex_raw_names() -> float:
    """Rebuild the index the way a project gets it out of the box: the raw name, accents and all."""
    Procedure.search_fields = [
        index.SearchField("name"),
        index.FilterField("status"),
        index.FilterField("live"),
    ]
    started = time.perf_counter()
    IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Procedure)).delete()
    # Not reindex_procedures(): it loads only the columns our search_fields read, and would then fetch
    # each raw name with a query of its own.
    index_procedures(list(Procedure.objects.only("name", "status")))
    elapsed = time.perf_counter() - started
    analyze()
    return elapsed


def service_latency(texts: list[str], search) -> dict:
    """The search service alone, as a caller other than the page sees it: the search over the published
    procedures and its first page of ids (no facets, no template). p50/p95 in ms."""
    published = Procedure.objects.published()
    for text in texts[:3]:  # warm up, not counted
        list(search(text, published).procedures[:20].values_list("pk", flat=True))
    latencies = []
    for text in texts:
        started = time.perf_counter()
        list(search(text, published).procedures[:20].values_list("pk", flat=True))
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    return {
        "service_p50": statistics.median(latencies),
        "service_p95": latencies[int(0.95 * (len(latencies) - 1))],
    }


RESULT_LINK = re.compile(r'class="title" href="/thu-tuc/([^/"]+)/(?:\?tk=[^"]*)?"')


def run(client: Client, queries, search, counted: int = 30) -> dict:
    """Every query through the view; latency uninstrumented, results read from the page as a citizen sees it."""
    catalog.views.search_catalog = search
    for query in queries[:5]:  # warm the caches and the connection; not counted
        client.get("/thu-tuc/", {"q": query.text})
    latencies, hits, zero = [], 0, 0
    by_kind: dict[str, list[int]] = {}
    for query in queries:
        started = time.perf_counter()
        response = client.get("/thu-tuc/", {"q": query.text})
        latencies.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (query, response.status_code)
        codes = RESULT_LINK.findall(response.content.decode())[:10]
        found = int(query.code in codes)
        hits += found
        zero += not codes
        by_kind.setdefault(query.kind, []).append(found)
    max_queries = 0
    for query in queries[:counted]:  # SQL per page, counted apart so that counting costs no latency
        with CaptureQueriesContext(connection) as captured:
            client.get("/thu-tuc/", {"q": query.text})
        max_queries = max(max_queries, len(captured.captured_queries))
    latencies.sort()
    return {
        **service_latency([query.text for query in queries], search),
        "queries": len(queries),
        "recall10": hits / len(queries),
        "zero": zero / len(queries),
        "p50": statistics.median(latencies),
        "p95": latencies[int(0.95 * (len(latencies) - 1))],
        "max_queries": max_queries,
        "by_kind": {kind: sum(v) / len(v) for kind, v in sorted(by_kind.items())},
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--baseline-queries",
        type=int,
        default=None,
        help="how many of the queries the baselines answer (default: all; their scans take seconds each "
        "at 100,000 procedures)",
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    data = args.data if args.data.is_dir() else None

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    log(f"  migrated in {time.perf_counter() - started:.1f} s")
    entries = make_catalog(args.size, data)
    queries = make_queries(entries, args.queries)
    started = time.perf_counter()
    load(entries)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    reindex_procedures()
    indexed = time.perf_counter() - started
    analyze()
    log(f"  {len(entries)} procedures written in {loaded:.1f} s, indexed in {indexed:.1f} s")

    client = Client()
    # The harness holds the whole generated catalog in memory; a server does not. Freezing it keeps the
    # garbage collector from walking it in the middle of a timed request.
    del entries
    gc.collect()
    gc.freeze()
    results = {"size": args.size, "vendor": connection.vendor, "index_seconds": indexed}
    # The baselines answer the first queries of the same list (drawn at random, so the same mix).
    sample = queries[: args.baseline_queries or len(queries)]
    started = time.perf_counter()
    results["ours"] = run(client, queries, catalog.views.search_catalog)
    log(f"  ours: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    results["icontains"] = run(client, sample, icontains_scan, counted=5)
    log(f"  icontains: {time.perf_counter() - started:.1f} s")
    log(f"  raw names re-indexed in {reindex_raw_names():.1f} s")
    started = time.perf_counter()
    results["wagtail"] = run(client, sample, wagtail_as_shipped, counted=5)
    log(f"  wagtail: {time.perf_counter() - started:.1f} s")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
