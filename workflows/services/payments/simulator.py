"""A payment provider that runs inside this site, for development, the demo and the tests.

It behaves as a real gateway does: the applicant lands on its page (`/thanh-toan/mo-phong/…`), pays or
cancels; the provider then sends a signed notification server to server to our `notify_url` (a background
job, as a provider's IPN arrives on its own) and sends the browser back to our `return_url` with the same
signed fields. Either may arrive first, or twice: applying a notification is idempotent.

The signature is HMAC-SHA256 over the sorted `key=value` fields with `PAYMENT_SIMULATOR_SECRET`.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import urllib.parse
import urllib.request
from collections.abc import Mapping

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import db_task

from .gateway import (
    OUTCOMES,
    Checkout,
    InvalidNotification,
    Notification,
    PaymentGateway,
    sign,
    signature_matches,
    without_secrets,
)

logger = logging.getLogger(__name__)
SALT = "workflows.payments.simulator"
FIELDS = ("reference", "transaction_id", "amount", "currency", "outcome", "at")


def secret() -> str:
    """The shared secret of the simulator and the site: configured, else derived from SECRET_KEY."""
    configured = getattr(settings, "PAYMENT_SIMULATOR_SECRET", "")
    if configured:
        return configured
    return hmac.new(settings.SECRET_KEY.encode(), b"payment-simulator", hashlib.sha256).hexdigest()


class SimulatorGateway(PaymentGateway):
    name = "simulator"
    label = "Cổng thanh toán mô phỏng"

    def checkout_url(self, checkout: Checkout) -> str:
        # The order travels signed in the URL, as a provider's own checkout page would hold it.
        token = signing.dumps(checkout.__dict__, salt=SALT, compress=True)
        return reverse("payment-simulator", kwargs={"token": token})

    def verify(self, data: Mapping[str, str]) -> Notification:
        if not signature_matches(data, secret()):
            raise InvalidNotification("Chữ ký của thông báo thanh toán không hợp lệ.")
        missing = [f for f in FIELDS if not str(data.get(f) or "")]
        if missing:
            raise InvalidNotification(f"Thông báo thanh toán thiếu trường: {', '.join(missing)}.")
        if data["outcome"] not in OUTCOMES or not str(data["amount"]).isdigit():
            raise InvalidNotification("Thông báo thanh toán không đúng định dạng.")
        return Notification(
            reference=str(data["reference"]),
            transaction_id=str(data["transaction_id"]),
            amount=int(data["amount"]),
            currency=str(data["currency"]),
            outcome=str(data["outcome"]),
            raw=without_secrets(data),
        )


def read_order(token: str) -> Checkout | None:
    try:
        return Checkout(**signing.loads(token, salt=SALT, max_age=24 * 3600))
    except (signing.BadSignature, TypeError):
        return None


def settle(order: Checkout, outcome: str) -> dict[str, str]:
    """The signed notification the provider sends about `order` (a new transaction id every time)."""
    fields = {
        "reference": order.reference,
        "transaction_id": f"SIM{secrets.token_hex(8).upper()}" if outcome != "cancelled" else "",
        "amount": str(order.amount),
        "currency": order.currency,
        "outcome": outcome,
        "at": timezone.now().strftime("%Y%m%d%H%M%S"),
    }
    if not fields["transaction_id"]:
        fields["transaction_id"] = f"HUY{secrets.token_hex(8).upper()}"
    fields["signature"] = sign(fields, secret())
    return fields


@db_task(retries=3, retry_delay=10)
def deliver_notification(url: str, fields: dict[str, str]) -> int:
    """POST the notification to our own endpoint, as the provider's server would (retried on failure)."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"Not a web address: {url!r}")
    body = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310 (http(s) checked above)
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our own configured URL)
        return response.status
