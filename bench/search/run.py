"""Benchmark: catalog search recall and latency, ours against two baselines measured in the same run.

    .venv/bin/python bench/search/run.py [--sizes 10000,100000] [--db sqlite,postgres]
        [--queries 300] [--baseline-queries N] [--pg postgres://postgres@127.0.0.1:5432]
        [--data ../shared/data] [--sets generated,citizen]

Two query sets in one run. `generated`: pieces of the names themselves (below). `citizen`: the colloquial
questions of questions_citizen.json over the real 2,642 national procedures (bench/search/citizen.py),
reported per half (`dev`, looked at while writing synonyms; `unseen`, not), and the independent held-out
questions of questions_heldout.json (tuned on since the second round; `heldout/none` has no answer in the
catalog), questions_heldout2.json (tuned on since the third round), questions_heldout3.json and
questions_heldout4.json (written by someone who saw neither the search code nor its results; heldout4 tuned
on since the fourth round), questions_heldout5.json (tuned on since the fifth round) and
questions_heldout6.json (tuned on since the sixth round), questions_heldout7.json (tuned on since the seventh
round), questions_heldout8.json (tuned on since the eighth round), questions_heldout9.json (tuned on since
the ninth round), questions_heldout10.json (tuned on since the tenth round), questions_heldout11.json (tuned
on since the eleventh round), questions_heldout12.json (tuned on since the twelfth round),
questions_heldout13.json (tuned on since the thirteenth round), questions_heldout14.json (tuned on since
the fourteenth round), questions_heldout15.json and questions_heldout16.json (tuned on since the
fifteenth round) and questions_heldout17.json (the same, unseen: the honest figure), with recall@10,
MRR and the confidently wrong answers.

For every database × catalog size, a fresh database is created (a temporary SQLite file, or a PostgreSQL
database `motcua_bench_<pid>_<size>` dropped afterwards) and bench/search/measure.py runs in its own
process: `size` procedures generated from the real names' patterns, 300 accent-free citizen queries,
each sent through the real view `/thu-tuc/?q=` (Django's test client) by three methods:

* ours       catalog.services.search_catalog: folded copies indexed by Wagtail's backend, name first;
* wagtail    Wagtail's database search backend as shipped: `SearchField("name")` on the raw names;
* icontains  the previous search: a scan, every folded word `icontains` the folded name or body.

Ours answers all the queries; the baselines answer the first 100 of the same randomly drawn list (50 past
20,000 procedures), because their pages take up to two seconds each on PostgreSQL; `--baseline-queries 300`
gives them all. The `queries` column says how many each line is measured on. The whole run takes about ten
minutes, most of it Wagtail's PostgreSQL backend indexing 100,000 procedures twice; `--sizes 10000` about two.

Prints recall@10 (the intended procedure among the first 10 results), the share of queries with no
result, p50/p95 latency of the whole page and of the search service alone (`svc`: the search and its first
page of ids, no facets or template), the most SQL queries one page took, and the ratios the
issue's targets are written in: recall ≥ 6× Wagtail's (and ≥ 85 %), p95 ≤ 50 ms at 10,000 procedures
and ≤ 0.4× the icontains scan at 100,000.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEASURE = Path(__file__).with_name("measure.py")
CITIZEN = Path(__file__).with_name("citizen.py")
METHODS = ("ours", "wagtail", "icontains")
# The baselines answer this many of the queries (the first of the same randomly drawn list): their
# pages take a quarter of a second to two seconds each on PostgreSQL, and ours is what must answer all.
BASELINE_SAMPLE = 100
BIG_SAMPLE = 50


def _pg_admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def measure(db: str, size: int, args: argparse.Namespace, *, citizen: bool = False) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    command = [
        sys.executable,
        str(MEASURE),
        "--size",
        str(size),
        "--queries",
        str(args.queries),
        "--data",
        str(args.data),
        "--baseline-queries",
        str(args.baseline_queries or (BASELINE_SAMPLE if size <= 20_000 else BIG_SAMPLE)),
    ]
    if citizen:
        command = [sys.executable, str(CITIZEN), "--data", str(args.data)]
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        name = f"motcua_bench_{os.getpid()}_{size}"
        if db == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        else:
            _pg_admin(args.pg, f"CREATE DATABASE {name}")
            env["DATABASE_URL"] = f"{args.pg}/{name}"
        env["HUEY_SQLITE_PATH"] = f"{tmp}/huey.sqlite3"
        try:
            done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
        finally:
            if db == "postgres":
                _pg_admin(args.pg, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(rows: list[tuple[str, dict]]) -> None:
    print()
    head = (
        f"{'engine':<10} {'size':>7}  {'method':<10} {'queries':>7} {'recall@10':>9} {'zero-hit':>8} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'svc p50':>8} {'svc p95':>8} {'SQL/page':>8}"
    )
    print(head)
    print("-" * len(head))
    for db, cell in rows:
        for method in METHODS:
            m = cell[method]
            print(
                f"{db:<10} {cell['size']:>7}  {method:<10} {m['queries']:>7} {m['recall10']:>9.1%} {m['zero']:>8.1%} "
                f"{m['p50']:>8.1f} {m['p95']:>8.1f} {m['service_p50']:>8.1f} {m['service_p95']:>8.1f} "
                f"{m['max_queries']:>8}"
            )
    print()
    print("ratios (ours against the baselines of the same run)")
    for db, cell in rows:
        ours, wagtail, scan = cell["ours"], cell["wagtail"], cell["icontains"]
        recall_x = (
            f"{ours['recall10'] / wagtail['recall10']:5.1f}× Wagtail's"
            if wagtail["recall10"]
            else "Wagtail's is 0 (any ratio)"
        )
        print(
            f"  {db:<9} {cell['size']:>7}: recall {recall_x}, p95 {ours['p95'] / scan['p95']:.2f}× "
            f"icontains, p50 {ours['p50'] / scan['p50']:.2f}× icontains; index built in {cell['index_seconds']:.1f} s"
        )
    print()
    print("ours, recall@10 by kind of query")
    for db, cell in rows:
        kinds = ", ".join(f"{k} {v:.0%}" for k, v in cell["ours"]["by_kind"].items())
        print(f"  {db:<9} {cell['size']:>7}: {kinds}")


GROUPS = (
    "citizen/dev",
    "citizen/unseen",
    "heldout",
    "heldout/none",
    "heldout2",
    "heldout2/none",
    "heldout3",
    "heldout3/none",
    "heldout4",
    "heldout4/none",
    "heldout5",
    "heldout5/none",
    "heldout6",
    "heldout6/none",
    "heldout7",
    "heldout7/none",
    "heldout8",
    "heldout8/none",
    "heldout9",
    "heldout9/none",
    "heldout10",
    "heldout10/none",
    "heldout11",
    "heldout11/none",
    "heldout12",
    "heldout12/none",
    "heldout13",
    "heldout13/none",
    "heldout14",
    "heldout14/none",
    "heldout15",
    "heldout15/none",
    "heldout16",
    "heldout16/none",
    "heldout17",
    "heldout17/none",
)


def citizen_table(rows: list[tuple[str, dict]]) -> None:
    print()
    print("citizen questions over the real national catalog: questions_citizen.json (dev, unseen halves),")
    print("questions_heldout.json (heldout: answerable; heldout/none: no answer in the catalog), and the")
    print(
        "questions_heldout2.json (heldout2, heldout2/none), questions_heldout3.json (heldout3, heldout3/none)"
    )
    print("questions_heldout4.json (heldout4, heldout4/none; tuning since the fourth round),")
    print("questions_heldout5.json (heldout5, heldout5/none; tuning since the fifth round),")
    print("questions_heldout6.json (heldout6, heldout6/none; tuning since the sixth round),")
    print("questions_heldout7.json (heldout7, heldout7/none; tuning since the seventh round),")
    print("questions_heldout8.json (heldout8, heldout8/none; tuning since the eighth round),")
    print("questions_heldout9.json (heldout9, heldout9/none; tuning since the ninth round),")
    print("questions_heldout10.json (heldout10, heldout10/none; tuning since the tenth round),")
    print("questions_heldout11.json (heldout11, heldout11/none; tuning since the eleventh round),")
    print("questions_heldout12.json (heldout12, heldout12/none; tuning since the twelfth round),")
    print("questions_heldout13.json (heldout13, heldout13/none; tuning since the thirteenth round),")
    print("questions_heldout14.json (heldout14, heldout14/none; tuning since the fourteenth round),")
    print("questions_heldout15.json (heldout15, heldout15/none; tuning since the fifteenth round),")
    print("questions_heldout16.json (heldout16, heldout16/none; tuning since the fifteenth round) and")
    print("questions_heldout17.json (heldout17, heldout17/none): the last fifteen written by someone who saw")
    print("neither the search code nor its results")
    head = (
        f"{'engine':<10} {'method':<10} {'set':<15} {'n':>3} {'recall@10':>9} {'MRR':>6} {'zero-hit':>8} "
        f"{'wrong@10':>8} {'wrong@1':>7} {'p50 ms':>8} {'p95 ms':>8} {'svc p50':>8} {'svc p95':>8}"
    )
    print(head)
    print("-" * len(head))
    for db, cell in rows:
        for method in METHODS:
            m = cell[method]
            for group in GROUPS:
                if group not in m:
                    continue
                s = m[group]
                answerable = s["answerable"]
                recall = f"{s['recall10']:>9.1%}" if answerable else f"{'—':>9}"
                mrr = f"{s['mrr']:>6.2f}" if answerable else f"{'—':>6}"
                print(
                    f"{db:<10} {method:<10} {group:<15} {s['queries']:>3} {recall} {mrr} "
                    f"{s['zero']:>8.1%} {s['confident_wrong']:>8} {s['confident_wrong1']:>7} "
                    f"{m['p50']:>8.1f} {m['p95']:>8.1f} {m['service_p50']:>8.1f} {m['service_p95']:>8.1f}"
                )
    print(
        "wrong@10: results shown as a match (not labelled approximate) with no accepted answer in the first 10;"
    )
    print(
        "wrong@1: the same with the first result not accepted. p50/p95: the whole page, over every question;"
    )
    print("svc p50/p95: the search service alone (search_catalog and its first page of ids).")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000", help="catalog sizes, comma-separated")
    parser.add_argument("--db", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--baseline-queries",
        type=int,
        default=None,
        help=f"queries for each baseline (default {BASELINE_SAMPLE}, {BIG_SAMPLE} past 20,000 procedures)",
    )
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument(
        "--sets", default="generated,citizen", help="generated (names' pieces), citizen (questions), or both"
    )
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"{args.data} is absent: names come from the built-in pattern list", file=sys.stderr)
    sets = args.sets.split(",")
    rows, citizen_rows = [], []
    for db in args.db.split(","):
        if "citizen" in sets and (args.data / "national" / "procedures.jsonl.gz").is_file():
            print(f"{db}, citizen questions over the national catalog …", file=sys.stderr, flush=True)
            started = time.perf_counter()
            citizen_rows.append((db, measure(db, 0, args, citizen=True)))
            print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        if "generated" not in sets:
            continue
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"{db}, {size} procedures …", file=sys.stderr, flush=True)
            started = time.perf_counter()
            rows.append((db, measure(db, size, args)))
            print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    if rows:
        table(rows)
    if citizen_rows:
        citizen_table(citizen_rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
