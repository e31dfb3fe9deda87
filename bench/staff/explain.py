"""Why a staff page is slow: its SQL queries, each timed, the slow ones with PostgreSQL's EXPLAIN ANALYZE.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_staff_5m \\
        .venv/bin/python bench/staff/explain.py "/admin/dossier/?queue=overdue" [--officer] [--today] [--slow 20]

Run after `run.py` has generated the dossiers and made its two users (`bench-admin`, `bench-officer`).
Renders the page once to warm it, then again recording every query; prints each query's time and, for those
slower than `--slow` ms, the plan. `--today` patches in main's recounts (`today.py`), as `run.py` does.
"""

from __future__ import annotations

import argparse
import os
import sys
import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--officer", action="store_true", help="as bench-officer (default: bench-admin)")
    parser.add_argument("--today", action="store_true", help="main's recounts instead of the tallies")
    parser.add_argument("--slow", type=float, default=20.0, help="EXPLAIN ANALYZE queries slower than this")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    import workflows.counts as counts
    from bench.staff import today

    if args.today:
        counts.tallies_kept = today.tallies_kept
    user = get_user_model().objects.get(username="bench-officer" if args.officer else "bench-admin")
    client = Client()
    client.force_login(user)
    client.get(args.url)
    recorded = []

    def record(execute, sql, params, many, context):
        t0 = clock.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            recorded.append(((clock.perf_counter() - t0) * 1000, sql, params))

    with connection.execute_wrapper(record):
        t0 = clock.perf_counter()
        status = client.get(args.url).status_code
        total = (clock.perf_counter() - t0) * 1000
    print(
        f"{args.url}: HTTP {status}, {total:.0f} ms, {len(recorded)} queries, "
        f"{sum(r[0] for r in recorded):.0f} ms of SQL"
    )
    for ms, sql, _params in recorded:
        print(f"{ms:8.1f} ms  {sql[:160]}")
    for ms, sql, params in recorded:
        if ms < args.slow or not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print(f"\n--- {ms:.0f} ms: {sql[:400]}")
            print("\n".join(row[0] for row in cursor.fetchall()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
