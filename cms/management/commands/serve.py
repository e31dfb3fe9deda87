"""`manage.py serve`: the web server and a huey worker side by side; Ctrl-C stops both.

A worker that dies is started again with a growing delay (cms.supervise): the site stays up.
"""

from __future__ import annotations

import signal
import sys
import time

from django.core.management.base import BaseCommand

from cms.supervise import Supervisor


class Command(BaseCommand):
    help = (
        "Chạy máy chủ web và tiến trình xử lý tác vụ nền (huey) cùng lúc; tiến trình nền dừng thì được "
        "khởi động lại; Ctrl-C dừng cả hai."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--workers", default="2", help="Số luồng xử lý tác vụ nền")

    def handle(self, *args, host: str, port: str, workers: str, **options):
        python = sys.executable
        supervisor = Supervisor(
            [python, "manage.py", "runserver", f"{host}:{port}", "--noreload"],
            [python, "manage.py", "run_huey", "--workers", workers, "--worker-type", "thread"],
            say=self.stderr.write,
        )
        signal.signal(signal.SIGTERM, lambda *a: (supervisor.stop(), sys.exit(0)))
        supervisor.start()
        self.stdout.write(
            self.style.SUCCESS(f"Một Cửa đang chạy tại http://{host}:{port}/ (quản trị: /admin/)")
        )
        self.stdout.write("Tiến trình xử lý tác vụ nền (huey) đang chạy. Nhấn Ctrl-C để dừng.")
        try:
            while supervisor.step():
                time.sleep(supervisor.poll)
            self.stderr.write("Máy chủ web đã dừng; dừng tiến trình xử lý tác vụ nền.")
        except KeyboardInterrupt:
            pass
        finally:
            supervisor.stop()
