"""`cms.settings.production` with a realistic environment: `check --deploy` clean, and a clear refusal to
start when something a province cannot run without is missing. Each case imports the settings in a fresh
interpreter, as a server would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

REALISTIC = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "DATABASE_URL": "postgres://motcua@127.0.0.1:5432/motcua",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "SECRET_KEY": "q3Zr8vTn0pLx2mWc7bYk5hJd9sFg4aRe1uIo6yNt3vBz8cXq0wMe",
    "ALLOWED_HOSTS": "motcua.hanoi.gov.vn",
    "SITE_URL": "https://motcua.hanoi.gov.vn",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.hanoi.gov.vn",
    "SMS_BACKEND": "province_gateway.sms.GatewaySMSBackend",
}

PRINT = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({k: getattr(s, k, None) for k in ["
    "'SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER', 'SECURE_HSTS_SECONDS', 'SESSION_COOKIE_SECURE', "
    "'CSRF_COOKIE_SECURE', 'DEBUG', 'TRUSTED_PROXIES', 'DATA_UPLOAD_MAX_MEMORY_SIZE', 'FILE_UPLOAD_MAX_MEMORY_SIZE']}"
    " | {'db': s.DATABASES['default'], 'cache': s.CACHES['default']['BACKEND'], "
    "'huey': s.HUEY['huey_class'], 'json_logs': s.LOGGING['handlers']['console'].get('formatter')}, default=str))"
)


def run(args, **env):
    environ = {k: v for k, v in os.environ.items() if k not in REALISTIC and k not in ("TRUSTED_PROXIES",)}
    environ.update(REALISTIC)
    for key, value in env.items():
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = value
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )


def settings_with(**env) -> dict:
    done = run(["-c", PRINT], **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_check_deploy_prints_no_warning_behind_a_proxy_and_without():
    for proxies in ("0", "1"):
        done = run(["manage.py", "check", "--deploy"], TRUSTED_PROXIES=proxies)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "System check identified no issues (0 silenced).", done.stdout
        assert "WARNING" not in done.stderr and "?:" not in done.stderr, done.stderr


def test_https_everywhere_and_the_proxy_header_only_behind_a_trusted_proxy():
    direct = settings_with()
    assert direct["SECURE_SSL_REDIRECT"] is True
    assert direct["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert direct["SESSION_COOKIE_SECURE"] and direct["CSRF_COOKIE_SECURE"]
    assert direct["DEBUG"] is False
    # Without a trusted proxy anybody could send X-Forwarded-Proto: it is not believed.
    assert direct["TRUSTED_PROXIES"] == 0 and direct["SECURE_PROXY_SSL_HEADER"] is None
    behind = settings_with(TRUSTED_PROXIES="1")
    assert behind["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_persistent_checked_connections_redis_everywhere_and_json_logs():
    s = settings_with()
    assert s["db"]["ENGINE"] == "django.db.backends.postgresql"
    assert s["db"]["CONN_MAX_AGE"] == 60 and s["db"]["CONN_HEALTH_CHECKS"] is True
    assert settings_with(DB_CONN_MAX_AGE="0")["db"]["CONN_MAX_AGE"] == 0
    assert s["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert s["huey"] == "huey.PriorityRedisHuey"
    assert s["json_logs"] == "json"


def test_request_bodies_are_capped():
    s = settings_with()
    assert s["DATA_UPLOAD_MAX_MEMORY_SIZE"] == 2 * 1024 * 1024
    assert s["FILE_UPLOAD_MAX_MEMORY_SIZE"] <= 5 * 1024 * 1024
    assert settings_with(DATA_UPLOAD_MAX_MEMORY_SIZE="1048576")["DATA_UPLOAD_MAX_MEMORY_SIZE"] == 1048576


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DATABASE_URL": None}, "DATABASE_URL"),
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"REDIS_URL": None}, "REDIS_URL"),
        ({"EMAIL_BACKEND": None}, "EMAIL_BACKEND"),
        ({"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "EMAIL_BACKEND"),
        ({"SMS_BACKEND": None}, "SMS_BACKEND"),
        ({"SMS_BACKEND": "workflows.sms.ConsoleSMSBackend"}, "SMS_BACKEND"),
        # Citizen accounts: the simulator signs anyone in; a real provider is reached over https only.
        ({"OIDC_SIMULATOR": "1"}, "OIDC_SIMULATOR"),
        (
            {"OIDC_RP_CLIENT_ID": "motcua", "OIDC_OP_TOKEN_ENDPOINT": "/oidc-mo-phong/token/"},
            "OIDC_OP_TOKEN_ENDPOINT",
        ),
        (
            {"OIDC_RP_CLIENT_ID": "motcua", "OIDC_OP_LOGOUT_ENDPOINT": "http://sso.example/logout"},
            "OIDC_OP_LOGOUT_ENDPOINT",
        ),
    ],
)
def test_refuses_to_start_without_what_production_needs(env, named):
    done = run(["manage.py", "check"], **env)
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr and named in done.stderr
    assert "Cấu hình production" in done.stderr


def test_a_real_identity_provider_over_https_starts():
    provider = "https://sso.dichvucong.gov.vn"
    done = run(
        ["manage.py", "check", "--deploy"],
        OIDC_RP_CLIENT_ID="motcua-quangninh",
        OIDC_RP_CLIENT_SECRET="s3cret-from-the-provider",
        OIDC_OP_ISSUER=provider,
        OIDC_OP_AUTHORIZATION_ENDPOINT=f"{provider}/authorize",
        OIDC_OP_TOKEN_ENDPOINT=f"{provider}/token",
        OIDC_OP_USER_ENDPOINT=f"{provider}/userinfo",
        OIDC_OP_JWKS_ENDPOINT=f"{provider}/jwks",
        OIDC_OP_LOGOUT_ENDPOINT=f"{provider}/logout",
    )
    assert done.returncode == 0, done.stderr


def test_every_missing_item_is_named_at_once():
    done = run(["manage.py", "check"], DATABASE_URL=None, SECRET_KEY=None, SMS_BACKEND=None)
    for named in ("DATABASE_URL", "SECRET_KEY", "SMS_BACKEND"):
        assert named in done.stderr
