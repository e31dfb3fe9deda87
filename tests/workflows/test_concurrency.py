"""Real threads, real transactions: of two officers acting at once exactly one wins; codes never collide.

Each thread has its own database connection, so this runs the conditional UPDATE (SQLite, where
select_for_update does nothing) and the row locks (PostgreSQL) for real, on whichever database the suite uses.
"""

import sqlite3
import threading

import pytest
from django.db import close_old_connections, connection, connections

from tests.workflows.conftest import at, new_dossier
from workflows.models import Dossier, DossierEvent
from workflows.services import ActionNotAllowed, Conflict, perform_action

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shared_db(desk, tmp_path):
    """The desk's data in a database every thread opens on its own, as the web server and worker do.

    On SQLite the suite's database lives in memory with a shared cache, where a second writer is told
    "table is locked" at once instead of waiting; production SQLite is a file in WAL mode with a busy
    timeout. So the in-memory database is copied to a file and every connection of this test, the main
    thread's included, uses that file. PostgreSQL needs nothing: each thread already has its own session.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield desk
        return
    path = tmp_path / "concurrency.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    settings_dict = connections.settings["default"]
    original_name, in_memory = settings_dict["NAME"], connections["default"]
    settings_dict["NAME"] = str(path)
    connections["default"] = connections.create_connection("default")
    try:
        yield desk
    finally:
        connections["default"].close()
        settings_dict["NAME"] = original_name
        connections["default"] = in_memory


def run_together(functions):
    """Start every function at the same instant (a barrier), each in its own thread and connection."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def worker(index, function):
        try:
            barrier.wait(timeout=10)
            results[index] = ("ok", function())
        except Exception as exc:  # the outcome is what we compare
            results[index] = ("error", exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _receive(desk, name, when):
    return new_dossier(desk, when, user=desk["desk"], name=name, phone="0987000111")


def test_two_officers_firing_the_same_action_at_once_exactly_one_applies(shared_db):
    desk = shared_db
    dossier = _receive(desk, "Phan Văn Tài", at(2026, 3, 2, 9, 0))

    # Each officer's own page, loaded before either acts (loading inside the threads lets a slow thread read the
    # state after the other committed, and then the state rules, not the version check, refuse it).
    pages = [Dossier.objects.get(pk=dossier.pk) for _ in range(2)]

    def transfer(mine):
        return lambda: perform_action(
            mine, "transfer", desk["desk"], note="chuyển", now=at(2026, 3, 2, 10, 0)
        )

    results = run_together([transfer(pages[0]), transfer(pages[1])])
    outcomes = sorted(kind for kind, _ in results)
    assert outcomes == ["error", "ok"], results
    error = next(value for kind, value in results if kind == "error")
    assert isinstance(error, Conflict) and "người khác" in error.message
    assert list(DossierEvent.objects.filter(dossier=dossier).values_list("action", flat=True)) == [
        "receive",
        "transfer",
    ]
    saved = Dossier.objects.get(pk=dossier.pk)
    assert saved.version == dossier.version + 1 and saved.step_code == "tham-dinh"


def test_two_different_actions_at_once_leave_one_consistent_state(shared_db):
    desk = shared_db
    dossier = _receive(desk, "Kiều Thị Uyên", at(2026, 3, 2, 9, 0))

    def withdraw():
        mine = Dossier.objects.get(pk=dossier.pk)
        return perform_action(mine, "withdraw", desk["desk"], note="rút", now=at(2026, 3, 2, 10, 0))

    def refuse():
        mine = Dossier.objects.get(pk=dossier.pk)
        return perform_action(mine, "refuse", desk["desk"], note="thiếu", now=at(2026, 3, 2, 10, 0))

    results = run_together([withdraw, refuse])
    winners = [value for kind, value in results if kind == "ok"]
    losers = [value for kind, value in results if kind == "error"]
    assert len(winners) == 1 and len(losers) == 1
    assert isinstance(losers[0], Conflict | ActionNotAllowed)
    saved = Dossier.objects.get(pk=dossier.pk)
    assert saved.status == winners[0].status
    assert DossierEvent.objects.filter(dossier=dossier).count() == 2


def test_desks_receiving_at_the_same_instant_get_distinct_consecutive_codes(shared_db):
    desk = shared_db
    same_instant = at(2026, 3, 2, 9, 0)
    results = run_together([lambda i=i: _receive(desk, f"Người nộp {i}", same_instant) for i in range(4)])
    assert all(kind == "ok" for kind, _ in results), results
    codes = sorted(value.code for _, value in results)
    assert codes == [f"000.00.12.H22-260302-{n:04d}" for n in range(1, 5)]


def test_officers_acting_at_once_on_different_dossiers_keep_the_queue_tallies_exact(shared_db):
    """PostgreSQL's queue tallies (workflows 0018) are rows every action of a queue updates: officers acting at
    the same instant on different dossiers of the same queues wait for each other on those rows, and every count
    still equals a recount of the dossiers, with no action lost to a deadlock."""
    from django.db.models import Sum

    from tests.workflows.test_queues_scale import recount
    from workflows import counts
    from workflows.models import DueTally, OpenTally
    from workflows.models.dossiers import OPEN_STATUSES
    from workflows.permissions import visible_dossiers

    if connection.vendor != "postgresql":
        pytest.skip("the tallies are kept by PostgreSQL triggers; SQLite counts the rows")
    desk = shared_db
    received = [_receive(desk, f"Người nộp {i}", at(2026, 3, 2, 9, 0)) for i in range(6)]
    moved = [_receive(desk, f"Người nộp {i}", at(2026, 3, 2, 9, 0)) for i in range(6, 12)]
    moved = [
        perform_action(d, "transfer", desk["desk"], note="chuyển", now=at(2026, 3, 2, 9, 30)) for d in moved
    ]

    def act(dossier, action, user, **params):
        return lambda: perform_action(dossier, action, user, note="x", now=at(2026, 3, 2, 10, 0), **params)

    # Transfers out of reception, supplements asked of processing dossiers, withdrawals: every pair of these
    # touches the same tally rows, some in opposite directions.
    work = [act(d, "transfer", desk["desk"]) for d in received[:4]]
    work += [act(d, "withdraw", desk["desk"]) for d in received[4:]]
    work += [act(d, "request_supplement", desk["specialist"], missing=["Đơn đề nghị"]) for d in moved[:4]]
    work += [act(d, "withdraw", desk["desk"]) for d in moved[4:]]
    results = run_together(work)
    assert all(kind == "ok" for kind, _ in results), [v for k, v in results if k == "error"]
    open_rows = Dossier.objects.filter(status__in=OPEN_STATUSES)
    assert OpenTally.objects.aggregate(n=Sum("n"))["n"] == open_rows.count() == 8
    assert DueTally.objects.aggregate(n=Sum("n"))["n"] == open_rows.filter(due_at__isnull=False).count()
    now = at(2026, 3, 2, 10, 5)
    for user in (None, desk["desk"], desk["specialist"], desk["leader"]):
        expected = recount(visible_dossiers(user), now=now, user=user)
        assert counts.queue_counts_for(user, now=now) == expected, user
