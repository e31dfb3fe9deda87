"""Benchmark: the staff pages at millions of dossiers on PostgreSQL, today's queries against the new ones.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_staff_5m \\
        .venv/bin/python bench/staff/run.py --dossiers 5000000 [--repeat 15] [--agencies 40]

Migrates the database, generates the dossiers inside PostgreSQL (`generate.py`; rows already there are kept,
so a second run with a larger `--dossiers` only adds the difference), then renders every staff page through
Django's test client as a province administrator (superuser) and as an officer of one agency, alternating
"today" (`today.py` patched in: main before the queue tallies, every count recounted from the rows) and
"new" (the code as it is: counts summed from the tallies kept by triggers) on every repetition, so the
machine's load falls on both alike. Prints p50/p95 per page and mode, the p95 ratio and the SQL queries per
page; the target is a new p95 ≤ 200 ms on every page. Also checks that both modes show the same queue counts
and the same admin-home figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("DATABASE_URL must name a PostgreSQL database (postgres://…/motcua_scale_…)")
        return 2
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from bench.dossiers.generate import make_catalog
    from bench.staff import today
    from bench.staff.generate import generate
    from workflows.models import Dossier, Officer
    from workflows.models.dossiers import OPEN_STATUSES
    from workflows.services import default_workflow_for

    call_command("migrate", verbosity=0)
    catalog = [(a, c, p, default_workflow_for(p)) for a, c, p in make_catalog(args.agencies)]
    now = timezone.now()
    seconds = generate(args.dossiers, catalog, now=now, years=args.years)
    total = Dossier.objects.count()
    open_count = Dossier.objects.filter(status__in=OPEN_STATUSES).count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    print(
        f"== PostgreSQL: {total:,} dossiers ({open_count / total:.1%} open), {args.agencies} agencies, "
        f"{args.years} years; generated in {seconds:.0f} s; database {size}"
    )

    users = get_user_model()
    admin, _ = users.objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    officer_user, _ = users.objects.get_or_create(username="bench-officer", defaults={"is_staff": True})
    group, _ = Group.objects.get_or_create(name="Chuyên viên")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=("workflows", "wagtailadmin"),
            codename__in=("view_dossier", "act_on_dossier", "access_admin"),
        )
    )
    officer_user.groups.add(group)
    agency, center = catalog[0][0], catalog[0][1]
    Officer.objects.get_or_create(user=officer_user, defaults={"agency": agency, "center": center})
    dossier = Dossier.objects.filter(agency=agency, status__in=OPEN_STATUSES).order_by("-received_at").first()

    from django.urls import reverse

    index = reverse("dossier:index")
    pages = [
        ("admin home (province)", admin, "/admin/"),
        ("list, province-wide", admin, index),
        ("list, province-wide, page 100", admin, f"{index}?p=100"),
        ("tab to_process (province)", admin, f"{index}?queue=to_process"),
        ("tab overdue (province)", admin, f"{index}?queue=overdue"),
        ("tab to_receive (province)", admin, f"{index}?queue=to_receive"),
        ("admin home (officer)", officer_user, "/admin/"),
        ("list, officer's agency", officer_user, index),
        ("list, officer's agency, page 100", officer_user, f"{index}?p=100"),
        ("tab mine (officer)", officer_user, f"{index}?queue=mine"),
        ("tab due_soon (officer)", officer_user, f"{index}?queue=due_soon"),
        ("tab to_return (officer)", officer_user, f"{index}?queue=to_return"),
        ("dossier page (officer)", officer_user, reverse("dossier:edit", args=(dossier.pk,))),
    ]
    new_state = [getattr(owner, name) for owner, name, _today in today.PATCHES]
    today_state = [value for _owner, _name, value in today.PATCHES]

    def use(state):
        for (owner, name, _today), value in zip(today.PATCHES, state, strict=True):
            setattr(owner, name, value)
        with connection.cursor() as cursor:
            cursor.execute(f"SET jit = {today.JIT if state is today_state else 'off'}")

    failures = 0
    # Both modes must show the same numbers: compared at one fixed moment (two page loads a second apart may
    # rightly differ by a dossier turning overdue in between).
    from workflows.counts import home_figures, queue_counts_for

    moment = timezone.now()
    for user in (admin, officer_user):
        shown = {}
        for mode, state in (("today", today_state), ("new", new_state)):
            use(state)
            shown[mode] = (
                queue_counts_for(user, now=moment),
                home_figures(user, now=moment, year=timezone.localdate().year),
            )
        use(new_state)
        print(f"   counts for {user.username}: {'the same' if shown['today'] == shown['new'] else 'DIFFER'}")
        if shown["today"] != shown["new"]:
            print(f"   today {shown['today']}\n   new   {shown['new']}")
            failures += 1

    clients = {}
    for user in (admin, officer_user):
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)

    sql_ms = [0.0]
    sql_n = [0]

    # At class level: the test client's requests may run on another context's connection object.
    from django.db.backends.utils import CursorWrapper

    plain = CursorWrapper._execute_with_wrappers

    def timed_sql(self, *a, **kw):
        t0 = clock.perf_counter()
        try:
            return plain(self, *a, **kw)
        finally:
            sql_ms[0] += (clock.perf_counter() - t0) * 1000
            sql_n[0] += 1

    CursorWrapper._execute_with_wrappers = timed_sql
    print("whole page (ms, through the test client) | of which SQL (ms)")
    print(
        f"{'page':32} {'today p50':>9} {'p95':>6} {'new p50':>8} {'p95':>6} {'ratio':>6} |"
        f" {'today p50':>9} {'p95':>6} {'new p50':>8} {'p95':>6} {'ratio':>6} | queries today/new"
    )
    for label, user, url in pages:
        timings = {"today": [], "new": []}
        sql = {"today": [], "new": []}
        queries = {}
        for rep in range(args.repeat + 1):
            for mode, state in (("today", today_state), ("new", new_state)):
                use(state)
                sql_ms[0] = 0.0
                sql_n[0] = 0
                t0 = clock.perf_counter()
                response = clients[user.pk].get(url)
                elapsed = clock.perf_counter() - t0
                if response.status_code != 200:
                    print(f"   {label}: HTTP {response.status_code} in mode {mode}")
                    failures += 1
                    break
                if rep:  # the first round warms caches and connections
                    timings[mode].append(elapsed * 1000)
                    sql[mode].append(sql_ms[0])
                queries[mode] = sql_n[0]
        use(new_state)
        if not timings["new"]:
            continue
        row = []
        for series in (timings, sql):
            t50, t95 = statistics.median(series["today"]), percentile(series["today"], 0.95)
            n50, n95 = statistics.median(series["new"]), percentile(series["new"], 0.95)
            row.append(f"{t50:9.0f} {t95:6.0f} {n50:8.0f} {n95:6.0f} {t95 / max(n95, 0.1):5.1f}×")
        mark = "" if percentile(timings["new"], 0.95) <= 200 else "  page > 200 ms"
        print(f"{label:32} {row[0]} | {row[1]} | {queries['today']:>5}/{queries['new']:<3}{mark}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
