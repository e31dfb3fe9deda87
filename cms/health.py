"""Health and readiness probes for load balancers, systemd and compose (docs/DEPLOY.md).

`/healthz` answers whether this process can serve: the database answers, the shared cache answers, and a
worker has beaten recently (a huey periodic task, `cms.tasks.worker_heartbeat`, writes the time into huey's
own storage, which web and workers share). `/readyz` answers whether the code's migrations are all applied,
so an upgraded web process takes traffic only after `migrate`. Both are plain JSON, never cached.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from huey.contrib.djhuey import HUEY

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "motcua:worker-heartbeat"
# The task beats every minute; three missed beats mean no consumer is running (or none can reach Redis).
HEARTBEAT_MAX_AGE = 180


def write_heartbeat(now: float | None = None) -> None:
    HUEY.put(HEARTBEAT_KEY, time.time() if now is None else now)


def last_heartbeat() -> float | None:
    return HUEY.get(HEARTBEAT_KEY, peek=True)


def _database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    key = "motcua:healthz"
    cache.set(key, "ok", 30)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not keep a value")


def _worker() -> None:
    beat = last_heartbeat()
    if beat is None:
        raise RuntimeError("no worker heartbeat yet")
    age = time.time() - float(beat)
    if age > HEARTBEAT_MAX_AGE:
        raise RuntimeError(f"last worker heartbeat {age:.0f} s ago")


CHECKS = {"database": _database, "cache": _cache, "worker": _worker}


@never_cache
def healthz(request):
    result, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            check()
            result[name] = "ok"
        except Exception as exc:  # a probe reports, it never raises: the answer is the 503
            logger.warning("healthz: %s down: %s", name, exc)
            result[name] = "down"
            healthy = False
    return JsonResponse(result, status=200 if healthy else 503)


_ready = False


def pending_migrations() -> list[str]:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


@never_cache
def readyz(request):
    global _ready
    # Once every migration this code knows is applied, it stays so for the life of the process: later
    # probes skip loading the migration graph.
    if not _ready:
        try:
            pending = pending_migrations()
        except Exception as exc:
            logger.warning("readyz: database unavailable: %s", exc)
            return JsonResponse({"migrations": "unknown", "database": "down"}, status=503)
        if pending:
            return JsonResponse({"migrations": "pending", "pending": len(pending)}, status=503)
        _ready = True
    return JsonResponse({"migrations": "ok"})
