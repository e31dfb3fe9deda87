"""Root fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The public data set lives beside the project (../shared/data) and is never copied into it.
SHARED_DATA = Path(os.environ.get("MOTCUA_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path to ../shared/data; tests that need it skip cleanly on a fresh clone without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language: LocaleMiddleware activates the language of each test
    client request in the thread and never resets it, so an English request would leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


#: The demo administrator's password (`load_demo` reads it from DEMO_ADMIN_PASSWORD).
DEMO_PASSWORD = "mat-khau-demo"
_open_snapshots: list[_DemoSnapshot] = []


class _DemoSnapshot:
    """The demo province loaded once for a test module, inside a transaction that stays open until the
    module's end and is then rolled back. Each test using `demo` runs in its own savepoint of it (pytest-django's
    `db`), so a test's changes never reach the next one; the page tree, search index and sequences live in the
    same database and roll back alike (sequences are only ever advanced)."""

    def __init__(self, blocker) -> None:
        self.blocker = blocker
        self.outer = None

    def open(self) -> None:
        from django.db import connection, transaction

        with self.blocker.unblock():
            if connection.in_atomic_block:
                return  # not first after all: `demo` then loads the province inside the test's transaction
            self.outer = transaction.atomic()
            self.outer.__enter__()
            try:
                _load_demo()
            except BaseException:
                self.close()
                raise
        _open_snapshots.append(self)

    def close(self) -> None:
        from django.core.cache import cache
        from django.db import transaction

        if self.outer is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.outer.__exit__(None, None, None)
        self.outer = None
        if self in _open_snapshots:
            _open_snapshots.remove(self)
        cache.clear()  # Wagtail caches the sites' root paths, which the rollback just removed


def _load_demo() -> None:
    from django.core.management import call_command

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_ADMIN_PASSWORD", DEMO_PASSWORD)
        call_command("load_demo", verbosity=0)


def _transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
        or {"transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(scope="module")
def _demo_snapshot(django_db_setup, django_db_blocker):
    # Module-scoped, so set up before any test's own transaction (`db` is function-scoped).
    snapshot = _DemoSnapshot(django_db_blocker)
    snapshot.open()
    yield snapshot
    snapshot.close()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: throttles count failures per client and per dossier code in it, and
    on Redis (CI's second run) another test's misses for the same generated code would lock this test out."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _no_demo_snapshot_under_committing_tests(request):
    """A test that commits (transaction=True) must not run inside a module's demo transaction."""
    if _transactional(request):
        for snapshot in list(_open_snapshots):
            snapshot.close()


@pytest.fixture
def demo(_demo_snapshot, db):
    """The demo province (`cms.demo.loader`, as `manage.py load_demo` builds it; its administrator's
    password is `DEMO_PASSWORD`), built once per test module and seen by each test in a transaction rolled
    back after it. A test that commits (transaction=True) gets its own copy, loaded for it."""
    if _demo_snapshot.outer is None:
        _load_demo()
