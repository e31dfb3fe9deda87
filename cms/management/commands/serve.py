"""`manage.py serve`: the web server and a huey worker side by side; Ctrl-C stops both."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy máy chủ web và tiến trình xử lý tác vụ nền (huey) cùng lúc; Ctrl-C dừng cả hai."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--workers", default="2", help="Số luồng xử lý tác vụ nền")

    def handle(self, *args, host: str, port: str, workers: str, **options):
        python = sys.executable
        web = [python, "manage.py", "runserver", f"{host}:{port}", "--noreload"]
        worker = [python, "manage.py", "run_huey", "--workers", workers, "--worker-type", "thread"]
        processes = [subprocess.Popen(web), subprocess.Popen(worker)]  # noqa: S603
        self.stdout.write(
            self.style.SUCCESS(f"Một Cửa đang chạy tại http://{host}:{port}/ (quản trị: /admin/)")
        )
        self.stdout.write("Tiến trình xử lý tác vụ nền (huey) đang chạy. Nhấn Ctrl-C để dừng.")

        def stop(*_):
            for p in processes:
                if p.poll() is None:
                    p.send_signal(signal.SIGINT)
            deadline = time.monotonic() + 10
            for p in processes:
                try:
                    p.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    p.kill()

        signal.signal(signal.SIGTERM, lambda *a: (stop(), sys.exit(0)))
        try:
            while all(p.poll() is None for p in processes):
                time.sleep(0.5)
            self.stderr.write("Một tiến trình đã dừng; dừng tiến trình còn lại.")
        except KeyboardInterrupt:
            pass
        finally:
            stop()
