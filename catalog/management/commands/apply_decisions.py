from django.core.management.base import BaseCommand

from catalog.services import apply_decision, due_decisions


class Command(BaseCommand):
    help = "Áp dụng các quyết định công bố đã xuất bản và đến ngày hiệu lực (chạy tay; huey chạy định kỳ)."

    def handle(self, *args, **options):
        total = sum(apply_decision(d) for d in due_decisions())
        self.stdout.write(f"Đã áp dụng {total} thủ tục.")
