"""Fast, isolated settings for pytest."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import HUEY, REDIS_URL

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Jobs run inline, but through the same huey task objects; with REDIS_URL set the suite still talks to
# Redis for the result store and the import locks.
HUEY = {**HUEY, "immediate": True}
if REDIS_URL:
    # Keep results and locks in Redis even in immediate mode, so CI exercises the real storage.
    HUEY["immediate_use_memory"] = False
else:
    HUEY["huey_class"] = "huey.MemoryHuey"
    HUEY.pop("filename", None)
_tmp = tempfile.mkdtemp(prefix="motcua-test-")
MEDIA_ROOT = os.path.join(_tmp, "media")
PRIVATE_MEDIA_ROOT = os.path.join(_tmp, "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PAYMENT_GATEWAY = "workflows.services.payments.simulator.SimulatorGateway"
PAYMENT_SIMULATOR_SECRET = "test-only-payment-secret"  # noqa: S105
# No server listens in most tests: the simulator's server-to-server notification is sent only where a test
# turns it on (the browser test, against its live server).
PAYMENT_SIMULATOR_NOTIFY = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.search_backend"}}
# The local OpenID Connect provider stands in for VNeID: a tester types the identity that signs in.
OIDC_SIMULATOR = True
OIDC_RP_CLIENT_ID = "motcua-mo-phong"
OIDC_RP_CLIENT_SECRET = "mo-phong-khong-bi-mat"  # noqa: S105
OIDC_OP_ISSUER = "/oidc-mo-phong/"
OIDC_OP_AUTHORIZATION_ENDPOINT = "/oidc-mo-phong/authorize/"
OIDC_OP_TOKEN_ENDPOINT = "/oidc-mo-phong/token/"  # noqa: S105 (an address)
OIDC_OP_USER_ENDPOINT = "/oidc-mo-phong/userinfo/"
OIDC_OP_JWKS_ENDPOINT = "/oidc-mo-phong/jwks/"
OIDC_OP_LOGOUT_ENDPOINT = "/oidc-mo-phong/logout/"
OIDC_SIMULATOR_KEY_FILE = os.path.join(_tmp, "oidc-simulator.pem")
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
