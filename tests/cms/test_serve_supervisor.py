"""Issue 11, item 1: `manage.py serve` restarts a dead job worker instead of stopping the site."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from cms.supervise import Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]


@pytest.fixture
def supervisor():
    messages: list[str] = []
    sup = Supervisor(SLEEPER, SLEEPER, max_delay=4.0, stable_after=30.0, say=messages.append, poll=0.05)
    sup.messages = messages  # type: ignore[attr-defined]
    sup.start()
    yield sup
    sup.stop()


def _steps_until(sup: Supervisor, condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert sup.step(), "serve stopped although the web server runs"
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not reached")


def test_a_killed_worker_is_restarted_and_the_web_server_keeps_running(supervisor):
    web, first = supervisor.web.pid, supervisor.worker.pid
    os.kill(first, signal.SIGKILL)
    _steps_until(supervisor, lambda: supervisor.worker.pid != first)
    assert supervisor.web.pid == web and supervisor.web.poll() is None
    assert supervisor.worker.poll() is None and supervisor.restarts == 1
    assert (
        "khởi động lại sau 1 giây" in supervisor.messages[0]
        and "Trang web vẫn chạy" in supervisor.messages[0]
    )


def test_a_worker_dying_again_and_again_waits_longer_each_time_up_to_the_cap(supervisor):
    waits = []
    for _ in range(4):
        pid = supervisor.worker.pid
        os.kill(pid, signal.SIGKILL)
        _steps_until(supervisor, lambda pid=pid: supervisor._restart_at is not None)
        waits.append(supervisor.delay())
        supervisor._restart_at = time.monotonic()  # skip the wait itself; its length is what is checked
        _steps_until(supervisor, lambda pid=pid: supervisor.worker.pid != pid)
    assert waits == [1.0, 2.0, 4.0, 4.0] and supervisor.restarts == 4


def test_serve_ends_when_the_web_server_dies(supervisor):
    supervisor.web.kill()
    supervisor.web.wait()
    assert supervisor.step() is False
