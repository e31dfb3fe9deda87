"""The payment gateway interface: what any provider (the national Payment Platform in production, the simulator
here) must do for the dossier's fee to be paid online. `docs/PAYMENTS.md` is the contract for a provider.

A gateway does two things only: send the applicant to pay (`checkout_url`), and turn what it sends back (the
server-to-server notification, and the browser's return, both signed) into a verified `Notification`, or
refuse it with `InvalidNotification`. Everything else (the dossier, idempotency, the history) is ours.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

PAID, FAILED, CANCELLED = "paid", "failed", "cancelled"
OUTCOMES = frozenset({PAID, FAILED, CANCELLED})
# Never kept with a notification: the signature itself and anything that looks like a credential.
SECRET_WORDS = ("signature", "secret", "password", "token", "hash", "key")


class InvalidNotification(Exception):
    """A notification that is not the gateway's (bad or missing signature) or not well formed: nothing is
    written and the caller answers 400."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Notification:
    """A verified word from the gateway about one payment attempt."""

    reference: str
    transaction_id: str
    amount: int
    currency: str
    outcome: str  # PAID, FAILED or CANCELLED
    raw: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Checkout:
    """What the gateway needs to take a payment: our reference, the amount, what it is for, and where to
    send the applicant back (`return_url`) and the notification (`notify_url`), both absolute."""

    reference: str
    amount: int
    currency: str
    description: str
    return_url: str
    notify_url: str


class PaymentGateway:
    """One payment provider. Subclasses set `name` and implement the two methods."""

    name = ""
    label = ""

    def checkout_url(self, checkout: Checkout) -> str:
        """The address the applicant's browser goes to in order to pay."""
        raise NotImplementedError

    def verify(self, data: Mapping[str, str]) -> Notification:
        """Check the signature of a notification (POSTed by the gateway, or in the return's query string)
        and read it; raise `InvalidNotification` when it is not genuine or not complete."""
        raise NotImplementedError


def without_secrets(data: Mapping[str, str]) -> dict[str, str]:
    """What may be kept of a notification: every field but the signature and credentials, as text."""
    return {
        str(k)[:64]: str(v)[:500]
        for k, v in data.items()
        if not any(word in str(k).lower() for word in SECRET_WORDS)
    }


def canonical(fields: Mapping[str, str]) -> bytes:
    """The signed text: `key=value` pairs sorted by key and joined by `&`, the signature left out."""
    return "&".join(f"{k}={fields[k]}" for k in sorted(fields) if k != "signature").encode()


def sign(fields: Mapping[str, str], secret: str) -> str:
    return hmac.new(secret.encode(), canonical(fields), hashlib.sha256).hexdigest()


def signature_matches(fields: Mapping[str, str], secret: str) -> bool:
    given = str(fields.get("signature") or "")
    return bool(secret) and bool(given) and hmac.compare_digest(given, sign(fields, secret))


@cache
def load_gateway(path: str) -> PaymentGateway:
    try:
        gateway = import_string(path)()
    except ImportError as exc:
        raise ImproperlyConfigured(f"PAYMENT_GATEWAY: không nạp được {path} ({exc}).") from exc
    if not isinstance(gateway, PaymentGateway) or not gateway.name:
        raise ImproperlyConfigured(f"PAYMENT_GATEWAY: {path} không phải một PaymentGateway có tên.")
    return gateway


def get_gateway() -> PaymentGateway | None:
    """The configured gateway (`settings.PAYMENT_GATEWAY`, a dotted path), or None when online payment is off
    (fees are then paid as the center tells the applicant, and no dossier waits for one online)."""
    path = getattr(settings, "PAYMENT_GATEWAY", "")
    return load_gateway(path) if path else None


def require_gateway() -> PaymentGateway:
    gateway = get_gateway()
    if gateway is None:
        raise InvalidNotification("Chưa cấu hình cổng thanh toán trực tuyến.")
    return gateway
