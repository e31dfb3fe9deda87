"""Personal data kept out of logs (Law 91/2025/QH15): phone numbers, email addresses and lookup secrets.

`mask(text)` is applied where our code logs around a message to an applicant (the SMS backends, failed sends),
and `MaskPersonalData` is a logging filter on the site's handlers (cms/settings/base.py) for anything else that
would carry them, a library's exception message included. Outside `workflows.services` and free of models on
purpose: Django configures logging before the apps are ready.
"""

from __future__ import annotations

import logging
import re

__all__ = ["MaskPersonalData", "mask", "mask_phone"]

_EMAIL = re.compile(r"[\w.+-]+@([\w-]+\.)+[\w-]{2,}")
# Vietnamese numbers as typed: 0912 345 678, +84 912.345.678, 84912345678.
_PHONE = re.compile(r"(?<![\w.])(?:\+?84|0)(?:[ .-]?\d){8,10}(?![\w])")
# The lookup secrets of workflows.services.codes (SECRET_ALPHABET, SECRET_LENGTH; a test keeps them equal).
SECRET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # noqa: S105 (an alphabet, not a secret)
SECRET_LENGTH = 8
_SECRET = re.compile(
    rf"(?<![\w.-])(?=[{SECRET_ALPHABET}]*\d)(?=[{SECRET_ALPHABET}]*[A-Z])[{SECRET_ALPHABET}]{{{SECRET_LENGTH}}}(?![\w])"
)
# One-time file links and rating tokens are signed values in URLs.
_SIGNED_PATH = re.compile(r"(/ho-so-truc-tuyen/mo/)[^/\s]+")


def mask_phone(phone: str) -> str:
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    return f"***{digits[-3:]}" if digits else ""


def mask(text: str) -> str:
    text = _EMAIL.sub(lambda m: "***@" + m.group(1).rstrip(".") + "…", str(text))
    text = _PHONE.sub(lambda m: mask_phone(m.group(0)), text)
    text = _SIGNED_PATH.sub(r"\1***", text)
    return _SECRET.sub("********", text)


class MaskPersonalData(logging.Filter):
    """Rewrites a record's message (and its exception text) with `mask`; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to the handler
            return True
        record.msg, record.args = mask(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = mask(record.exc_text)
        return True
