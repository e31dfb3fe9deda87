"""gunicorn for `cms.wsgi` (systemd's motcua-web.service, compose's web, .ci/stack).

Environment: GUNICORN_BIND (127.0.0.1:8000), WEB_CONCURRENCY (processes: 2 × cores + 1),
GUNICORN_THREADS (1), FORWARDED_ALLOW_IPS (127.0.0.1: the proxies whose X-Forwarded-Proto gunicorn
believes; Django decides for itself through TRUSTED_PROXIES), LOG_FORMAT (json).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * multiprocessing.cpu_count() + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Reports and exports take seconds, never a minute; a stuck worker is killed and replaced.
timeout = 60
graceful_timeout = 30
# Recycle workers now and then so a slow leak never becomes an outage.
max_requests = 2000
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

if os.environ.get("LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "cms.logging.JSONFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
