"""`manage.py reorganise PLAN.json [--dry-run] [--json]`: merge, split and close units by a plan file.

The same code path as the admin's *Sắp xếp đơn vị* page. Exit status 0 when the plan applied (or would, with
`--dry-run`), 1 when it cannot apply (nothing is written), 2 when the file cannot be read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from catalog.services import PlanError, apply_reorganisation, read_plan


class Command(BaseCommand):
    help = (
        "Sắp xếp đơn vị hành chính theo phương án (JSON): hợp nhất, chia tách, chuyển hồ sơ đang giải quyết."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", help="Tệp phương án JSON (xem docs/REORGANISATION.md)")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ in những gì sẽ thay đổi, không ghi gì."
        )
        parser.add_argument("--json", action="store_true", help="In báo cáo dạng JSON.")

    def handle(self, *args, **options):
        path = Path(options["plan"])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.stderr.write(f"Không đọc được tệp phương án {path}: {exc}")
            sys.exit(2)
        try:
            result = apply_reorganisation(read_plan(data), dry_run=options["dry_run"])
        except PlanError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            sys.exit(1)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
            return
        heading = "Sẽ thay đổi (chạy thử, chưa ghi gì):" if result.dry_run else "Đã thay đổi:"
        self.stdout.write(f"{result.plan.name} — hiệu lực {result.plan.effective:%d/%m/%Y}. {heading}")
        for line in result.lines or ["Không có gì thay đổi: phương án đã được áp dụng."]:
            self.stdout.write(f"- {line}")
