"""`manage.py api_token USERNAME`: issue a new API token for that user (created if missing) and print it.

Only a digest is stored (cms.api.tokens), so the token is printed this once; running the command again issues
another one. Revoke old ones in the admin (*API tokens*) or with `manage.py api_tokens revoke`.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from cms.api.tokens import issue_token


class Command(BaseCommand):
    help = "Cấp một mã truy cập API (token) mới cho người dùng và in ra một lần; tạo người dùng nếu chưa có."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="api_token", help="Mục đích của mã (hiện trong trang quản trị)")

    def handle(self, *args, username: str, name: str, **options):
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
            user.save()
            self.stderr.write(f"Đã tạo người dùng “{username}” (chưa có quyền nào).")
        _, key = issue_token(user, name)
        self.stderr.write("Mã chỉ hiện một lần này: hãy lưu lại ngay.")
        self.stdout.write(key)
