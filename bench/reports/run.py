"""Benchmark: the periodic report per agency-quarter on PostgreSQL at scale, against a naive recount.

    .venv/bin/python bench/reports/run.py [--n 200000] [--agencies 60] [--keep]

Creates a PostgreSQL database (127.0.0.1, user postgres; PGHOST/PGUSER override), migrates it, makes the
agencies' catalog (bench/dossiers/generate.make_catalog) and generates N dossiers over two years with
`generate_series` in SQL — statuses by age, early / on time / late results, withdrawals, refusals and stops,
pauses, apologies — plus their events (reception, the outcome, reschedules): what `reports` reads. Then, for
a sample of agencies and the last four closed quarters, it times `dossier_report` (grouped SQL) against
`recount` (dossier by dossier from the events, in Python), checks that both give the same figures, and
times the province-quarter report and the agency page's evaluation and service index.

Target: < 2 s per agency-quarter at 5M dossiers. No aggregates are precomputed: the figures are recounted
from the dossier rows on every call (through the covering index `dossier_agency_received`), so there is
nothing that could drift from a recount.

    --db NAME --keep      keep the generated database;  --db NAME --reuse   time again on it (no generation)
Exits 1 when a report and its recount differ. The database is dropped at the end unless --keep.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DOSSIERS_SQL = """
WITH g AS (
  SELECT k, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
         now() - random() * interval '730 days' AS received
  FROM generate_series(1, %(n)s) AS k
), c AS (
  SELECT g.*, cat.agency_id, cat.center_id, cat.procedure_id, cat.workflow_id, cat.identifier,
         g.received + ((ARRAY[1,3,5,5,7,10,15,20])[1 + floor(g.r1 * 8)::int] * interval '1.4 days') AS due
  FROM g JOIN bench_catalog cat ON cat.slot = g.k %% %(agencies)s
), s AS (
  SELECT c.*,
    (c.due < now() - interval '3 days' OR (c.r2 < 0.5 AND c.received < now() - interval '10 days')) AS settled
  FROM c
), o AS (
  SELECT s.*,
    CASE WHEN s.settled AND s.r3 < 0.93 THEN 10
         WHEN s.settled THEN (ARRAY[7,8,3])[1 + floor(s.r4 * 3)::int]
         ELSE (ARRAY[2,4,4,4,5,6,9])[1 + floor(s.r4 * 7)::int] END AS status
  FROM s
)
INSERT INTO workflows_dossier (code, workflow_version, workflow_snapshot, channel, applicant_kind, applicant_name,
  applicant_id_number, applicant_phone, applicant_email, applicant_address, components, rule_set, status,
  step_code, received_at, received_quarter, due_at, due_explanation, paused_at, rescheduled, finished_at,
  returned_at, timeliness, overdue, version, created_at, updated_at, agency_id, center_id, procedure_id,
  workflow_id, step_agency, step_group, lookup_secret)
SELECT o.identifier || '-B' || o.k, 1, '{}'::jsonb,
  (ARRAY['direct','direct','online','postal'])[1 + floor(o.r5 * 4)::int], 'person', 'Người nộp ' || o.k,
  '', '', '', '',
  CASE WHEN o.r2 < 0.3 THEN '[{"name": "Tờ khai", "digitised": true}]'::jsonb ELSE '[]'::jsonb END,
  'decree_118_2025', o.status, 'tham-dinh',
  CASE WHEN o.status = 3 THEN NULL ELSE o.received END,
  CASE WHEN o.status = 3 THEN NULL ELSE
    extract(year FROM o.received AT TIME ZONE 'Asia/Ho_Chi_Minh')::int * 10
    + extract(quarter FROM o.received AT TIME ZONE 'Asia/Ho_Chi_Minh')::int END,
  o.due, '[]'::jsonb,
  CASE WHEN o.status = 5 THEN o.received + interval '1 day' END,
  o.r1 < 0.02,
  CASE WHEN o.status = 10 THEN o.received + (o.due - o.received) * (0.3 + o.r3 / 0.93 * 0.95)
       WHEN o.status IN (3, 7, 8) THEN o.received + interval '1 day' END,
  CASE WHEN o.status = 10 THEN o.received + (o.due - o.received) * (0.3 + o.r3 / 0.93 * 0.95) + interval '5 hours' END,
  '', o.status IN (2, 4, 6, 9) AND o.due < now(), 1, now(), now(),
  o.agency_id, o.center_id, o.procedure_id, o.workflow_id, '', 'Chuyên viên', ''
FROM o
"""

EVENTS_SQL = [
    # Reception (dossiers refused before reception were never received).
    """INSERT INTO workflows_dossierevent (dossier_id, at, actor_name, action, from_status, to_status, from_step,
       to_step, note, data)
       SELECT id, received_at, '', 'receive', NULL, 2, '', 'tiep-nhan', '', '{}' FROM workflows_dossier
       WHERE received_at IS NOT NULL""",
    # The result (status 9/10): the approval that made it ready.
    """INSERT INTO workflows_dossierevent (dossier_id, at, actor_name, action, from_status, to_status, from_step,
       to_step, note, data)
       SELECT id, finished_at, '', 'approve', 4, 9, 'phe-duyet', '', '', '{}' FROM workflows_dossier
       WHERE status IN (9, 10) AND finished_at IS NOT NULL""",
    # Withdrawn, and stopped: one in three refused, the others stopped (returned).
    """INSERT INTO workflows_dossierevent (dossier_id, at, actor_name, action, from_status, to_status, from_step,
       to_step, note, data)
       SELECT id, finished_at, '', CASE WHEN status = 7 THEN 'withdraw' WHEN id % 3 = 0 THEN 'refuse' ELSE 'stop' END,
              4, status, 'tham-dinh', 'tham-dinh', '', '{}' FROM workflows_dossier
       WHERE status IN (7, 8)""",
    """INSERT INTO workflows_dossierevent (dossier_id, at, actor_name, action, from_status, to_status, from_step,
       to_step, note, data)
       SELECT id, received_at + interval '1 day', '', 'reschedule', 4, 4, 'tham-dinh', 'tham-dinh', '', '{}'
       FROM workflows_dossier WHERE rescheduled AND received_at IS NOT NULL""",
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--sample", type=int, default=5, help="agencies timed per quarter")
    parser.add_argument("--recount-sample", type=int, default=2, help="agency-quarters recounted in Python")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--db", help="database name (default: motcua_bench_reports_<pid>)")
    parser.add_argument("--reuse", action="store_true", help="time the reports on --db as generated before")
    args = parser.parse_args()
    if args.reuse and not args.db:
        parser.error("--reuse needs --db")
    host, user = os.environ.get("PGHOST", "127.0.0.1"), os.environ.get("PGUSER", "postgres")
    name = args.db or f"motcua_bench_reports_{os.getpid()}"
    if not args.reuse:
        subprocess.run(["createdb", "-h", host, "-U", user, name], check=True)
    os.environ["DATABASE_URL"] = f"postgres://{user}@{host}:5432/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.setdefault("DEBUG", "false")
    try:
        return run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            subprocess.run(["dropdb", "-h", host, "-U", user, name], check=False)
        else:
            print(f"kept database {name}")


def run(args) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.dossiers.generate import make_catalog

    call_command("migrate", verbosity=0)
    catalog = make_catalog(args.agencies)
    if args.reuse:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM workflows_dossier")
            args.n = cursor.fetchone()[0]
            print(f"PostgreSQL {connection.pg_version}: reusing {args.n:,} dossiers")
    else:
        generate(connection, catalog, args)
    return measure(args, catalog)


def generate(connection, catalog, args) -> None:
    from workflows.services import default_workflow_for

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_catalog (slot int, agency_id bigint, center_id bigint, procedure_id bigint,"
            " workflow_id bigint, identifier text)"
        )
        for slot, (agency, center, procedure) in enumerate(catalog):
            cursor.execute(
                "INSERT INTO bench_catalog VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    slot,
                    agency.pk,
                    center.pk,
                    procedure.pk,
                    default_workflow_for(procedure).pk,
                    agency.identifier,
                ],
            )
        t0 = clock.perf_counter()
        # Bulk load: the secondary indexes are dropped while the rows go in and built once at the end (what a
        # restore does), several times faster than maintaining a dozen indexes row by row.
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('workflows_dossier',"
            " 'workflows_dossierevent') AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        )
        indexes = cursor.fetchall()
        for index_name, _ in indexes:
            cursor.execute(f'DROP INDEX "{index_name}"')
        cursor.execute("SELECT setseed(0.61)")
        cursor.execute(DOSSIERS_SQL, {"n": args.n, "agencies": args.agencies})
        t1 = clock.perf_counter()
        for sql in EVENTS_SQL:
            cursor.execute(sql)
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for _, definition in indexes:
            cursor.execute(definition)
        # A settled table, as in service: old rows all-visible (autovacuum's work), so covering indexes answer
        # without reading the heap.
        cursor.execute("VACUUM ANALYZE workflows_dossier")
        cursor.execute("VACUUM ANALYZE workflows_dossierevent")
        cursor.execute("SELECT count(*) FROM workflows_dossierevent")
        events = cursor.fetchone()[0]
        t2 = clock.perf_counter()
    print(
        f"PostgreSQL {connection.pg_version}: {args.n:,} dossiers in {t1 - t0:.1f} s,"
        f" {events:,} events and the indexes in {t2 - t1:.1f} s"
    )


def measure(args, catalog) -> int:
    from django.utils import timezone

    from reports.services import dossier_report, parse_scope, period_containing, recount
    from reports.services.evaluation import evaluate
    from reports.services.service_index import service_index

    now = timezone.now()
    quarter = period_containing(now, "quarter")
    quarters = []
    for _ in range(4):
        quarter = quarter.previous()
        quarters.insert(0, quarter)
    agencies = [a for a, _, _ in catalog][: args.sample]
    sql_times, recount_times, mismatches = [], [], 0
    recounted = 0
    for period in quarters:
        for agency in agencies:
            scope = parse_scope(f"agency:{agency.pk}")
            t = clock.perf_counter()
            report = dossier_report(period, scope, now=now)
            sql_times.append(clock.perf_counter() - t)
            if recounted < args.recount_sample:
                t = clock.perf_counter()
                counted = recount(period, scope, now=now)
                recount_times.append(clock.perf_counter() - t)
                recounted += 1
                if {r.agency_id: r.figures for r in report.rows} != counted:
                    mismatches += 1
                    print(f"  MISMATCH {period.label} agency {agency.pk}")
            assert all(r.balanced for r in report.rows)
    t = clock.perf_counter()
    province = dossier_report(quarters[-1], parse_scope("province"), now=now)
    province_time = clock.perf_counter() - t
    # The agency's public page for the last closed quarter: its report, Decree 61's evaluation and the index
    # (given the report, as the page does), for each sampled agency.
    evaluation_times, index_times, page_times = [], [], []
    for agency in agencies:
        scope = parse_scope(f"agency:{agency.pk}")
        t = clock.perf_counter()
        report = dossier_report(quarters[-1], scope, now=now)
        t1 = clock.perf_counter()
        evaluate(quarters[-1], scope, now=now)
        t2 = clock.perf_counter()
        service_index(quarters[-1], scope, now=now, report=report)
        t3 = clock.perf_counter()
        evaluation_times.append(t2 - t1)
        index_times.append(t3 - t2)
        page_times.append(t3 - t)

    per_agency = province.total.figures["received"] / max(len(province.rows), 1)
    sql_mean, sql_max = statistics.mean(sql_times), max(sql_times)
    recount_mean = statistics.mean(recount_times)
    print(
        f"agency-quarter report (SQL): mean {sql_mean:.3f} s, max {sql_max:.3f} s over {len(sql_times)} reports"
        f" (~{per_agency:,.0f} dossiers per agency-quarter)"
    )
    print(
        f"naive recount from events (Python): mean {recount_mean:.3f} s over {len(recount_times)};"
        f" SQL is {recount_mean / sql_mean:.0f}× faster; figures identical: {mismatches == 0}"
    )
    print(
        f"province-quarter report ({len(province.rows)} agencies, {province.total.figures['received']:,} received):"
        f" {province_time:.3f} s"
    )
    print(
        f"agency page (report + evaluation + index) over {len(page_times)} agencies: mean"
        f" {statistics.mean(page_times):.3f} s, max {max(page_times):.3f} s; of which evaluation mean"
        f" {statistics.mean(evaluation_times):.3f} s, service index mean {statistics.mean(index_times):.3f} s"
    )
    print(
        f"target < 2 s per agency-quarter: report {'met' if sql_max < 2 else 'NOT met'},"
        f" whole agency page {'met' if max(page_times) < 2 else 'NOT met'} at {args.n:,} dossiers"
    )
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
