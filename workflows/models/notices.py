"""What the jobs sent (applicant notices, assignee reminders) and what applicants said (service ratings).

A notice row is written in the same transaction as the sending, keyed by what it is about: a job that runs
twice finds the key taken and sends nothing, and a failed send rolls its row back so a retry can try again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossiers import Dossier, DossierEvent


class Notice(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Thư điện tử")
        SMS = "sms", _("Tin nhắn")

    # e.g. "event:42:email", "reminder:7:2026-03-02T09:00:00+07:00": unique, so a second run cannot send.
    key = models.CharField(max_length=200, unique=True)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="notices")
    event = models.ForeignKey(
        DossierEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(_("kênh"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(_("người nhận"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"))
    sent_at = models.DateTimeField(_("gửi lúc"))

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("thông báo đã gửi")
        verbose_name_plural = _("thông báo đã gửi")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient}"


class Rating(models.Model):
    """An applicant's rating of how their dossier was handled: once per dossier, after the result."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    criteria_version = models.CharField(max_length=32)
    # {criterion key: chosen level key}; the levels' points are in the criteria data of that version.
    answers = models.JSONField(default=dict)
    score = models.PositiveSmallIntegerField(_("tổng điểm"))
    max_score = models.PositiveSmallIntegerField(_("điểm tối đa"))
    comment = models.TextField(_("ý kiến"), blank=True)
    created_at = models.DateTimeField(_("đánh giá lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("đánh giá của người nộp")
        verbose_name_plural = _("đánh giá của người nộp")

    def __str__(self) -> str:
        return f"{self.dossier.code}: {self.score}/{self.max_score}"
