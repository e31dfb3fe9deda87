"""Paying a dossier's fee online (issue 13, item 4), through the configured `PaymentGateway`.

- `start_payment(dossier, return_url=, notify_url=)` opens a new attempt (a `Payment` row with its own
  reference) for the fee the dossier waits for, and gives the gateway's address to send the applicant to.
- `apply_notification(data)` verifies what the gateway sent (its signature, our reference, the amount) and
  settles the attempt once: the first notification about it wins, by a conditional update, and performs
  `payment_received` (the dossier goes to reception) or `payment_not_completed` (history only). The same
  notification twice, or an old one replayed, finds the attempt settled and changes nothing.
- `fee_status(dossier)` says what the applicant and the officer see: the fee, the attempts, paid or not.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from workflows.models import Dossier, Payment

from ..actions import ActionNotAllowed, Conflict, perform_action
from ..actions.payments import awaiting_fee
from .gateway import (
    CANCELLED,
    FAILED,
    PAID,
    Checkout,
    InvalidNotification,
    Notification,
    PaymentGateway,
    get_gateway,
    require_gateway,
)

logger = logging.getLogger(__name__)

__all__ = [
    "CANCELLED",
    "FAILED",
    "PAID",
    "Checkout",
    "FeeStatus",
    "InvalidNotification",
    "Notification",
    "PaymentError",
    "PaymentGateway",
    "apply_notification",
    "awaiting_fee",
    "fee_status",
    "format_vnd",
    "get_gateway",
    "online_payment_enabled",
    "record_desk_payment",
    "start_payment",
]

DESK = "desk"  # the `provider` of a fee paid at the desk against a paper receipt

OUTCOME_STATUS = {
    PAID: Payment.Status.PAID,
    FAILED: Payment.Status.FAILED,
    CANCELLED: Payment.Status.CANCELLED,
}


class PaymentError(Exception):
    """The payment cannot start or the notification cannot apply; the message is Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def online_payment_enabled() -> bool:
    return get_gateway() is not None


def format_vnd(amount: int | None) -> str:
    """50000 → "50.000 đồng" (Vietnamese groups thousands with dots)."""
    return f"{amount or 0:,} đồng".replace(",", ".")


def new_reference(dossier: Dossier) -> str:
    # Our order number at the gateway: unguessable, one per attempt, short enough for any provider.
    return f"TT{secrets.token_hex(10).upper()}"


@dataclass
class FeeStatus:
    """The dossier's online fee: the amount (None: nothing asked online), the paid attempt, every attempt
    (newest first), and whether the applicant can pay now (`payable`)."""

    amount: int | None
    paid: Payment | None
    attempts: list[Payment]
    payable: bool

    @property
    def amount_text(self) -> str:
        return format_vnd(self.amount)


def fee_status(dossier: Dossier) -> FeeStatus:
    attempts = list(dossier.payments.all()) if dossier.pk else []
    paid = next((p for p in attempts if p.status == Payment.Status.PAID), None)
    payable = bool(dossier.fee_due) and paid is None and awaiting_fee(dossier)
    return FeeStatus(dossier.fee_due, paid, attempts, payable)


def start_payment(
    dossier: Dossier, *, return_url: str, notify_url: str, now: dt.datetime | None = None
) -> tuple[Payment, str]:
    """A new attempt at the gateway for the fee the dossier waits for; (the row, the address to go to)."""
    if not dossier.fee_due:
        raise PaymentError("Hồ sơ này không phải nộp phí, lệ phí trực tuyến.")
    if dossier.payments.filter(status=Payment.Status.PAID).exists():
        raise PaymentError("Phí, lệ phí của hồ sơ này đã được thanh toán.")
    if not awaiting_fee(dossier):
        raise PaymentError("Hồ sơ không còn chờ thanh toán phí, lệ phí.")
    gateway = get_gateway()
    if gateway is None:
        raise PaymentError("Chưa có cổng thanh toán trực tuyến; vui lòng nộp phí, lệ phí tại nơi tiếp nhận.")
    payment = Payment.objects.create(
        dossier=dossier,
        reference=new_reference(dossier),
        provider=gateway.name,
        amount=dossier.fee_due,
        currency="VND",
        description=f"Phí, lệ phí hồ sơ {dossier.code}"[:255],
        created_at=now or timezone.now(),
    )
    url = gateway.checkout_url(
        Checkout(
            reference=payment.reference,
            amount=payment.amount,
            currency=payment.currency,
            description=payment.description,
            return_url=return_url,
            notify_url=notify_url,
        )
    )
    return payment, url


def record_desk_payment(dossier: Dossier, user, *, receipt: str, now: dt.datetime | None = None) -> Payment:
    """The fee of a dossier waiting for it, paid at the desk: a paid `Payment` with the receipt's number and the
    `payment_at_desk` action, together or not at all. A receipt number already recorded is refused (one
    receipt pays one fee). Online attempts still pending stay so: if the gateway later reports one paid, it is
    recorded beside this one and the center refunds it (docs/PAYMENTS.md)."""
    receipt = " ".join((receipt or "").split())[:64]
    if not receipt:
        raise ActionNotAllowed("Cần ghi số biên lai thu phí, lệ phí.")
    if not dossier.fee_due or not awaiting_fee(dossier):
        raise ActionNotAllowed("Hồ sơ không chờ thanh toán phí, lệ phí.")
    now = now or timezone.now()
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                dossier=dossier,
                reference=new_reference(dossier),
                provider=DESK,
                amount=dossier.fee_due,
                currency="VND",
                description=f"Thu tại quầy, biên lai {receipt}"[:255],
                status=Payment.Status.PAID,
                provider_transaction_id=receipt,
                created_at=now,
                settled_at=now,
                notification={"receipt": receipt, "officer": user.get_username() if user else ""},
            )
            perform_action(
                dossier,
                "payment_at_desk",
                user,
                note=f"biên lai {receipt}, {format_vnd(payment.amount)}",
                now=now,
                payment={"payment": payment.pk, "reference": payment.reference, "receipt": receipt,
                         "amount": payment.amount},
            )  # fmt: skip
    except IntegrityError:
        raise ActionNotAllowed(f"Biên lai số {receipt} đã được ghi cho một khoản thu khác.") from None
    return payment


def apply_notification(data: Mapping[str, str], *, now: dt.datetime | None = None) -> Payment:
    """Verify and apply one gateway notification; raises `InvalidNotification` (nothing written)."""
    notification = require_gateway().verify(data)
    payment = Payment.objects.select_related("dossier").filter(reference=notification.reference).first()
    if payment is None:
        raise InvalidNotification("Không có giao dịch thanh toán với mã này.")
    if (notification.amount, notification.currency) != (payment.amount, payment.currency):
        logger.warning(
            "Payment %s: the gateway reported %s %s, %s %s was asked",
            payment.reference,
            notification.amount,
            notification.currency,
            payment.amount,
            payment.currency,
        )
        raise InvalidNotification("Số tiền trong thông báo không khớp với số tiền phải nộp.")
    if payment.status != Payment.Status.PENDING:
        if OUTCOME_STATUS[notification.outcome] != payment.status:
            logger.warning(
                "Payment %s: a late %s notification ignored", payment.reference, notification.outcome
            )
        return payment
    now = now or timezone.now()
    status = OUTCOME_STATUS[notification.outcome]
    try:
        with transaction.atomic():
            # The first notification about the attempt settles it; any later one matches no row here.
            settled = Payment.objects.filter(pk=payment.pk, status=Payment.Status.PENDING).update(
                status=status,
                provider_transaction_id=notification.transaction_id[:64],
                settled_at=now,
                notification=notification.raw,
            )
            if settled == 1:
                payment.refresh_from_db()
                _record(payment, now)
    except IntegrityError:
        raise InvalidNotification(
            "Mã giao dịch này đã được ghi nhận cho một khoản thanh toán khác."
        ) from None
    payment.refresh_from_db()
    return payment


def _record(payment: Payment, now: dt.datetime) -> None:
    """Write the attempt's outcome in the dossier's history (and move it to reception when paid)."""
    action = "payment_received" if payment.status == Payment.Status.PAID else "payment_not_completed"
    details = {
        "payment": payment.pk,
        "reference": payment.reference,
        "transaction_id": payment.provider_transaction_id,
        "amount": payment.amount,
        "status": payment.status,
    }
    note = f"khoản thanh toán {format_vnd(payment.amount)} (mã giao dịch {payment.provider_transaction_id})"
    if payment.status != Payment.Status.PAID:
        note = f"{payment.get_status_display()}: {format_vnd(payment.amount)}, mã {payment.reference}"
    for _attempt in range(3):
        dossier = Dossier.objects.get(pk=payment.dossier_id)
        try:
            with transaction.atomic():
                perform_action(dossier, action, None, note=note, now=now, payment=details)
            return
        except Conflict:
            continue  # an officer acted at the same moment: read the dossier again
        except ActionNotAllowed as exc:
            # Withdrawn or stopped meanwhile: the money is recorded on the attempt; the desk refunds it.
            logger.warning(
                "Payment %s recorded, dossier %s unchanged: %s", payment.reference, dossier.code, exc
            )
            return
    logger.warning("Payment %s recorded, dossier busy: no history line", payment.reference)
