"""Pluggable SMS backends for applicant notices, chosen by the `SMS_BACKEND` setting (a dotted class path).

A province plugs its carrier's gateway in by writing a class with `send(phone, text)`; development prints
the message, tests keep it in memory. Like Django's email backends, and for the same reason: the code that
decides what to say never knows how it travels.
"""

from __future__ import annotations

import logging
import sys
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from .masking import mask, mask_phone

logger = logging.getLogger(__name__)
DEFAULT_BACKEND = "workflows.sms.ConsoleSMSBackend"


class SMSBackend(Protocol):
    def send(self, phone: str, text: str) -> None:
        """Deliver one message or raise; a raised error rolls the notice back so a retry sends it."""


class ConsoleSMSBackend:
    """Development: the message is printed on the terminal, like Django's console email backend; the log gets
    it without the phone number, email addresses or lookup secrets (Law 91/2025/QH15)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, phone: str, text: str) -> None:
        self.stream.write(f"SMS tới {phone}: {text}\n")
        self.stream.flush()
        logger.info("SMS tới %s: %s", mask_phone(phone), mask(text))


class LocmemSMSBackend:
    """Tests: messages collect in `outbox` as (phone, text)."""

    outbox: ClassVar[list[tuple[str, str]]] = []

    def send(self, phone: str, text: str) -> None:
        type(self).outbox.append((phone, text))


def get_sms_backend() -> SMSBackend:
    return import_string(getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND))()
