"""The action benchmarks: huey consumers moving dossiers, and eight workers racing on the same dossiers.

Both go through `workflows.services.perform_action`, the path of the admin, the API and the jobs. Processes are
forked with every database connection closed first, so each opens its own, as separate servers would.
"""

from __future__ import annotations

import multiprocessing
import os
import time as clock
from collections import Counter

from django.db import connections
from huey import RedisHuey, SqliteHuey

from workflows.models import Dossier
from workflows.services import ActionNotAllowed, Conflict, perform_action, receive_dossier

if os.environ.get("REDIS_URL"):
    HUEY = RedisHuey(f"motcua-bench-{os.getpid()}", url=os.environ["REDIS_URL"])
else:
    HUEY = SqliteHuey(
        f"motcua-bench-{os.getpid()}", filename=os.environ.get("HUEY_SQLITE_PATH", "huey-bench.db")
    )
FORK = multiprocessing.get_context("fork")


def _transfer(pk: int) -> str:
    dossier = Dossier.objects.get(pk=pk)
    try:
        perform_action(dossier, "transfer", None, note="đo tải")
    except Conflict:
        return "conflict"
    except ActionNotAllowed:
        return "refused"
    return "applied"


@HUEY.task()
def transfer_task(pk: int) -> str:
    return _transfer(pk)


def prepare_received(count: int, entry) -> list[int]:
    """Dossiers received through the service (full workflow snapshot, code, calendar due date)."""
    _, center, procedure = entry
    ids = []
    for i in range(count):
        dossier = receive_dossier(
            procedure=procedure,
            center=center,
            channel="direct",
            applicant={"name": f"Người nộp đo tải {i}", "phone": f"0977{i:06d}"},
        )
        ids.append(dossier.pk)
    return ids


def _consume() -> None:
    consumer = HUEY.create_consumer(
        workers=2, worker_type="process", periodic=False, check_worker_health=False
    )
    consumer.run()


def huey_actions(ids: list[int], total: int) -> tuple[float, float, Counter]:
    """(plain-loop actions/s, huey actions/s, huey outcomes) on disjoint dossiers."""
    split = max(1, len(ids) // 4)
    t0 = clock.perf_counter()
    for pk in ids[:split]:
        _transfer(pk)
    loop_rate = split / (clock.perf_counter() - t0)

    HUEY.flush()
    connections.close_all()
    consumer = FORK.Process(target=_consume)
    consumer.start()
    clock.sleep(1.0)  # the consumer and its workers are up before the clock starts
    try:
        t0 = clock.perf_counter()
        results = [transfer_task(pk) for pk in ids[split:]]
        outcome = Counter(r.get(blocking=True, timeout=300, max_delay=0.05) for r in results)
        queued_rate = len(results) / (clock.perf_counter() - t0)
    finally:
        consumer.terminate()
        consumer.join(30)
        HUEY.flush()
    return loop_rate, queued_rate, outcome


def _racer(ids: list[int], barrier, queue) -> None:
    pages = list(Dossier.objects.filter(pk__in=ids).order_by("pk"))  # the page each officer had open
    counts = Counter()
    barrier.wait()
    for dossier in pages:
        try:
            perform_action(dossier, "transfer", None, note="cùng lúc")
            counts["applied"] += 1
        except Conflict:
            counts["conflict"] += 1
        except Exception as exc:  # counted and reported, never hidden
            counts[type(exc).__name__] += 1
    connections.close_all()
    queue.put(dict(counts))


def eight_workers_same_action(ids: list[int], workers: int = 8) -> tuple[int, int, dict, float]:
    connections.close_all()
    barrier, queue = FORK.Barrier(workers + 1), FORK.Queue()
    processes = [FORK.Process(target=_racer, args=(ids, barrier, queue)) for _ in range(workers)]
    for process in processes:
        process.start()
    barrier.wait()
    t0 = clock.perf_counter()
    totals = Counter()
    for _ in processes:
        totals.update(queue.get(timeout=600))
    seconds = clock.perf_counter() - t0
    for process in processes:
        process.join(30)
    moved = Dossier.objects.filter(pk__in=ids, version=2, step_code="tham-dinh").count()
    applied = totals.pop("applied", 0)
    conflicts = totals.pop("conflict", 0)
    if moved != applied:
        totals["database disagrees"] = moved
    return applied, conflicts, dict(totals), seconds
