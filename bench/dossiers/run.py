"""Benchmark: dossiers at scale, on SQLite and on PostgreSQL, with figures and ratios measured in the same run.

    /tmp/probe/bin/python bench/dossiers/run.py [--n 1000000] [--db sqlite,postgres] [--actions 2000]

For each database (a fresh SQLite file; a PostgreSQL database created and dropped at 127.0.0.1, user
postgres, or PGHOST/PGUSER), in its own process:

1. generate N dossiers over 60 agencies and two years (bulk insert);
2. the dashboard figures (received; early / on time / late; in progress within time / overdue; per agency and
   quarter) and the "overdue today" count in SQL (`workflows.services.stats`), against the same figures
   computed in Python from the fetched rows: the two must agree; target < 1 s and ≤ 0.1× Python;
3. actions through the service layer (`perform_action`) queued on huey and run by a consumer with two worker
   processes (Redis storage when REDIS_URL is set, else huey's SQLite storage), against the same actions
   run in one plain loop; target ≥ 200 actions/s;
4. eight processes firing the same action at the same 1,000 dossiers, each from the page it loaded before
   anyone acted: exactly 1,000 must apply, the other 7,000 are clean conflicts.

Prints figures only; exits 1 when the SQL and Python figures differ or step 4 does not apply exactly 1,000.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def run_database(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from bisect import bisect_right

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench.dossiers.generate import generate, make_catalog
    from bench.dossiers.workers import eight_workers_same_action, huey_actions, prepare_received
    from workflows.models import Dossier
    from workflows.models.dossiers import OPEN_STATUSES
    from workflows.services.stats import FIGURES, dashboard, quarters

    print(f"== {connection.vendor}: {args.n:,} dossiers")
    call_command("migrate", verbosity=0)
    now = timezone.now()
    catalog = make_catalog(args.agencies)
    t0 = clock.perf_counter()
    statuses = generate(args.n, catalog, now=now)
    elapsed = clock.perf_counter() - t0
    print(
        f"generate: {args.n:,} rows in {elapsed:.1f} s ({args.n / elapsed:,.0f} rows/s); statuses {dict(statuses)}"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE workflows_dossier")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    first, last = (timezone.localtime(now) - timezone.timedelta(days=731)).date(), timezone.localdate(now)
    sql_times = []
    for _ in range(3):  # the best of three: a warm cache, as on a dashboard opened all day
        t0 = clock.perf_counter()
        figures = dashboard(first=first, last=last, now=now)
        sql_times.append(clock.perf_counter() - t0)
    sql = min(sql_times)

    t0 = clock.perf_counter()
    spans = quarters(first, last)
    starts = [start for _, start, _ in spans]
    expected: dict = {}
    overdue_today = 0
    open_statuses = set(OPEN_STATUSES)
    rows = Dossier.objects.values_list(
        "agency_id", "received_at", "status", "timeliness", "due_at", "paused_at"
    )
    for agency_id, received, status, timeliness, due, paused in rows.iterator(chunk_size=20_000):
        running = status in open_statuses and paused is None and due is not None
        overdue_today += running and due < now
        index = bisect_right(starts, received) - 1 if received else -1
        if index < 0 or received >= spans[-1][2]:
            continue
        cell = expected.setdefault((agency_id, spans[index][0]), dict.fromkeys(FIGURES, 0))
        cell["received"] += 1
        if timeliness in ("early", "on_time", "late"):
            cell[timeliness] += 1
        if running:
            cell["in_time" if due >= now else "overdue"] += 1
    python = clock.perf_counter() - t0
    same = expected == figures["rows"] and overdue_today == figures["overdue_today"]
    totals = {f: sum(c[f] for c in figures["rows"].values()) for f in FIGURES}
    print(
        f"dashboard: {len(figures['rows'])} agency×quarter cells; totals {totals}; overdue today {figures['overdue_today']:,}"
    )
    print(
        f"dashboard SQL: {sql * 1000:.0f} ms (best of 3)   Python over the rows: {python * 1000:.0f} ms   "
        f"ratio {sql / python:.3f}×   {'match' if same else 'MISMATCH'}   "
        f"target <1 s and ≤0.1×: {'met' if sql < 1 and sql <= 0.1 * python else 'NOT met'}"
    )

    ids = prepare_received(args.actions, catalog[0])
    loop_rate, queued_rate, outcome = huey_actions(ids, args.actions)
    print(
        f"actions via huey (2 worker processes): {queued_rate:,.0f}/s   same actions in one plain loop: "
        f"{loop_rate:,.0f}/s   ratio {queued_rate / loop_rate:.2f}×   outcomes {outcome}   "
        f"target ≥200/s: {'met' if queued_rate >= 200 else 'NOT met'}"
    )
    ids = prepare_received(1000, catalog[1])
    applied, conflicts, others, seconds = eight_workers_same_action(ids)
    exact = applied == 1000 and conflicts == 7000 and not others
    print(
        f"8 workers × same action × 1,000 dossiers: applied {applied:,}, conflicts {conflicts:,}, "
        f"other errors {others} in {seconds:.1f} s   {'exactly 1,000 applied' if exact else 'FAILED'}"
    )
    return 0 if same and exact else 1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--actions", type=int, default=2_000)
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--database-url", help=argparse.SUPPRESS)  # set by the parent for one database
    args = parser.parse_args()
    if args.database_url:
        return run_database(args)
    status = 0
    for kind in args.db.split(","):
        env = dict(os.environ)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
            env["HUEY_SQLITE_PATH"] = str(Path(tmp) / "huey.sqlite3")
            if kind == "sqlite":
                url = f"sqlite:///{tmp}/bench.sqlite3"
            else:
                host, user = os.environ.get("PGHOST", "127.0.0.1"), os.environ.get("PGUSER", "postgres")
                name = f"motcua_bench_{os.getpid()}"
                subprocess.run(["createdb", "-h", host, "-U", user, name], check=True)
                url = f"postgres://{user}@{host}:5432/{name}"
            env["DATABASE_URL"] = url
            command = [
                sys.executable,
                __file__,
                "--database-url",
                url,
                "--n",
                str(args.n),
                "--agencies",
                str(args.agencies),
                "--actions",
                str(args.actions),
            ]
            try:
                status |= subprocess.run(command, env=env, cwd=ROOT, check=False).returncode
            finally:
                if kind != "sqlite":
                    subprocess.run(["dropdb", "-h", host, "-U", user, "--if-exists", name], check=False)
    return status


if __name__ == "__main__":
    sys.exit(main())
