"""`/healthz` (database, cache, worker heartbeat), `/readyz` (migrations applied), the JSON log formatter and
the request-body cap."""

from __future__ import annotations

import json
import logging
import time

import pytest
from django.db.migrations.recorder import MigrationRecorder

from cms import health
from cms.logging import JSONFormatter
from cms.tasks import worker_heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_beat():
    from huey.contrib.djhuey import HUEY

    HUEY.get(health.HEARTBEAT_KEY)  # a plain get consumes the key
    health._ready = False
    yield
    health._ready = False


def test_healthy_when_database_cache_and_a_worker_answer(client):
    worker_heartbeat()  # the periodic task, run as the consumer would
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "worker": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_no_worker_or_a_stale_heartbeat_is_a_503_naming_the_worker(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "ok", "worker": "down"}
    health.write_heartbeat(time.time() - health.HEARTBEAT_MAX_AGE - 5)
    assert client.get("/healthz").json()["worker"] == "down"


def test_a_database_outage_is_a_503_not_a_crash(client, monkeypatch):
    worker_heartbeat()

    def broken():
        raise OSError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "down", "cache": "ok", "worker": "ok"}


def test_a_cache_that_keeps_nothing_is_down(client, monkeypatch):
    worker_heartbeat()
    monkeypatch.setattr(health.cache, "get", lambda *a, **k: None)
    assert client.get("/healthz").json()["cache"] == "down"


def test_ready_only_when_every_migration_is_applied(client):
    assert client.get("/readyz").json() == {"migrations": "ok"}
    health._ready = False
    MigrationRecorder.Migration.objects.filter(app="workflows").order_by("-id")[:1].get().delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"migrations": "pending", "pending": 1}


def test_probes_are_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    worker_heartbeat()
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/tra-cuu/").status_code == 301


def test_json_log_lines_carry_extra_fields_and_the_traceback():
    try:
        raise ValueError("hỏng")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "motcua", logging.ERROR, __file__, 1, "run %s failed", (7,), sys.exc_info()
        )
    record.run_id = 7
    line = json.loads(JSONFormatter().format(record))
    assert line["level"] == "ERROR" and line["logger"] == "motcua"
    assert line["message"] == "run 7 failed" and line["run_id"] == 7
    assert "ValueError: hỏng" in line["exception"]


def test_an_oversized_form_body_is_refused(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post(
        "/tra-cuu/", data="code=" + "x" * 4096, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
