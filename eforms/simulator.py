"""A local OpenID Connect provider standing in for VNeID / the national portal's SSO in development and tests:
the authorization page lets a tester type (or pick) the identity that signs in, and the token, userinfo and
JWKS endpoints answer the site's backend over HTTP as a real provider would (authorization code flow, PKCE
S256, ID tokens signed RS256 with a key generated on first use and published in the JWKS).

It answers only when `OIDC_SIMULATOR` is on (dev and test settings); production refuses to start with it
(cms/settings/production.py), since it signs in whoever types an ID number. Codes and access tokens live a few
minutes in the shared cache; a code is good for one exchange.

Like a real provider it remembers who signed in at it, in its own signed cookie (not the site's session, which
the site's sign-out ends), and offers to continue as that person; its end-session endpoint (RP-Initiated
Logout 1.0) forgets them, which is what the site's sign-out must reach so that a shared computer is left
signed out at the provider too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from functools import cache as memoize
from pathlib import Path
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .oidc import after_sign_out, issuer
from .validation import parse_citizen_id

CODE_SECONDS = 120
TOKEN_SECONDS = 300
PREFIX = "eforms.oidc-simulator"
# The provider's own session: who signed in at it, for as long as a browser session.
SESSION_COOKIE = "oidc-mo-phong"
SESSION_SALT = "eforms.oidc-simulator.session"
SESSION_PATH = "/oidc-mo-phong/"

# Ready-made identities for a quick demonstration; any valid one may be typed instead.
IDENTITIES = [
    {
        "citizen_id": "022090001234",
        "name": "Nguyễn Văn An",
        "phone_number": "0912345678",
        "email": "an@example.vn",
    },
    {
        "citizen_id": "022195004321",
        "name": "Trần Thị Bình",
        "phone_number": "0987654321",
        "email": "binh@example.vn",
    },
    {"citizen_id": "001088012345", "name": "Lê Văn Cường", "phone_number": "0901234567", "email": ""},
]


def _on() -> None:
    if not settings.OIDC_SIMULATOR:
        raise Http404


@memoize
def _key_for(path: str) -> rsa.RSAPrivateKey:
    file = Path(path)
    if not file.exists():
        file.parent.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
        temporary.write_bytes(pem)
        os.chmod(temporary, 0o600)
        # The first process to finish wins; every process then reads the same key.
        try:
            os.link(temporary, file)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return serialization.load_pem_private_key(file.read_bytes(), password=None)


def signing_key() -> rsa.RSAPrivateKey:
    return _key_for(settings.OIDC_SIMULATOR_KEY_FILE)


def public_jwk() -> dict:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(signing_key().public_key()))
    jwk.update(use="sig", alg="RS256", kid=hashlib.sha256(jwk["n"].encode()).hexdigest()[:16])
    return jwk


def subject_for(id_number: str) -> str:
    """The provider's opaque, stable name for a person (a real provider's `sub` is not the ID number)."""
    return (
        "sim-" + hmac.new(settings.SECRET_KEY.encode(), id_number.encode(), hashlib.sha256).hexdigest()[:20]
    )


def callback_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse(settings.OIDC_AUTHENTICATION_CALLBACK_URL))


class IdentityForm(forms.Form):
    citizen_id = forms.CharField(label="Số định danh cá nhân (CCCD)", max_length=20)
    name = forms.CharField(label="Họ và tên", max_length=120)
    phone_number = forms.CharField(label="Số điện thoại", max_length=20, required=False)
    email = forms.EmailField(
        label="Thư điện tử", required=False, error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."}
    )

    def clean_citizen_id(self) -> str:
        return parse_citizen_id(self.cleaned_data["citizen_id"]).number

    def clean_phone_number(self) -> str:
        phone = "".join(c for c in self.cleaned_data["phone_number"] if c.isdigit())
        if phone and len(phone) not in (10, 11):
            raise ValidationError("Số điện thoại gồm 10 hoặc 11 chữ số.")
        return phone


def _request_problem(request: HttpRequest, params) -> str:
    """Why this authorization request cannot be served (nothing is redirected to an unknown address)."""
    if params.get("client_id") != settings.OIDC_RP_CLIENT_ID:
        return "Ứng dụng (client_id) không được đăng ký với nhà cung cấp định danh."
    if params.get("redirect_uri") != callback_uri(request):
        return "Địa chỉ quay về (redirect_uri) không phải địa chỉ đã đăng ký."
    if params.get("response_type") != "code" or "openid" not in params.get("scope", "").split():
        return "Yêu cầu đăng nhập không đúng chuẩn OpenID Connect (response_type=code, scope openid)."
    if not params.get("state"):
        return "Yêu cầu đăng nhập thiếu tham số state."
    if params.get("code_challenge") and params.get("code_challenge_method") != "S256":
        return "Chỉ hỗ trợ PKCE S256."
    return ""


def _provider_session(request: HttpRequest) -> dict | None:
    """The identity that signed in at the simulator earlier in this browser, if it has not signed out there."""
    try:
        claims = signing.loads(request.COOKIES.get(SESSION_COOKIE, ""), salt=SESSION_SALT)
    except signing.BadSignature:
        return None
    return claims if isinstance(claims, dict) and claims.get("citizen_id") else None


def _grant(carried: dict, claims: dict) -> HttpResponseRedirect:
    code = secrets.token_urlsafe(32)
    cache.set(f"{PREFIX}:code:{code}", {**carried, "claims": claims}, CODE_SECONDS)
    response = HttpResponseRedirect(
        f"{carried['redirect_uri']}?{urlencode({'code': code, 'state': carried['state']})}"
    )
    response.set_cookie(
        SESSION_COOKIE,
        signing.dumps(claims, salt=SESSION_SALT),
        path=SESSION_PATH,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


KEPT = ("client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge",
        "code_challenge_method")  # fmt: skip


@never_cache
@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    _on()
    params = request.POST if request.method == "POST" else request.GET
    problem = _request_problem(request, params)
    if problem:
        return render(request, "eforms/account/simulator.html", {"problem": problem}, status=400)
    carried = {name: params.get(name, "") for name in KEPT}
    if request.method == "POST" and "deny" in request.POST:
        return HttpResponseRedirect(
            f"{carried['redirect_uri']}?{urlencode({'error': 'access_denied', 'state': carried['state']})}"
        )
    signed_in = _provider_session(request)
    if request.method == "POST" and "continue" in request.POST and signed_in is not None:
        return _grant(carried, signed_in)
    form = IdentityForm(request.POST if request.method == "POST" and "continue" not in request.POST else None)
    if form.is_bound and form.is_valid():
        return _grant(carried, form.cleaned_data)
    context = {"form": form, "carried": carried, "identities": IDENTITIES, "signed_in": signed_in}
    return render(request, "eforms/account/simulator.html", context, status=400 if form.is_bound else 200)


def _token_error(error: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": error}, status=status)


def _client_credentials(request: HttpRequest) -> tuple[str, str]:
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        try:
            client_id, _sep, secret = base64.b64decode(header[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return "", ""
        return client_id, secret
    return request.POST.get("client_id", ""), request.POST.get("client_secret", "")


def _pkce_ok(challenge: str, verifier: str) -> bool:
    if not challenge:
        return True
    digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return hmac.compare_digest(digest, challenge)


@csrf_exempt  # a server-to-server call authenticated by the client secret
@require_http_methods(["POST"])
def token(request: HttpRequest) -> JsonResponse:
    _on()
    client_id, secret = _client_credentials(request)
    if client_id != settings.OIDC_RP_CLIENT_ID or not hmac.compare_digest(
        secret.encode(), settings.OIDC_RP_CLIENT_SECRET.encode()
    ):
        return _token_error("invalid_client", 401)
    if request.POST.get("grant_type") != "authorization_code":
        return _token_error("unsupported_grant_type")
    key = f"{PREFIX}:code:{request.POST.get('code', '')}"
    granted = cache.get(key)
    # One exchange per code: whoever deletes it first gets the tokens.
    if granted is None or not cache.delete(key):
        return _token_error("invalid_grant")
    if granted["client_id"] != client_id or granted["redirect_uri"] != request.POST.get("redirect_uri"):
        return _token_error("invalid_grant")
    if not _pkce_ok(granted["code_challenge"], request.POST.get("code_verifier", "")):
        return _token_error("invalid_grant")
    claims = granted["claims"]
    subject = subject_for(claims["citizen_id"])
    now = int(time.time())
    id_token = jwt.encode(
        {
            "iss": issuer(request),
            "sub": subject,
            "aud": client_id,
            "iat": now,
            "auth_time": now,
            "exp": now + TOKEN_SECONDS,
            **({"nonce": granted["nonce"]} if granted["nonce"] else {}),
        },
        signing_key(),
        algorithm="RS256",
        headers={"kid": public_jwk()["kid"]},
    )
    access_token = secrets.token_urlsafe(32)
    userinfo = {"sub": subject, settings.OIDC_ID_NUMBER_CLAIM: claims["citizen_id"], "name": claims["name"]}
    userinfo.update({k: claims[k] for k in ("phone_number", "email") if claims.get(k)})
    cache.set(f"{PREFIX}:token:{access_token}", userinfo, TOKEN_SECONDS)
    response = JsonResponse(
        {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": TOKEN_SECONDS,
            "id_token": id_token,
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def userinfo(request: HttpRequest) -> JsonResponse:
    _on()
    header = request.headers.get("Authorization", "")
    claims = cache.get(f"{PREFIX}:token:{header[7:]}") if header.startswith("Bearer ") else None
    if claims is None:
        return _token_error("invalid_token", 401)
    return JsonResponse(claims)


@never_cache
@require_http_methods(["GET", "POST"])
def end_session(request: HttpRequest) -> HttpResponse:
    """RP-Initiated Logout 1.0: forget who signed in here, then return to the site's registered page when the
    request carries an ID token this provider issued to that site; otherwise say so and stay (never redirect
    to an address nobody registered)."""
    _on()
    params = request.POST if request.method == "POST" else request.GET
    hint, target = params.get("id_token_hint", ""), params.get("post_logout_redirect_uri", "")
    problem = ""
    try:
        # An expired ID token is still a good hint: a citizen may sign out long after signing in.
        jwt.decode(
            hint,
            signing_key().public_key(),
            algorithms=["RS256"],
            audience=settings.OIDC_RP_CLIENT_ID,
            issuer=issuer(request),
            options={"verify_exp": False},
        )
    except jwt.PyJWTError:
        problem = "Yêu cầu đăng xuất không kèm mã định danh (id_token_hint) hợp lệ của nhà cung cấp này."
    if not problem and params.get("client_id", settings.OIDC_RP_CLIENT_ID) != settings.OIDC_RP_CLIENT_ID:
        problem = "Ứng dụng (client_id) không được đăng ký với nhà cung cấp định danh."
    if not problem and target and target != after_sign_out(request):
        problem = "Địa chỉ quay về sau khi đăng xuất không phải địa chỉ đã đăng ký."
    if problem or not target:
        response = render(
            request,
            "eforms/account/simulator.html",
            {"problem": problem, "signed_out": True},
            status=400 if problem else 200,
        )
    else:
        state = params.get("state")
        response = HttpResponseRedirect(f"{target}?{urlencode({'state': state})}" if state else target)
    response.delete_cookie(SESSION_COOKIE, path=SESSION_PATH, samesite="Lax")
    return response


def jwks(request: HttpRequest) -> JsonResponse:
    _on()
    return JsonResponse({"keys": [public_jwk()]})


def discovery(request: HttpRequest) -> JsonResponse:
    _on()

    def url(name: str) -> str:
        return request.build_absolute_uri(reverse(f"forms:{name}"))

    return JsonResponse(
        {
            "issuer": issuer(request),
            "authorization_endpoint": url("simulator-authorize"),
            "token_endpoint": url("simulator-token"),
            "userinfo_endpoint": url("simulator-userinfo"),
            "jwks_uri": url("simulator-jwks"),
            "end_session_endpoint": url("simulator-logout"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "name", "phone_number", "email", settings.OIDC_ID_NUMBER_CLAIM],
        }
    )
