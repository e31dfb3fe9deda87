"""The processes `manage.py serve` keeps running: the web server, and a job worker restarted when it dies.

A worker can die on its own (a job that exhausts memory, a native crash): the site must stay up, so the
worker is started again, after 1 s, then 2, 4, … up to `max_delay` while it keeps dying soon after each
start; a worker that stayed up `stable_after` seconds starts the count again. The web server dying ends
`serve` (nothing can be served), and Ctrl-C or SIGTERM stops both.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import time
from collections.abc import Callable, Sequence

__all__ = ["Supervisor"]

logger = logging.getLogger(__name__)


class Supervisor:
    def __init__(
        self,
        web: Sequence[str],
        worker: Sequence[str],
        *,
        max_delay: float = 60.0,
        stable_after: float = 60.0,
        say: Callable[[str], None] = print,
        poll: float = 0.5,
    ) -> None:
        self.web_command, self.worker_command = list(web), list(worker)
        self.max_delay, self.stable_after, self.say, self.poll = max_delay, stable_after, say, poll
        self.web: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.restarts = 0
        self._failures = 0
        self._worker_started = 0.0
        self._restart_at: float | None = None
        self._stopping = False

    def start(self) -> None:
        self.web = subprocess.Popen(self.web_command)  # noqa: S603 - our own commands
        self._start_worker()

    def _start_worker(self) -> None:
        self.worker = subprocess.Popen(self.worker_command)  # noqa: S603
        self._worker_started = time.monotonic()
        self._restart_at = None

    def delay(self) -> float:
        """The wait before the next restart: doubles with each quick death, capped at max_delay."""
        return min(self.max_delay, 2.0 ** max(self._failures - 1, 0))

    def step(self) -> bool:
        """Check the processes once; False when serve must end (the web server stopped)."""
        if self._stopping or self.web is None or self.web.poll() is not None:
            return False
        now = time.monotonic()
        if self._restart_at is not None:
            if now >= self._restart_at:
                self.restarts += 1
                self._start_worker()
            return True
        if self.worker is not None and self.worker.poll() is not None:
            if now - self._worker_started >= self.stable_after:
                self._failures = 0
            self._failures += 1
            wait = self.delay()
            self.say(
                f"Tiến trình xử lý tác vụ nền đã dừng (mã {self.worker.returncode}); "
                f"khởi động lại sau {wait:g} giây. Trang web vẫn chạy."
            )
            logger.warning("huey worker exited with %s; restarting in %s s", self.worker.returncode, wait)
            self._restart_at = now + wait
        return True

    def run(self) -> None:
        self.start()
        try:
            while self.step():
                time.sleep(self.poll)
        finally:
            self.stop()

    def stop(self) -> None:
        self._stopping = True
        processes = [p for p in (self.web, self.worker) if p is not None]
        for p in processes:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        deadline = time.monotonic() + 10
        for p in processes:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
