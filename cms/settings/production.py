"""Production: PostgreSQL (DATABASE_URL), Redis (REDIS_URL), a real SECRET_KEY."""

import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
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
