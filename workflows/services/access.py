"""Who is asking, and who may open a citizen's files: the client address behind the trusted proxies, the lookup's
guard against guessing, and the one-time links that open an applicant's uploads.

Self-contained on purpose (Django's cache, signing and settings only): the online forms' file views call it and
can move with them.

- `client_ip(request)`: REMOTE_ADDR, or with `TRUSTED_PROXIES = N` the N-th X-Forwarded-For address from the
  right. Addresses left of it were written by the client and are never believed (issue 11: rotating the header
  reset the lookup's limit).
- `LookupGuard`: failures counted per client and per dossier code in the shared cache (Redis in production, so
  every process counts together); a code that failed `CODE_MAX_FAILURES` times is locked for
  `CODE_LOCK_SECONDS` whatever the address; successful lookups cost nothing.
- `file_link(dossier_id)` / `redeem_file_link(token)`: a signed, expiring, single-use link to a dossier's files,
  sent to the applicant's declared email or phone; the lookup secret alone never opens a file.
"""

from __future__ import annotations

import ipaddress
import logging
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from workflows.masking import mask

__all__ = [
    "CLIENT_MAX_FAILURES",
    "CODE_LOCK_SECONDS",
    "CODE_MAX_FAILURES",
    "FILE_LINK_MAX_AGE",
    "LookupGuard",
    "client_ip",
    "file_link",
    "record_access",
    "redeem_file_link",
    "send_file_link",
]
logger = logging.getLogger(__name__)

CLIENT_MAX_FAILURES = 10
CLIENT_WINDOW_SECONDS = 600
CODE_MAX_FAILURES = 5
CODE_LOCK_SECONDS = 900
FILE_LINK_MAX_AGE = 1800
LINKS_PER_HOUR = 3
_FILE_LINK_SALT = "workflows.access.file-link"


# What a request without a usable address is counted as (Django's test client's login request has none; a
# proxy may forward garbage): one shared bucket, and a value an `inet` column (axes' logs) accepts.
NO_ADDRESS = "0.0.0.0"  # noqa: S104 (a placeholder to count, never an address to bind)


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's address as the outermost trusted proxy saw it (`TRUSTED_PROXIES`, default 0: no proxy).

    Always a valid IP address: anything else (a forged `X-Forwarded-For: hello`, no `REMOTE_ADDR`) falls back
    to the socket's address, then to `NO_ADDRESS`, so no caller stores an invalid address."""
    remote = _address(request.META.get("REMOTE_ADDR", "") or "") or NO_ADDRESS
    proxies = int(getattr(settings, "TRUSTED_PROXIES", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < proxies:
        # Fewer hops than configured proxies: the request did not come through all of them.
        return remote
    return _address(forwarded[-proxies]) or remote


def rate_limited(
    scope: str, client: str, *, limit: int = CLIENT_MAX_FAILURES, window: int = CLIENT_WINDOW_SECONDS
) -> bool:
    """True once `client` has made more than `limit` attempts in `scope` within the window (every attempt
    counts: for forms such as the rating, where no success or failure tells the two apart)."""
    return _count(f"{scope}-tries:{client}", window) > limit


def _count(key: str, window: int) -> int:
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


class LookupGuard:
    """The budget of failed lookups of one client for one code. `blocked` before trying, `failed` after a miss;
    a hit calls nothing, so citizens who type the right secret never run out."""

    def __init__(self, scope: str, client: str, code: str):
        self.client_key = f"lookup:{scope}:client:{client}"
        self.code_key = f"lookup:code:{(code or '').strip().upper()[:64]}"

    @property
    def blocked(self) -> bool:
        return (cache.get(self.client_key) or 0) >= CLIENT_MAX_FAILURES or (
            cache.get(self.code_key) or 0
        ) >= CODE_MAX_FAILURES

    def failed(self) -> None:
        _count(self.client_key, CLIENT_WINDOW_SECONDS)
        if _count(self.code_key, CODE_LOCK_SECONDS) == CODE_MAX_FAILURES:
            # The lock runs from the failure that set it, not from the first one.
            cache.touch(self.code_key, CODE_LOCK_SECONDS)


def file_link(dossier_id: int) -> str:
    """A token for `redeem_file_link`: signed, dated, with a nonce that is burnt on first use."""
    return signing.dumps(
        {"d": dossier_id, "n": secrets.token_urlsafe(12)}, salt=_FILE_LINK_SALT, compress=True
    )


def redeem_file_link(token: str) -> int | None:
    """The dossier id a valid, unexpired, unused link opens (and the link is used up), or None."""
    try:
        payload = signing.loads(token, salt=_FILE_LINK_SALT, max_age=FILE_LINK_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("d"), int):
        return None
    # cache.add is atomic in Redis and in the local-memory cache: of two uses of one link, one wins.
    if not cache.add(f"file-link-used:{payload.get('n')}", 1, FILE_LINK_MAX_AGE + 60):
        return None
    return payload["d"]


def send_file_link(dossier, url: str) -> list[str]:
    """Send the one-time link `url` to the applicant's declared email and phone; the channels it went to
    (empty when the dossier has neither, or when this dossier already had `LINKS_PER_HOUR` links this hour)."""
    from django.core.mail import send_mail

    from workflows.sms import get_sms_backend

    if _count(f"file-link-sent:{dossier.pk}", 3600) > LINKS_PER_HOUR:
        return []
    text = (
        f"Một Cửa: liên kết mở tệp hồ sơ {dossier.code}, dùng một lần trong "
        f"{FILE_LINK_MAX_AGE // 60} phút: {url}"
    )
    sent = []
    if dossier.applicant_email:
        try:
            send_mail(
                f"[Một Cửa] Liên kết mở tệp hồ sơ {dossier.code}",
                text,
                settings.DEFAULT_FROM_EMAIL,
                [dossier.applicant_email],
            )
            sent.append("email")
        except Exception as exc:
            # The exception may name the address: masked, and no traceback (it repeats the message).
            logger.error("Không gửi được thư liên kết tệp của hồ sơ %s: %s", dossier.code, mask(repr(exc)))
    if dossier.applicant_phone:
        try:
            get_sms_backend().send(dossier.applicant_phone, text)
            sent.append("sms")
        except Exception as exc:
            logger.error(
                "Không gửi được tin nhắn liên kết tệp của hồ sơ %s: %s", dossier.code, mask(repr(exc))
            )
    return sent


def record_access(request, dossier_id: int, kind: str, detail: str = "") -> None:
    """Append who opened this dossier's personal data or files (workflows.models.DossierAccess). The
    applicant's own access (no account) is recorded too, as "Người nộp hồ sơ"."""
    from workflows.models import DossierAccess

    user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
    name = (user.get_full_name() or user.get_username()) if user else "Người nộp hồ sơ"
    DossierAccess.objects.create(
        dossier_id=dossier_id,
        user=user,
        user_name=name[:255],
        kind=kind,
        detail=detail[:255],
        client=client_ip(request)[:64],
    )
