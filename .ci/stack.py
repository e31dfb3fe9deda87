"""The production stack, started and driven as a province runs it (issue 12; docs/DEPLOY.md, systemd path).

Starts, on loopback only: Caddy (TLS with its internal CA, deploy/Caddyfile) → gunicorn (deploy/gunicorn.conf.py,
`cms.wsgi`, `cms.settings.production`) on a fresh PostgreSQL database and a Redis database, plus one huey
consumer; the commands are the systemd units'. Then, over HTTPS through the proxy: waits for `/healthz`
(database, cache, worker heartbeat) and `/readyz`, receives a dossier through the JSON API and drives it to
the returned result, and checks that the worker (a separate process, through Redis) sent the applicant's
notices. Stops everything it started, drops the database and empties the Redis database.

    .venv/bin/python .ci/stack.py          # CI_STACK_REDIS_URL: a Redis database this script may empty
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PG = os.environ.get("CI_STACK_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("CI_STACK_REDIS_URL", "redis://127.0.0.1:6379/14")

BACKENDS = '''
"""Stand-ins for the province's mail relay and SMS gateway: each message is one JSON line in an outbox."""
import json, os
from django.core.mail.backends.base import BaseEmailBackend

def _write(kind, entry):
    with open(os.path.join(os.environ["STACK_OUTBOX"], kind + ".jsonl"), "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\\n")

class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, messages):
        for m in messages:
            _write("mail", {"to": m.to, "subject": m.subject, "body": m.body})
        return len(messages)

class OutboxSMSBackend:
    def send(self, phone, text):
        _write("sms", {"phone": phone, "text": text})
'''


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stack:
    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="motcua-stack-"))
        self.db = f"motcua_stack_{os.getpid()}"
        self.web_port, self.https_port, self.http_port, self.admin_port = (free_port() for _ in range(4))
        self.processes: dict[str, subprocess.Popen] = {}
        (self.tmp / "stack_backends.py").write_text(BACKENDS)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "DATABASE_URL": f"{PG}/{self.db}",
            "REDIS_URL": REDIS_URL,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "SITE_URL": f"https://localhost:{self.https_port}",
            "CSRF_TRUSTED_ORIGINS": f"https://localhost:{self.https_port}",
            "TRUSTED_PROXIES": "1",
            "EMAIL_BACKEND": "stack_backends.OutboxEmailBackend",
            "SMS_BACKEND": "stack_backends.OutboxSMSBackend",
            "STACK_OUTBOX": str(self.tmp),
            "PYTHONPATH": f"{self.tmp}{os.pathsep}{ROOT}",
            "MEDIA_ROOT": str(self.tmp / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.tmp / "private"),
            "GUNICORN_BIND": f"127.0.0.1:{self.web_port}",
            "WEB_CONCURRENCY": "2",
            "DEMO_ADMIN_PASSWORD": secrets.token_urlsafe(12),
        }

    # --- processes
    def manage(self, *args: str) -> str:
        done = subprocess.run(  # noqa: S603
            [PY, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600
        )
        if done.returncode:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def start(self, name: str, command: list[str], **env: str) -> None:
        log = (self.tmp / f"{name}.log").open("w")
        self.processes[name] = subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env={**self.env, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)

    def log(self, name: str) -> str:
        return (self.tmp / f"{name}.log").read_text(errors="replace")

    # --- HTTP through the proxy, TLS checked against Caddy's own CA
    def request(self, method: str, path: str, body: dict | None = None, token: str | None = None):
        url = f"https://localhost:{self.https_port}{path}"
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Token {token}"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, context=self.tls, timeout=30) as response:  # noqa: S310
                return response.status, dict(response.headers), json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                payload = json.loads(raw)
            except ValueError:
                payload = raw[:500].decode(errors="replace")
            return error.code, dict(error.headers), payload

    @property
    def tls(self) -> ssl.SSLContext:
        return ssl.create_default_context(
            cafile=self.tmp / "caddy" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
        )


def check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)
    print(f"  ok: {message}")


def wait_healthy(stack: Stack, seconds: float = 120) -> dict:
    deadline, last = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        for name, process in stack.processes.items():
            if process.poll() is not None:
                raise SystemExit(f"{name} exited ({process.returncode}):\n{stack.log(name)[-3000:]}")
        try:
            status, _headers, body = stack.request("GET", "/healthz")
            last = (status, body)
            if status == 200:
                return body
        except (OSError, ssl.SSLError) as exc:
            last = repr(exc)
        time.sleep(1)
    raise SystemExit(f"/healthz never answered 200 within {seconds:.0f} s: {last}")


def drive(stack: Stack, token: str) -> None:
    started = time.monotonic()
    health = wait_healthy(stack)
    check(
        health == {"database": "ok", "cache": "ok", "worker": "ok"},
        f"/healthz {health} after {time.monotonic() - started:.1f} s",
    )
    status, headers, body = stack.request("GET", "/readyz")
    check(status == 200 and body == {"migrations": "ok"}, "/readyz: every migration applied")
    check("max-age=31536000" in headers.get("Strict-Transport-Security", ""), "HSTS on HTTPS answers")

    # Plain HTTP straight to gunicorn (no proxy header): redirected to HTTPS; the probe is not.
    direct = f"http://127.0.0.1:{stack.web_port}"
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(f"{direct}/tra-cuu/", timeout=10)
        redirected = None
    except urllib.error.HTTPError as error:
        redirected = (error.code, error.headers.get("Location", ""))
    check(
        redirected is not None and redirected[0] == 301 and redirected[1].startswith("https://"),
        f"plain HTTP redirected: {redirected}",
    )
    with opener.open(f"{direct}/healthz", timeout=10) as response:
        check(response.status == 200, "/healthz answers on plain HTTP for the init system")

    # Static files come from gunicorn through whitenoise, hashed names cached for a year.
    page = (
        urllib.request.urlopen(f"https://localhost:{stack.https_port}/", context=stack.tls, timeout=30)
        .read()
        .decode()
    )
    asset = re.search(r'/static/[^"\']+\.[0-9a-f]{12}\.css', page)
    check(asset is not None, f"the home page links hashed static files ({asset and asset.group(0)})")
    with urllib.request.urlopen(
        f"https://localhost:{stack.https_port}{asset.group(0)}", context=stack.tls, timeout=30
    ) as response:
        cache_control = response.headers.get("Cache-Control", "")
        check(response.status == 200 and "immutable" in cache_control, f"static file served: {cache_control}")

    status, _h, centers = stack.request("GET", "/api/v1/centers/")
    check(status == 200 and centers["results"], f"{centers.get('count')} centers listed")
    center = next(c for c in centers["results"] if c.get("procedures"))
    procedure = center["procedures"][0]
    applicant = {
        "name": "Trần Thị Bình",
        "id_number": "001190012345",
        "phone": "0987654321",
        "email": "binh@example.vn",
        "address": "12 Lý Thường Kiệt, Hà Nội",
    }
    status, _h, dossier = stack.request(
        "POST",
        "/api/v1/dossiers/",
        {"procedure": procedure, "center": center["code"], "channel": "direct", "applicant": applicant},
        token,
    )
    check(status == 201, f"dossier received: {dossier.get('code') if status == 201 else dossier}")
    code = dossier["code"]
    history = [dossier["status"]]
    for action in ("transfer", "appraise", "approve", "return_result"):
        status, _h, body = stack.request(
            "POST", f"/api/v1/dossiers/{code}/actions/", {"action": action, "note": "CI"}, token
        )
        check(status == 200, f"{action}: {status} {body if status != 200 else body['status']}")
        history.append(body["status"])
    status, _h, final = stack.request("GET", f"/api/v1/dossiers/{code}/", token=token)
    check(status == 200 and final["status"]["code"] == history[-1]["code"], f"final status {final['status']}")
    check(final["status"]["label"] and "trả" in final["status"]["label"].lower(), "the result is returned")

    # The notices are huey jobs: the worker process sends them through Redis, not the web process.
    deadline = time.monotonic() + 90
    texts = []
    while time.monotonic() < deadline:
        outbox = stack.tmp / "sms.jsonl"
        texts = (
            [json.loads(line)["text"] for line in outbox.read_text().splitlines()] if outbox.exists() else []
        )
        if any(code in t and "đã được trả" in t for t in texts):
            break
        time.sleep(1)
    check(
        any(code in t and "đã được trả" in t for t in texts),
        f"the worker texted the applicant ({len(texts)} SMS)",
    )
    lines = [line for line in stack.log("web").splitlines() if line.startswith("{")]
    check(
        lines and all(json.loads(line)["level"] for line in lines), f"web logs are JSON lines ({len(lines)})"
    )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main() -> int:
    for tool in ("caddy",):
        if not shutil.which(tool):
            print(f"{tool} is missing: apt-get install {tool}", file=sys.stderr)
            return 2
    stack = Stack()
    admin = psycopg.connect(f"{PG}/postgres", autocommit=True)
    redis.Redis.from_url(REDIS_URL).flushdb()
    try:
        admin.execute(f'CREATE DATABASE "{stack.db}"')
        print("== migrate, collectstatic, load_demo (cms.settings.production)")
        stack.manage("migrate", "--noinput")
        stack.manage("collectstatic", "--noinput", "--verbosity", "0")
        stack.manage("load_demo")
        token = stack.manage("api_token", "admin").strip()
        print("== start caddy → gunicorn, and a huey consumer")
        stack.start(
            "web", [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "cms.wsgi"]
        )
        stack.start("worker", [PY, "manage.py", "run_huey", "--workers", "2", "--worker-type", "thread"])
        stack.start(
            "caddy",
            ["caddy", "run", "--config", "deploy/Caddyfile", "--adapter", "caddyfile"],
            DOMAIN=f"localhost:{stack.https_port}",
            TLS="internal",
            UPSTREAM=f"127.0.0.1:{stack.web_port}",
            HTTP_PORT=str(stack.http_port),
            HTTPS_PORT=str(stack.https_port),
            CADDY_ADMIN=f"127.0.0.1:{stack.admin_port}",
            XDG_DATA_HOME=str(stack.tmp / "caddy"),
            XDG_CONFIG_HOME=str(stack.tmp / "caddy-config"),
            HOME=str(stack.tmp),
        )
        print("== drive one dossier over HTTPS")
        drive(stack, token)
        print("== stack OK")
        return 0
    except (AssertionError, SystemExit) as exc:
        print(f"stack FAILED: {exc}", file=sys.stderr)
        for name in stack.processes:
            print(f"--- {name} log (tail)\n{stack.log(name)[-2500:]}", file=sys.stderr)
        return 1
    finally:
        stack.stop()
        admin.execute(f'DROP DATABASE IF EXISTS "{stack.db}" WITH (FORCE)')
        admin.close()
        redis.Redis.from_url(REDIS_URL).flushdb()
        shutil.rmtree(stack.tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
