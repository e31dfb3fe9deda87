"""`manage.py api_token USERNAME`: print an API token for that user (the user is created if missing)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "In mã truy cập API (token) của một người dùng; tạo người dùng nếu chưa có."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
            user.save()
            self.stderr.write(f"Đã tạo người dùng “{username}” (chưa có quyền nào).")
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
