"""`manage.py load_demo`: the demo province, loaded once (running it again changes nothing)."""

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
            self.stdout.write(
                self.style.SUCCESS(
                    f"Tài khoản quản trị: admin / {result['password']}  (cán bộ mẫu: tiepnhan, chuyenvien, lanhdao — "
                    "cùng mật khẩu)"
                )
            )
        else:
            self.stdout.write(
                "Tài khoản quản trị “admin” đã có từ lần chạy trước (mật khẩu giữ nguyên; "
                "đặt DEMO_ADMIN_PASSWORD để đổi)."
            )
