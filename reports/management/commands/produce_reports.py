"""manage.py produce_reports [--period 2026-Q4] [--scope province] [--no-send]: the scheduled job by hand."""

from django.core.management.base import BaseCommand, CommandError

from reports.services import ReportInputError, parse_period, parse_scope
from reports.services.scheduled import produce_due_reports, produce_report_file, send_report_file


class Command(BaseCommand):
    help = (
        "Lập (và gửi) tệp báo cáo định kỳ; không có --period thì lập các kỳ vừa kết thúc như tác vụ định kỳ."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", help="2026-11, 2026-Q4 hoặc 2026")
        parser.add_argument("--scope", default="province")
        parser.add_argument("--no-send", action="store_true", help="chỉ lập tệp, không gửi thư")

    def handle(self, *args, period=None, scope="province", no_send=False, **options):
        try:
            if period is None:
                files = produce_due_reports()
            else:
                parse_scope(scope)
                report_file = produce_report_file(parse_period(period), scope)
                if not no_send:
                    send_report_file(report_file)
                files = [report_file]
        except ReportInputError as error:
            raise CommandError(str(error)) from None
        for f in files:
            self.stdout.write(f"{f.title}: {f.file.name} (đã gửi {len(f.sent_to)} người nhận)")
