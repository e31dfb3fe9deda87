"""Benchmark: citizens' dossiers received while a 50,000-row appendix is applied (issue 11, item 4).

    .venv/bin/python bench/import/writes_during_apply.py [--db sqlite,postgres] [--rows 50000]
        [--interval 0.1] [--port 8765]

For each database (a fresh SQLite file; a PostgreSQL database created and dropped at 127.0.0.1, user
postgres): migrate, seed the bench catalog (bench/import/child.py) and one desk officer with an API token,
start `manage.py runserver` on 127.0.0.1, then POST a dossier to `/api/v1/dossiers/` every `interval`
seconds (each request in its own thread, so one slow answer does not delay the next) for a few idle seconds,
then while `manage.py import_appendix` applies the generated appendix in another process.

Prints, idle and during the apply: requests, errors (anything but 201, with "database is locked" counted),
p50 / p95 / max latency, and the apply's duration. The target is 0 errors and no request waiting more than
2 s because of the import. Asserts nothing; every loop is bounded (the apply by --max-seconds).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PY = sys.executable


def _sibling(name: str):
    """A module beside this file (`bench/import` cannot be imported by name: `import` is a keyword)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        f"bench_import_{name}", Path(__file__).with_name(f"{name}.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def setup() -> None:
    """(In the bench's environment) seed the catalog, a center, a procedure and a desk officer; print JSON."""
    import io

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.core.management import call_command

    from bench.dossiers.generate import make_catalog
    from workflows.models import Officer

    _sibling("child").seed()
    agency, center, procedure = make_catalog(1)[0]
    user, _ = get_user_model().objects.get_or_create(username="bench-desk")
    user.user_permissions.add(Permission.objects.get(codename="act_on_dossier"))
    Officer.objects.get_or_create(user=user, defaults={"agency": agency, "center": center})
    out = io.StringIO()
    call_command("api_token", "bench-desk", stdout=out, stderr=io.StringIO())
    print(json.dumps({"token": out.getvalue().strip(), "procedure": procedure.code, "center": center.code}))


def environment(database_url: str, work: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "HUEY_SQLITE_PATH": str(work / "huey.sqlite3"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        "MEDIA_ROOT": str(work / "media"),
        "IMPORT_MAX_BYTES": str(200 * 1024 * 1024),
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)  # huey keeps its own file: the bench measures the main database only
    return env


class Client:
    """POST a dossier every `interval` seconds until stopped; each sample is (sent at, seconds, status, error)."""

    def __init__(self, url: str, token: str, body: dict, interval: float) -> None:
        self.url, self.interval = url, interval
        self.headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
        self.body = body
        self.samples: list[tuple[float, float, int, str]] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()

    def _post(self, number: int) -> None:
        body = {**self.body, "applicant": {**self.body["applicant"], "name": f"Nguyễn Văn Đo Tải {number}"}}
        request = urllib.request.Request(
            self.url, data=json.dumps(body).encode(), headers=self.headers, method="POST"
        )
        started = time.time()
        status, error = 0, ""
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            status, error = exc.code, exc.read()[:300].decode(errors="replace")
        except OSError as exc:
            error = str(exc)
        with self._lock:
            self.samples.append((started, time.time() - started, status, error))

    def run(self, max_seconds: float) -> None:
        deadline = time.monotonic() + max_seconds
        with ThreadPoolExecutor(max_workers=64) as pool:
            number = 0
            next_at = time.monotonic()
            while not self._stop.is_set() and time.monotonic() < deadline:
                pool.submit(self._post, number)
                number += 1
                next_at += self.interval
                time.sleep(max(0.0, next_at - time.monotonic()))

    def stop(self) -> None:
        self._stop.set()


def figures(label: str, samples: list) -> None:
    if not samples:
        print(f"  {label:<14} no request")
        return
    latencies = sorted(s[1] * 1000 for s in samples)
    errors = [s for s in samples if s[2] != 201]
    locked = [s for s in errors if "locked" in s[3]]

    def q(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))]

    over = sum(1 for value in latencies if value > 2000)
    # With DEBUG off the body of a 500 is generic: the server log (printed below) names the cause.
    print(
        f"  {label:<14} n={len(samples):4}  errors {len(errors):3} ('locked' in the body {len(locked)})  "
        f"p50 {q(0.5):7.1f} ms  p95 {q(0.95):7.1f} ms  max {latencies[-1]:7.1f} ms  over 2 s: {over}"
    )
    for sample in errors[:3]:
        print(f"      e.g. status {sample[2]}: {sample[3][:160]}")


def wait_until_up(url: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # any answer means the server is up
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not start")


def one_database(kind: str, args, appendix: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"motcua-bench-writes-{kind}-"))
    pg_name = f"motcua_bench_writes_{os.getpid()}"
    if kind == "sqlite":
        url = f"sqlite:///{work / 'db.sqlite3'}"
    else:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", pg_name], check=True)
        url = f"postgres://postgres@127.0.0.1:5432/{pg_name}"
    env = environment(url, work)
    server = None
    try:
        subprocess.run([PY, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"], env=env, check=True)
        seeded = subprocess.run(
            [PY, __file__, "--setup"], env=env, check=True, capture_output=True, text=True
        ).stdout
        info = json.loads(seeded.strip().splitlines()[-1])
        server = subprocess.Popen(
            [PY, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{args.port}", "--noreload"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(work / "server.log").open("w"),
        )
        base = f"http://127.0.0.1:{args.port}"
        wait_until_up(base + "/healthz")
        body = {
            "procedure": info["procedure"],
            "center": info["center"],
            "channel": "direct",
            "applicant": {"name": "", "id_number": "022190009876", "phone": "0911222333"},
        }
        client = Client(base + "/api/v1/dossiers/", info["token"], body, args.interval)
        thread = threading.Thread(target=client.run, args=(args.max_seconds + 60,), daemon=True)
        thread.start()
        time.sleep(args.idle)
        started = time.time()
        done = subprocess.run(
            [PY, str(ROOT / "manage.py"), "import_appendix", str(appendix), "--json"],
            env=env,
            capture_output=True,
            text=True,
            timeout=args.max_seconds,
            check=False,
        )
        finished = time.time()
        time.sleep(1.0)
        client.stop()
        thread.join(timeout=120)
        report = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {}
        print(
            f"\n== {kind}: apply of {appendix.name}: exit {done.returncode}, {finished - started:.1f} s, "
            f"created {report.get('created')}, errors {len(report.get('errors', []))}"
        )
        figures("idle", [s for s in client.samples if s[0] < started])
        figures("during apply", [s for s in client.samples if started <= s[0] <= finished])
        if any(s[2] != 201 for s in client.samples):
            causes = [
                line
                for line in (work / "server.log").read_text().splitlines()
                if "Error" in line and "File" not in line
            ]
            locked = (work / "server.log").read_text().count("OperationalError: database is locked")
            print(
                f"  server log: {locked} 'database is locked'; last errors:",
                *dict.fromkeys(causes[-20:]),
                sep="\n    ",
            )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        if kind == "postgres":
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", pg_name], check=False
            )
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    if "--setup" in sys.argv:
        setup()
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--idle", type=float, default=5.0, help="seconds of requests before the apply starts")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--max-seconds", type=float, default=900.0, help="the apply's bound")
    args = parser.parse_args()
    appendix = _sibling("bench_import").generate(args.rows)
    print(f"Dossier POSTs every {args.interval * 1000:.0f} ms while {args.rows:,} rows are applied.")
    for kind in args.db.split(","):
        one_database(kind.strip(), args, appendix)


if __name__ == "__main__":
    main()
