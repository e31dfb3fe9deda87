"""`manage.py import_appendix FILE [--profile …] [--dry-run] [--json]` (../shared/API.md)."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from importers.reading.profiles_spec import PROFILES
from importers.services import import_file


class Command(BaseCommand):
    help = "Nhập một bảng phụ lục (xlsx, xls, csv, ods) — cùng đường xử lý với trang quản trị."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--profile", default="auto", choices=["auto", *PROFILES])
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi dữ liệu")
        parser.add_argument("--json", action="store_true", help="In báo cáo JSON ra stdout")
        parser.add_argument("--decision", help="Số quyết định công bố (bảng danh mục)")
        parser.add_argument("--plan", help="Tên kế hoạch (bảng nhiệm vụ)")
        parser.add_argument("--as-of", dest="as_of", help="Ngày số liệu YYYY-MM-DD (bảng số liệu)")

    def handle(self, *args, **opts):
        options = {k: opts[k] for k in ("decision", "plan", "as_of") if opts.get(k)}
        report, status = import_file(
            opts["file"], profile=opts["profile"], dry_run=opts["dry_run"], options=options
        )
        if opts["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, default=str))
        else:
            self._human(report, status)
        sys.exit(status)

    def _human(self, report: dict, status: int) -> None:
        self.stdout.write(
            f"Tệp: {report.get('file')} — loại bảng: {report.get('profile')} — trang: {report.get('sheet')}"
        )
        self.stdout.write(
            f"Dòng dữ liệu: {report.get('data_rows', 0)}; thêm mới {report.get('created', 0)}, cập nhật "
            f"{report.get('updated', 0)}, không đổi {report.get('unchanged', 0)}, bỏ qua {report.get('skipped', 0)}"
        )
        for e in report.get("errors", [])[:50]:
            self.stderr.write(f"Lỗi {e.get('column') or ''}{e.get('row') or ''}: {e['message']}")
        for w in report.get("warnings", [])[:50]:
            self.stdout.write(f"Cảnh báo {w.get('column') or ''}{w.get('row') or ''}: {w['message']}")
