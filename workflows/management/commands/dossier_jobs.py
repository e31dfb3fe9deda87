"""manage.py dossier_jobs: run the periodic dossier jobs by hand (mark overdue, remind assignees)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from workflows.tasks import mark_overdue, remind_assignees


class Command(BaseCommand):
    help = "Đánh dấu hồ sơ quá hạn và nhắc cán bộ các bước sắp đến hạn (chạy lại không gửi trùng)."

    def handle(self, *args, **options):
        overdue = mark_overdue.call_local()
        reminders = remind_assignees.call_local()
        self.stdout.write(f"Đánh dấu quá hạn: {overdue} hồ sơ; đã gửi {reminders} thư nhắc việc.")
