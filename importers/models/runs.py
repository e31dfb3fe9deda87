"""One upload of an appendix table: the file kept, who, when, profile, status, counts, errors, duration."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def private_storage():
    return storages["private"]


class ImportRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        READING = "reading", _("Đang đọc và kiểm tra")
        PREVIEW = "preview", _("Chờ xác nhận")
        APPLYING = "applying", _("Đang ghi dữ liệu")
        DONE = "done", _("Hoàn tất")
        FAILED = "failed", _("Lỗi")
        CANCELLED = "cancelled", _("Đã hủy")
        QUARANTINED = "quarantined", _("Cách ly (tệp làm hỏng trình đọc)")

    ACTIVE = (Status.QUEUED, Status.READING, Status.APPLYING)
    QUARANTINE_AFTER = 2

    file = models.FileField(_("tệp"), upload_to="imports/%Y/%m/", storage=private_storage)
    filename = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(default=0)
    profile = models.CharField(_("loại bảng"), max_length=32, default="auto")
    detected_profile = models.CharField(_("loại bảng nhận diện"), max_length=32, blank=True)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    report = models.JSONField(_("báo cáo"), default=dict, blank=True)
    message = models.TextField(_("thông báo"), blank=True)
    created = models.PositiveIntegerField(_("thêm mới"), default=0)
    updated = models.PositiveIntegerField(_("cập nhật"), default=0)
    unchanged = models.PositiveIntegerField(_("không đổi"), default=0)
    skipped = models.PositiveIntegerField(_("bỏ qua"), default=0)
    error_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    warning_count = models.PositiveIntegerField(_("số cảnh báo"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    #: How many times reading this file crashed (the child reader died, ran out of memory or time) or the
    #: worker died during the run; at QUARANTINE_AFTER the run is quarantined and never run again.
    crashes = models.PositiveSmallIntegerField(_("số lần gặp sự cố"), default=0)
    # What the run produced, for links from the history (a draft decision, a plan).
    result_label = models.CharField(max_length=255, blank=True)
    result_url = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lượt nhập dữ liệu")
        verbose_name_plural = _("lượt nhập dữ liệu")
        constraints = [
            # Two uploads of the same file at once run one job: only one active run per file and profile.
            models.UniqueConstraint(
                fields=["sha256", "profile"],
                condition=Q(status__in=["queued", "reading", "applying"]),
                name="one_active_run_per_file",
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    @property
    def duration_text(self) -> str:
        seconds = self.duration_seconds
        return "—" if seconds is None else _("%(seconds).1f giây") % {"seconds": seconds}

    @property
    def duration_seconds(self) -> float | None:
        return self.duration.total_seconds() if self.duration is not None else None
