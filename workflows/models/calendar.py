"""Calendar overrides editable in the admin: extra days off, substituted working Saturdays, office hours."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        DAY_OFF = "off", _("Ngày nghỉ")
        WORKING = "work", _("Ngày làm việc (làm bù)")

    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("lý do"), max_length=255)
    province = models.CharField(
        _("tỉnh"),
        max_length=8,
        blank=True,
        help_text=_("Để trống nếu áp dụng cả nước; ví dụ H22 cho một tỉnh."),
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        constraints = [models.UniqueConstraint(fields=["date", "province"], name="unique_calendar_day")]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.name}"


class CalendarSettings(models.Model):
    """Office hours and the default cut-off hour (one row per province; blank = everywhere)."""

    province = models.CharField(_("tỉnh"), max_length=8, blank=True, unique=True)
    morning_start = models.TimeField(_("sáng từ"), default=dt.time(7, 30))
    morning_end = models.TimeField(_("sáng đến"), default=dt.time(11, 30))
    afternoon_start = models.TimeField(_("chiều từ"), default=dt.time(13, 0))
    afternoon_end = models.TimeField(_("chiều đến"), default=dt.time(17, 0))
    cutoff = models.TimeField(
        _("giờ chốt tiếp nhận"),
        null=True,
        blank=True,
        help_text=_("Hồ sơ tiếp nhận sau giờ này được tính từ ngày làm việc tiếp theo."),
    )

    class Meta:
        verbose_name = _("giờ làm việc")
        verbose_name_plural = _("giờ làm việc")

    def __str__(self) -> str:
        return self.province or "Mặc định"


class CalendarYear(models.Model):
    """A province's confirmation of one year's calendar.

    The ``holidays`` package proposes each year's days off (and leaves out days whose legal basis is
    unconfirmed, such as 24/11); the province checks the proposal against the Government's announcements,
    adds what is missing as ``CalendarDay`` rows and confirms the year. Due dates that fall in a year not
    confirmed yet say so in their explanation.
    """

    year = models.PositiveSmallIntegerField(_("năm"))
    province = models.CharField(_("tỉnh"), max_length=8, blank=True)
    confirmed = models.BooleanField(_("đã xác nhận"), default=False)
    confirmed_by = models.CharField(_("người xác nhận"), max_length=150, blank=True)
    confirmed_at = models.DateTimeField(_("thời điểm xác nhận"), null=True, blank=True)
    note = models.TextField(_("ghi chú, căn cứ"), blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("xác nhận lịch năm")
        verbose_name_plural = _("xác nhận lịch năm")
        constraints = [models.UniqueConstraint(fields=["year", "province"], name="unique_calendar_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.province}".strip()
