"""Who opened a dossier's personal data or files (Law 91/2025/QH15): an append-only record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dossiers import Dossier


class DossierAccess(models.Model):
    class Kind(models.TextChoices):
        VIEW = "view", _("Xem hồ sơ")
        DOWNLOAD = "download", _("Tải tệp")
        PRINT = "print", _("In biểu mẫu")
        API = "api", _("Đọc qua API")

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xem"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    # Kept as text too: the record outlives the account.
    user_name = models.CharField(_("người xem"), max_length=255)
    kind = models.CharField(_("loại truy cập"), max_length=16, choices=Kind.choices)
    detail = models.CharField(_("nội dung"), max_length=255, blank=True)
    client = models.CharField(_("địa chỉ máy"), max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("nhật ký truy cập dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký truy cập dữ liệu cá nhân")
        indexes = [models.Index(fields=["dossier", "at"])]

    def __str__(self) -> str:
        return f"{self.user_name} {self.get_kind_display()} {self.at:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Nhật ký truy cập không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Nhật ký truy cập không được xóa.")
