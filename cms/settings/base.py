"""Settings shared by every environment; configuration comes from the environment (12-factor).

Environment variables (the README's configuration table lists them with their defaults):
DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS, DEBUG, HUEY_SQLITE_PATH, MEDIA_ROOT,
PRIVATE_MEDIA_ROOT, IMPORT_MAX_BYTES, SITE_URL, TRUSTED_PROXIES, DATA_UPLOAD_MAX_MEMORY_SIZE, LOG_FORMAT.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool, environ=None) -> bool:
    value = (os.environ if environ is None else environ).get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h.strip()
]
# How many reverse proxies in front of the site append to X-Forwarded-For. 0 (the default): the header is
# ignored and the client is REMOTE_ADDR; N: the client is the N-th address from the right (what the outermost
# trusted proxy saw). Anything left of it was written by the client and is never believed.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
# How many reverse proxies stand in front of the app and may be believed (X-Forwarded-For / -Proto).
# 0: none, the client is the socket's peer and forwarded headers are ignored (anyone could forge them).
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
# Health probes (cms.health) come from the load balancer or the init system on plain HTTP: never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

INSTALLED_APPS = [
    # Ours: cms composes on top of the domain apps (docs/ARCHITECTURE.md).
    "cms",
    "catalog",
    "workflows",
    "importers",
    "eforms",
    "reports",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "cms.apps.UsersConfig",  # wagtail.users, listing staff apart from citizens
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "import_export",
    "huey.contrib.djhuey",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or client is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Citizens sign in through an OpenID Connect provider (eforms.oidc); never with a password.
    "eforms.oidc.CitizenBackend",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite in the project by default; PostgreSQL (or anything dj-database-url reads) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout so the web server and the worker can write side by side without
    # "database is locked"; IMMEDIATE transactions take the write lock up front instead of failing mid-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: at millions of dossiers the planner's cost estimates of the staff pages' queries pass
    # `jit_above_cost`, and compiling took 50–480 ms for queries that run in 5–50 ms (bench/staff/explain.py).
    # An operator who wants it for reports can set it per role in PostgreSQL.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The open-dossier indexes carry extra columns for PostgreSQL's index-only scans (`Index.include`); SQLite,
# the embedded default, builds them without those columns, which is all it can do.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request without it
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
# Dossier files and uploaded appendices never sit under MEDIA_URL: they are served by views that check
# permissions (Law 91/2025/QH15 on personal data).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies other than files (forms, JSON) are held in memory: capped. Files stream to disk past
# FILE_UPLOAD_MAX_MEMORY_SIZE; their total size is capped by the reverse proxy (deploy/Caddyfile).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2 * 1024 * 1024)))
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
# An uploaded workbook is parsed in a child process with these limits (importers.reading.isolation):
# address space in MB and wall-clock/CPU seconds. A 20 MB workbook at the cell limit reads in ~1.5 GB.
IMPORT_READ_MEMORY_MB = int(os.environ.get("IMPORT_READ_MEMORY_MB", "2048"))
IMPORT_READ_TIMEOUT = float(os.environ.get("IMPORT_READ_TIMEOUT", "180"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail
WAGTAIL_SITE_NAME = "Một Cửa"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend; on PostgreSQL, a model indexing no `title` is matched on its body vector alone,
# the same rows for a third of the work (cms/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "xlsx", "xls", "zip"]
WAGTAIL_I18N_ENABLED = False
WAGTAIL_WORKFLOW_ENABLED = True
# No avatars fetched from Gravatar: each admin page would send a hash of every officer's e-mail address to a
# foreign service, and a province's network may not reach it at all. Wagtail draws its default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Jobs: huey runs our jobs and Wagtail's own django-tasks (HueyBackend).
REDIS_URL = os.environ.get("REDIS_URL", "")
HUEY_SQLITE_PATH = os.environ.get("HUEY_SQLITE_PATH", str(BASE_DIR / "var" / "huey.sqlite3"))
Path(HUEY_SQLITE_PATH).parent.mkdir(parents=True, exist_ok=True)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.PriorityRedisHuey",
        "name": "motcua",
        "url": REDIS_URL,
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
else:
    # The queue lives in its own SQLite file so a long import never contends with the site's database.
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "motcua",
        "filename": HUEY_SQLITE_PATH,
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
TASKS = {"default": {"BACKEND": "huey.contrib.djhuey.tasks_backend.HueyBackend"}}

# --- API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cms.api.tokens.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "cms.api.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "cms.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "cms.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # DRF's throttles find the client as workflows.services.access.client_ip does (None would trust the
    # whole X-Forwarded-For header a client sends).
    "NUM_PROXIES": TRUSTED_PROXIES,
    "UNICODE_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Một Cửa API",
    "DESCRIPTION": "Danh mục thủ tục hành chính, hồ sơ và lịch làm việc — API v1",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# The cache is shared by every process (web and worker): the calendar overrides' version, lookup limits and
# the like must be seen by all. Without Redis, a folder that `manage.py serve`'s two processes share.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
    }
}
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}

# --- Admin login throttling (django-axes): per account and client, the client as the lookup finds it.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: a locked account and client may try again after 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "workflows.services.access.client_ip"
AXES_LOCKOUT_CALLABLE = "cms.login.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "motcua@localhost")
# Applicant text messages: a class with send(phone, text); see workflows/sms.py.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "workflows.sms.ConsoleSMSBackend")
# Online payment of fees (issue 13): the gateway class (a `workflows.services.payments.PaymentGateway`; empty
# turns online payment off). The simulator runs inside the site and signs its notifications with
# PAYMENT_SIMULATOR_SECRET; production refuses it (docs/PAYMENTS.md).
PAYMENT_GATEWAY = os.environ.get("PAYMENT_GATEWAY", "workflows.services.payments.simulator.SimulatorGateway")
PAYMENT_SIMULATOR_SECRET = os.environ.get("PAYMENT_SIMULATOR_SECRET", "")
# Whether the simulator also sends its notification server to server (a job), as a real provider does.
PAYMENT_SIMULATOR_NOTIFY = env_bool("PAYMENT_SIMULATOR_NOTIFY", True)

# The agency's signing certificate for electronic results (PEM or DER key and certificate; issue 13). Without
# them an officer cannot attach a result: it must be signed.
RESULT_SIGNING_KEY = os.environ.get("RESULT_SIGNING_KEY", "")
RESULT_SIGNING_CERT = os.environ.get("RESULT_SIGNING_CERT", "")
RESULT_SIGNING_PASSPHRASE = os.environ.get("RESULT_SIGNING_PASSPHRASE", "")

# --- Citizen accounts (issue 13): sign-in through an OpenID Connect provider (VNeID, the national portal's
# SSO). Optional: without a client id the site works with code + secret only. Endpoints may be site-relative
# ("/oidc-mo-phong/token/") only for the simulator, which production refuses (cms/settings/production.py).
OIDC_SIMULATOR = env_bool("OIDC_SIMULATOR", False)
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid profile email phone")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
# Signing out of the site also ends the session at the provider (OpenID Connect RP-Initiated Logout 1.0) when it
# publishes an end-session endpoint: on a shared computer at a desk or a kiosk, the next person must not find
# the last citizen still signed in at VNeID. The ID token is kept in the session as the logout's hint.
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_OP_LOGOUT_URL_METHOD = "eforms.oidc.provider_logout_url"
OIDC_STORE_ID_TOKEN = True
# The claim that carries the personal identification number (CCCD) the provider verified.
OIDC_ID_NUMBER_CLAIM = os.environ.get("OIDC_ID_NUMBER_CLAIM", "citizen_id")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "forms:oidc-callback"
LOGIN_REDIRECT_URL = "/ho-so-cua-toi/"
LOGIN_REDIRECT_URL_FAILURE = "/ho-so-cua-toi/?loi=dang-nhap"
LOGOUT_REDIRECT_URL = "/"
OIDC_SIMULATOR_KEY_FILE = os.environ.get(
    "OIDC_SIMULATOR_KEY_FILE", str(BASE_DIR / "var" / "oidc-simulator.pem")
)

# --- The province this deployment serves (holiday overrides and dossier codes are per province).
PROVINCE_CODE = os.environ.get("PROVINCE_CODE", "H22")

# LOG_FORMAT=json: one JSON object per line (production's default, for journald/Loki/ELK); text otherwise.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "cms.logging.JSONFormatter"}},
    # Phone numbers, email addresses and lookup secrets are masked in whatever reaches the log.
    "filters": {"personal_data": {"()": "workflows.masking.MaskPersonalData"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["personal_data"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
