"""`manage.py load_demo`: the demo province, loaded once (running it again changes nothing).

The administrator's password goes to the terminal only (issue 11 item 6): straight to stdout when it is one,
otherwise to the controlling terminal (/dev/tty), never into a redirected output such as a log file
(`make run > server.log`). Without any terminal it is not shown; DEMO_ADMIN_PASSWORD sets a known one.
"""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu của tỉnh Quảng Ninh (chạy lại không nạp trùng)."

    def handle(self, *args, **options):
        from cms.demo.loader import load_demo

        had_admin = get_user_model().objects.filter(username="admin").exists()
        result = load_demo()
        self.stdout.write(
            f"Dữ liệu mẫu: {result['procedures']} thủ tục, {result['workflows']} quy trình, "
            f"{result['dossiers']} hồ sơ mới."
        )
        if not had_admin or os.environ.get("DEMO_ADMIN_PASSWORD"):
            line = (
                f"Tài khoản quản trị: admin / {result['password']}  (cán bộ mẫu: tiepnhan, chuyenvien, lanhdao — "
                "cùng mật khẩu)"
            )
            if self.stdout.isatty():
                self.stdout.write(self.style.SUCCESS(line))
            elif write_to_terminal(line):
                self.stdout.write(
                    "Tài khoản quản trị: admin (mật khẩu đã hiện trên màn hình, không ghi vào đây)."
                )
            else:
                self.stdout.write(
                    "Tài khoản quản trị: admin (không có màn hình để hiện mật khẩu; đặt DEMO_ADMIN_PASSWORD rồi "
                    "chạy lại load_demo để đặt mật khẩu đã biết)."
                )
        else:
            self.stdout.write(
                "Tài khoản quản trị “admin” đã có từ lần chạy trước (mật khẩu giữ nguyên; "
                "đặt DEMO_ADMIN_PASSWORD để đổi)."
            )


def write_to_terminal(line: str) -> bool:
    """Write `line` to the controlling terminal, bypassing redirected stdout and stderr; False without one."""
    try:
        with open("/dev/tty", "w", encoding="utf-8") as tty:
            tty.write(line + "\n")
    except OSError:
        return False
    return True
