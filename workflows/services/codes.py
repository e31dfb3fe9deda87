"""Dossier codes: the receiving agency's identifier + yyMMdd + a daily sequence (000.00.12.H22-261123-0001)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.db.models import F

from workflows.models import DailySequence

# No 0/O, 1/I/L: read aloud or copied from a receipt, every character is unambiguous (and the lookup upper-cases
# what the citizen types). 31 symbols, 8 of them: 8.5 × 10^11 secrets, against 5 tries per code per 15 minutes.
SECRET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # noqa: S105 (an alphabet, not a secret)
SECRET_LENGTH = 8


def new_lookup_secret() -> str:
    """A dossier's lookup secret, drawn from the operating system's CSPRNG, with at least one digit and one
    letter: that shape is how `workflows.masking` tells a secret from a word in a log line."""
    while True:
        secret = "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))
        if any(c.isdigit() for c in secret) and any(c.isalpha() for c in secret):
            return secret


def normalise_secret(value: str) -> str:
    """What the citizen typed, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())[:16]


def next_dossier_code(prefix: str, day: dt.date) -> str:
    """The next code for this agency and day; unique even when two desks receive at the same instant.

    The increment is a single UPDATE … SET last = last + 1, which PostgreSQL serialises on the row lock and
    SQLite on its write lock, inside the caller's transaction: a rolled-back reception gives its number back.
    """
    with transaction.atomic():
        if not DailySequence.objects.filter(prefix=prefix, day=day).exists():
            try:
                with transaction.atomic():
                    DailySequence.objects.create(prefix=prefix, day=day, last=0)
            except IntegrityError:
                pass  # another desk created today's row first
        DailySequence.objects.filter(prefix=prefix, day=day).update(last=F("last") + 1)
        number = DailySequence.objects.filter(prefix=prefix, day=day).values_list("last", flat=True).get()
    return f"{prefix}-{day:%y%m%d}-{number:04d}"
