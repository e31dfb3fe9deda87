"""Scheduled report files (kept in the private storage) and who receives them by email."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.periods import ReportInputError, parse_scope


def private_storage():
    return storages["private"]


def validate_scope(value: str) -> None:
    try:
        parse_scope(value)
    except ReportInputError as error:
        raise ValidationError(str(error)) from None


class ReportRecipient(models.Model):
    """Someone who receives each month's and quarter's report for a scope by email."""

    name = models.CharField(_("họ tên, chức vụ"), max_length=255, blank=True)
    email = models.EmailField(_("thư điện tử"))
    scope = models.CharField(
        _("phạm vi"),
        max_length=64,
        default="province",
        validators=[validate_scope],
        help_text=_("province (toàn tỉnh), agency:<mã số cơ quan>, center:<mã nơi tiếp nhận>…"),
    )
    monthly = models.BooleanField(_("nhận báo cáo tháng"), default=True)
    quarterly = models.BooleanField(_("nhận báo cáo quý"), default=True)
    active = models.BooleanField(_("đang nhận"), default=True)

    class Meta:
        ordering = ["scope", "email"]
        verbose_name = _("người nhận báo cáo")
        verbose_name_plural = _("người nhận báo cáo")
        constraints = [models.UniqueConstraint(fields=["email", "scope"], name="unique_report_recipient")]

    def __str__(self) -> str:
        return f"{self.name or self.email} ({self.scope})"


class ReportFile(models.Model):
    """One period's periodic report for one scope, produced once by the scheduled job (or by hand)."""

    class Kind(models.TextChoices):
        MONTH = "month", _("Tháng")
        QUARTER = "quarter", _("Quý")
        YEAR = "year", _("Năm")

    period = models.CharField(_("kỳ báo cáo"), max_length=16)
    kind = models.CharField(_("loại kỳ"), max_length=8, choices=Kind.choices)
    scope = models.CharField(_("phạm vi"), max_length=64, default="province")
    title = models.CharField(_("tiêu đề"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="reports/%Y/", storage=private_storage)
    totals = models.JSONField(_("số liệu tổng"), default=dict)
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)
    # Addresses the file went to: a retry sends only to the ones missing, so nobody gets it twice.
    sent_to = models.JSONField(_("đã gửi tới"), default=list, blank=True)
    sent_at = models.DateTimeField(_("gửi lần cuối"), null=True, blank=True)

    class Meta:
        ordering = ["-period", "scope"]
        verbose_name = _("tệp báo cáo định kỳ")
        verbose_name_plural = _("tệp báo cáo định kỳ")
        constraints = [models.UniqueConstraint(fields=["period", "scope"], name="unique_report_file")]

    def __str__(self) -> str:
        return self.title

    @property
    def received(self) -> int:
        return self.totals.get("received", 0)

    @property
    def recipients_count(self) -> int:
        return len(self.sent_to)
