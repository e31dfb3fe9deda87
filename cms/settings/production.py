"""Production: PostgreSQL (DATABASE_URL), Redis (REDIS_URL), a real SECRET_KEY, real email and SMS backends.

It refuses to start without them, with one message naming everything missing: a half-configured server
must not come up on SQLite, a per-process cache or a console "mail" backend and lose data silently.
`manage.py check --deploy` is clean with these settings (tests/deploy/test_production_settings.py).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, LOGGING, SPECTACULAR_SETTINGS, STORAGES, TRUSTED_PROXIES, env_bool

# Backends that deliver nothing to a citizen: refused in production.
NON_DELIVERING_EMAIL = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
NON_DELIVERING_SMS = {"workflows.sms.ConsoleSMSBackend", "workflows.sms.LocmemSMSBackend"}
# Citizen accounts are optional; once a client id is set, every endpoint must be the provider's own.
OIDC_ENDPOINTS = (
    "OIDC_OP_ISSUER",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)
# A gateway that takes no money: anyone could mark a fee paid.
SIMULATED_PAYMENTS = {"workflows.services.payments.simulator.SimulatorGateway"}


def _missing_configuration(environ) -> list[str]:
    problems = []
    if not environ.get("DATABASE_URL"):
        problems.append("DATABASE_URL (ví dụ postgres://motcua@127.0.0.1:5432/motcua)")
    if not environ.get("REDIS_URL"):
        problems.append(
            "REDIS_URL (ví dụ redis://127.0.0.1:6379/0): hàng đợi tác vụ và bộ nhớ đệm dùng chung"
        )
    key = environ.get("SECRET_KEY", "")
    if len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure"):
        problems.append("SECRET_KEY (ít nhất 50 ký tự ngẫu nhiên)")
    email = environ.get("EMAIL_BACKEND", "")
    if not email or email in NON_DELIVERING_EMAIL:
        problems.append("EMAIL_BACKEND (ví dụ django.core.mail.backends.smtp.EmailBackend và EMAIL_HOST)")
    sms = environ.get("SMS_BACKEND", "")
    if not sms or sms in NON_DELIVERING_SMS:
        problems.append("SMS_BACKEND (lớp gửi tin nhắn của nhà mạng, xem workflows/sms.py)")
    if env_bool("OIDC_SIMULATOR", False, environ):
        problems.append("OIDC_SIMULATOR phải tắt: nhà cung cấp định danh mô phỏng cho ai cũng đăng nhập được")
    if environ.get("OIDC_RP_CLIENT_ID"):
        for name in OIDC_ENDPOINTS:
            if not environ.get(name, "").startswith("https://"):
                problems.append(f"{name} (địa chỉ https:// của nhà cung cấp định danh)")
        logout = environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
        if logout and not logout.startswith("https://"):
            problems.append(
                "OIDC_OP_LOGOUT_ENDPOINT (địa chỉ https:// của nhà cung cấp định danh, hoặc để trống)"
            )
    if environ.get("PAYMENT_GATEWAY", "") in SIMULATED_PAYMENTS:
        problems.append(
            "PAYMENT_GATEWAY (cổng mô phỏng không thu tiền thật: để trống hoặc dùng cổng thật, docs/PAYMENTS.md)"
        )
    return problems


_problems = _missing_configuration(os.environ)
if _problems:
    raise ImproperlyConfigured(
        "Cấu hình production thiếu hoặc không hợp lệ / production configuration missing or invalid: "
        + "; ".join(_problems)
    )

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
# Online payment stays off until a real provider is configured (docs/PAYMENTS.md).
PAYMENT_GATEWAY = os.environ.get("PAYMENT_GATEWAY", "")

# Persistent connections, checked before reuse so a restarted PostgreSQL costs one retry, not an error.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20

# HTTPS only. The scheme comes from the proxy's X-Forwarded-Proto only when a proxy is trusted: without
# one, anybody could send the header and pass for HTTPS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
if TRUSTED_PROXIES > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# `check --deploy` is the server's security check; drf-spectacular would add a full schema generation to it
# (queries a migrated database, reports documentation gaps): the API schema is checked where it is built.
SPECTACULAR_SETTINGS = {**SPECTACULAR_SETTINGS, "ENABLE_DJANGO_DEPLOY_CHECK": False}

LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING["handlers"]["console"].pop("formatter", None)
if LOG_FORMAT == "json":
    LOGGING["handlers"]["console"]["formatter"] = "json"

# Search runs on the database: on PostgreSQL, Wagtail's PostgreSQL backend (GIN-indexed tsvectors over the
# folded `search_name`/`search_body` columns); that is the supported production engine. OpenSearch through
# Wagtail's backend is an untested option: no test here runs it, and it needs `opensearch-py`, which
# requirements.txt does not install.
if os.environ.get("OPENSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch2",
            "URLS": [os.environ["OPENSEARCH_URL"]],
            "INDEX": os.environ.get("OPENSEARCH_INDEX", "motcua"),
        }
    }
