"""Scheduled report files: produce a period's report once, keep it privately, email it to its recipients.

Both steps are safe to run twice: a (period, scope) has one `ReportFile` (a unique constraint; the second run
finds it), and each address is recorded in `sent_to` with the send, so a retry mails only the missing ones.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from reports.export import report_xlsx
from reports.models import ReportFile, ReportRecipient
from reports.periods import Period, parse_scope, period_containing

from .dossier_report import dossier_report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def due_periods(now: dt.datetime | None = None) -> list[Period]:
    """The periods that closed most recently: last month, and last quarter on a quarter's first month."""
    current = period_containing(now or timezone.now(), "month")
    periods = [current.previous()]
    if current.start.month in (1, 4, 7, 10):
        periods.append(period_containing(current.start - dt.timedelta(days=1), "quarter"))
    return periods


def produce_report_file(
    period: Period, scope_text: str = "province", *, now: dt.datetime | None = None
) -> ReportFile:
    """The period's report file for the scope, made on the first call and returned as is afterwards."""
    existing = ReportFile.objects.filter(period=period.label, scope=scope_text).first()
    if existing:
        return existing
    report = dossier_report(period, parse_scope(scope_text), now=now)
    title = f"Báo cáo kết quả giải quyết TTHC {period.title} — {report.scope_title}"
    name = f"bao-cao-{period.label}-{scope_text.replace(':', '-')}.xlsx"
    row = ReportFile(period=period.label, kind=period.kind, scope=scope_text, title=title,
                     totals=report.total.figures)  # fmt: skip
    row.file.save(name, ContentFile(report_xlsx(report)), save=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        # Another worker made it first: keep theirs, drop our copy of the file.
        row.file.delete(save=False)
        return ReportFile.objects.get(period=period.label, scope=scope_text)
    return row


def recipients_for(report_file: ReportFile) -> list[str]:
    wants = Q(monthly=True) if report_file.kind == ReportFile.Kind.MONTH else Q(quarterly=True)
    rows = ReportRecipient.objects.filter(wants, active=True, scope=report_file.scope)
    return sorted({r.email for r in rows} - set(report_file.sent_to))


def send_report_file(report_file: ReportFile) -> int:
    """Email the file to each recipient not yet sent to; returns how many were sent now."""
    sent = 0
    for address in recipients_for(report_file):
        message = EmailMessage(
            subject=report_file.title,
            body=(
                f"{report_file.title}\n\nTổng số hồ sơ tiếp nhận: {report_file.received}. "
                "Báo cáo đầy đủ trong tệp đính kèm.\n\nHệ thống thông tin một cửa điện tử (thư tự động)."
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
        )
        with report_file.file.open("rb") as handle:
            message.attach(report_file.file.name.rsplit("/", 1)[-1], handle.read(), XLSX)
        message.send()
        # Recorded per address right after its send: a failure on the next one loses nothing done.
        report_file.sent_to = [*report_file.sent_to, address]
        report_file.sent_at = timezone.now()
        ReportFile.objects.filter(pk=report_file.pk).update(
            sent_to=report_file.sent_to, sent_at=report_file.sent_at
        )
        sent += 1
    return sent


def produce_due_reports(now: dt.datetime | None = None) -> list[ReportFile]:
    """What the monthly job does: each due period, for the province and every recipient's scope."""
    scopes = {"province", *ReportRecipient.objects.filter(active=True).values_list("scope", flat=True)}
    files = []
    for period in due_periods(now):
        for scope_text in sorted(scopes):
            report_file = produce_report_file(period, scope_text, now=now)
            send_report_file(report_file)
            files.append(report_file)
    return files
