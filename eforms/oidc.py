"""Signing citizens in through an OpenID Connect provider, with mozilla-django-oidc doing the protocol (state,
nonce, PKCE, the code exchange, the ID token's signature through the provider's JWKS).

What this backend adds, because the library leaves it to the site:
- the ID token must name this site as its audience and come from the configured issuer, and the userinfo's
  `sub` must be the ID token's (OpenID Connect Core 5.3.2), or nobody signs in;
- accounts are matched by the provider's `iss` + `sub`, never by email (the library's default), so nobody
  becomes a staff member by declaring that member's address at the provider;
- a citizen account is never staff: a user with a staff flag, a group or a permission is refused here;
- the provider must vouch for a valid personal identification number (CCCD), which links the dossiers.

Endpoints written site-relative ("/oidc-mo-phong/token/") are the simulator's (eforms.simulator), reached at
the host the browser used; production refuses relative endpoints and the simulator (cms/settings/production).
"""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import resolve_url
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .accounts import Citizen
from .validation import parse_citizen_id

logger = logging.getLogger(__name__)

ENDPOINTS = ("OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT")


def enabled() -> bool:
    """Citizen accounts are optional: on when a provider (or the simulator) is configured."""
    return bool(settings.OIDC_RP_CLIENT_ID and settings.OIDC_OP_AUTHORIZATION_ENDPOINT)


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if url.startswith("/") else url


def issuer(request) -> str:
    return absolute(request, settings.OIDC_OP_ISSUER) if settings.OIDC_OP_ISSUER else ""


def after_sign_out(request) -> str:
    """The page a signed-out citizen lands on, as an absolute address (the provider's registered one)."""
    return request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))


def provider_logout_url(request) -> str:
    """Where signing out sends the browser (mozilla-django-oidc's OIDC_OP_LOGOUT_URL_METHOD, called before the
    site's own session ends): the provider's end-session endpoint with the ID token as hint, which returns to
    the site's home; the home directly when the provider has none or the user did not come through it."""
    id_token = request.session.get("oidc_id_token")
    if not settings.OIDC_OP_LOGOUT_ENDPOINT or not id_token:
        return resolve_url(settings.LOGOUT_REDIRECT_URL)
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": after_sign_out(request),
        }
    )
    return f"{absolute(request, settings.OIDC_OP_LOGOUT_ENDPOINT)}?{query}"


class CitizenBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if request is None or not enabled():
            return None
        for name in ENDPOINTS:
            setattr(self, name, absolute(request, getattr(self, name) or ""))
        self.issuer = issuer(request)
        self.id_claims: dict = {}
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.PyJWTError, requests.RequestException) as exc:
            # A forged, expired or stale answer, or the provider unreachable: no sign-in, the failure page says so.
            logger.warning("Đăng nhập công dân không thành công: %s", exc)
            return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token issued for another client")
        if self.issuer and payload.get("iss") != self.issuer:
            raise SuspiciousOperation("ID token from another issuer")
        if "exp" not in payload or not payload.get("sub"):
            raise SuspiciousOperation("ID token without exp or sub")
        self.id_claims = payload
        return payload

    def verify_claims(self, claims) -> bool:
        if not claims.get("sub") or claims.get("sub") != self.id_claims.get("sub"):
            return False
        try:
            parse_citizen_id(str(claims.get(settings.OIDC_ID_NUMBER_CLAIM, "")))
        except ValidationError:
            return False
        return bool(str(claims.get("name", "")).strip())

    def filter_users_by_claims(self, claims):
        found = Citizen.objects.filter(issuer=self._issuer_of(), subject=claims["sub"]).select_related("user")
        return [citizen.user for citizen in found]

    def _issuer_of(self) -> str:
        return self.id_claims.get("iss") or self.issuer

    def create_user(self, claims):
        subject = claims["sub"]
        digest = hashlib.sha256(f"{self._issuer_of()}|{subject}".encode()).hexdigest()[:24]
        try:
            with transaction.atomic():
                user = get_user_model().objects.create_user(username=f"congdan-{digest}")
                Citizen.objects.create(
                    user=user,
                    issuer=self._issuer_of(),
                    subject=subject,
                    signed_in_at=timezone.now(),
                    **self._details(claims),
                )
        except IntegrityError:
            # Two first sign-ins of the same person at once: the other one created the account.
            users = self.filter_users_by_claims(claims)
            if not users:
                raise
            return self.update_user(users[0], claims)
        return user

    def update_user(self, user, claims):
        if user.is_staff or user.is_superuser or user.groups.exists() or user.user_permissions.exists():
            # Someone gave this account staff rights: citizen sign-in must never open them.
            raise SuspiciousOperation("citizen sign-in refused for an account with staff rights")
        Citizen.objects.filter(user=user).update(**self._details(claims), signed_in_at=timezone.now())
        return user

    @staticmethod
    def _details(claims) -> dict:
        return {
            "id_number": parse_citizen_id(str(claims[settings.OIDC_ID_NUMBER_CLAIM])).number,
            "name": str(claims.get("name", "")).strip()[:255],
            "phone": str(claims.get("phone_number", "")).strip()[:32],
            "email": str(claims.get("email", "")).strip()[:254],
        }
