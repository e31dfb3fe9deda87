"""Dossiers for the staff-page benchmark, generated inside PostgreSQL (`INSERT … SELECT generate_series`).

Five years of a large province: receipts spread evenly over `years`, about 95 % of them closed (returned,
withdrawn, stopped, refused), the open ones mostly recent (90 % of the last 60 days, 2 % of older ones: the
stragglers a real province has). Open dossiers spread over the statuses an office sees (new, received, in
progress, waiting for a supplement or a fee, done and waiting to be handed back); 5 % of the open ones hop to
another agency's step (`step_agency`), which the permission scope must follow. No row goes through the ORM:
a million rows take well under a minute this way, where `bulk_create` takes many.
"""

from __future__ import annotations

import time as clock

from django.db import connection, transaction

CHUNK = 250_000

INSERT = """
INSERT INTO workflows_dossier (
    code, procedure_id, center_id, agency_id, workflow_id, workflow_version, workflow_snapshot, channel,
    applicant_kind, applicant_name, applicant_id_number, applicant_phone, applicant_email, applicant_address,
    components, rule_set, status, step_code, step_group, step_agency, step_started_at, step_due_at,
    assignee_id, received_at, received_quarter, due_at, due_explanation, paused_at, rescheduled, finished_at,
    returned_at, timeliness, overdue, version, created_at, updated_at, lookup_secret)
SELECT
    c.ident || '-' || to_char(r.received AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' || g,
    c.procedure_id, c.center_id, c.agency_id, c.workflow_id, 1,
    jsonb_build_object('workflow', c.workflow_id, 'version', 1),
    (ARRAY['direct', 'direct', 'online', 'postal'])[1 + (g %% 4)],
    'person', 'Người nộp ' || g, '', '09' || lpad(g::text, 8, '0'), '', '', '[]'::jsonb,
    CASE WHEN r.received >= '2025-07-01' THEN 'decree_118_2025' ELSE 'decree_61_2018' END,
    s.status, 'tham-dinh', 'Chuyên viên',
    CASE WHEN s.open AND r.u3 < 0.05 THEN %(hop)s ELSE c.ident END,
    r.received, r.due, NULL,
    r.received,
    (extract(year FROM r.received AT TIME ZONE 'Asia/Ho_Chi_Minh') * 10
        + extract(quarter FROM r.received AT TIME ZONE 'Asia/Ho_Chi_Minh'))::int,
    r.due, '[]'::jsonb,
    CASE WHEN s.status = 5 THEN r.received + interval '1 day' END,
    false,
    CASE WHEN s.status = 10 THEN r.finished WHEN NOT s.open THEN r.received + interval '1 day' END,
    CASE WHEN s.status = 10 THEN r.finished + interval '5 hours' END,
    CASE WHEN s.status <> 10 THEN ''
         WHEN r.finished < r.due - interval '4 hours' THEN 'early'
         WHEN r.finished <= r.due THEN 'on_time' ELSE 'late' END,
    s.open AND s.status <> 5 AND r.due < %(now)s,
    1, r.received, r.received, ''
FROM generate_series(%(start)s, %(stop)s) AS g
JOIN bench_staff_catalog c ON c.i = g %% %(agencies)s
CROSS JOIN LATERAL (
    SELECT received, received + budget AS due, received + budget * (0.3 + 0.95 * u2) AS finished, u1, u3,
           extract(epoch FROM %(now)s - received) / 86400 AS age
    FROM (SELECT %(now)s - random() * %(span)s * interval '1 day' AS received,
                 (ARRAY[1, 3, 5, 5, 7, 10, 15, 20])[1 + floor(random() * 8)::int] * interval '33 hours 36 minutes'
                     AS budget,
                 random() AS u1, random() AS u2, random() AS u3,
                 g AS correlated OFFSET 0) AS raw
) AS r
CROSS JOIN LATERAL (
    SELECT o.open,
           CASE WHEN o.open THEN (ARRAY[1, 2, 4, 4, 4, 4, 5, 6, 9, 9])[1 + floor(r.u1 * 10)::int]
                WHEN r.u1 < 0.93 THEN 10
                ELSE (ARRAY[3, 7, 8])[1 + floor((r.u1 - 0.93) / 0.07 * 3)::int %% 3] END AS status
    FROM (SELECT (r.age < 60 AND random() < 0.9) OR random() < 0.02 AS open) AS o
) AS s
"""


def generate(n: int, catalog, *, now, years: int = 5) -> float:
    """Insert dossiers until the table holds `n`; returns the seconds spent."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM workflows_dossier")
        have = cursor.fetchone()[0]
        if have >= n:
            return 0.0
        cursor.execute("DROP TABLE IF EXISTS bench_staff_catalog")
        cursor.execute(
            "CREATE TABLE bench_staff_catalog (i int primary key, procedure_id bigint, center_id bigint, "
            "agency_id bigint, workflow_id bigint, ident text)"
        )
        cursor.executemany(
            "INSERT INTO bench_staff_catalog VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (i, procedure.pk, center.pk, agency.pk, workflow.pk, agency.identifier)
                for i, (agency, center, procedure, workflow) in enumerate(catalog)
            ],
        )
    # The tax office every hop goes to: the second agency, so the first agency's officer sees none of them.
    hop = catalog[1][0].identifier
    t0 = clock.perf_counter()
    start = have + 1
    while start <= n:
        stop = min(n, start + CHUNK - 1)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                INSERT,
                {
                    "start": start,
                    "stop": stop,
                    "agencies": len(catalog),
                    "now": now,
                    "span": years * 365.25,
                    "hop": hop,
                },
            )
        print(f"   … {stop:,} dossiers ({clock.perf_counter() - t0:.0f} s)", flush=True)
        start = stop + 1
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_staff_catalog")
        # Visibility map and statistics as a database that autovacuum has caught up with.
        cursor.execute("VACUUM ANALYZE workflows_dossier")
    return clock.perf_counter() - t0
