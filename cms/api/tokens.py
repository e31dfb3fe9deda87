"""API tokens stored as hashes, with Wagtail 8's own `APIToken` (HMAC-SHA-256 digest and a display prefix).

A leaked database, backup or admin screen no longer hands out working credentials (issue 11 item 5). A token
is shown once, when it is issued: `manage.py api_token USERNAME`, or the admin's *API tokens* screen
(Wagtail's `APITokenViewSet`, registered in cms/wagtail_hooks.py), where it can also be revoked. The API
contract keeps `Authorization: Token <token>` (../shared/API.md); `Bearer` is accepted too. Tokens issued by
DRF's `authtoken` before are carried over by migration `cms.0003` (digest of the old key, clear key deleted).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from wagtail.models import APIToken

__all__ = ["HashedTokenAuthentication", "issue_token"]

KEYWORDS = (b"token", b"bearer")


def issue_token(user, name: str = "api") -> tuple[APIToken, str]:
    """A new token for `user`: the row, and the token itself, which nothing can show again."""
    return APIToken.create_token(user=user, name=name)


class HashedTokenAuthentication(BaseAuthentication):
    """`Authorization: Token …` (or `Bearer …`) checked against the stored digests of unrevoked tokens."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed()
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed() from None
        token = (
            APIToken.objects.select_related("user")
            .filter(key_hash__in=APIToken.candidate_key_hashes(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed()
        interval = getattr(settings, "WAGTAILAPI_TOKEN_LAST_USED_INTERVAL", 60)
        now = timezone.now()
        if interval is not None and (
            token.last_used_at is None or (now - token.last_used_at).total_seconds() >= interval
        ):
            APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return "Token"
