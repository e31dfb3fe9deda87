"""Online payments of a dossier's fee (issue 13, item 4): one row per attempt at the payment gateway.

Each attempt has its own reference (the order number the gateway sees), so a late notification about an
abandoned attempt can never be taken for the current one. A row leaves `pending` once, by a conditional
update (`workflows.services.payments.apply_notification`): the same notification twice pays once.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossiers import Dossier


class Payment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ thanh toán")
        PAID = "paid", _("Đã thanh toán")
        FAILED = "failed", _("Thanh toán không thành công")
        CANCELLED = "cancelled", _("Đã hủy thanh toán")

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="payments"
    )
    reference = models.CharField(_("mã thanh toán"), max_length=40, unique=True)
    provider = models.CharField(_("cổng thanh toán"), max_length=40)
    amount = models.PositiveBigIntegerField(_("số tiền"))
    currency = models.CharField(_("loại tiền"), max_length=3, default="VND")
    description = models.CharField(_("nội dung"), max_length=255, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING)
    provider_transaction_id = models.CharField(_("mã giao dịch của cổng"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    settled_at = models.DateTimeField(_("có kết quả lúc"), null=True, blank=True)
    # The notification that settled the attempt, as the gateway sent it minus its signature and any secret.
    notification = models.JSONField(_("thông báo của cổng thanh toán"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thanh toán trực tuyến")
        verbose_name_plural = _("thanh toán trực tuyến")
        constraints = [
            # One gateway transaction settles one attempt at most, whatever the notifications say.
            models.UniqueConstraint(
                fields=["provider", "provider_transaction_id"],
                condition=~models.Q(provider_transaction_id=""),
                name="unique_payment_transaction",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_status_display()})"
