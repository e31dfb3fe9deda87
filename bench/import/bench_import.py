"""Benchmark: importing generated catalog appendices, ours vs a plain django-import-export ModelResource.

    .venv/bin/python bench/import/bench_import.py [--rows 50000,100000] [--no-latency] [--no-baseline]
        [--baseline-repeats-up-to 50000] [--postgres postgres://postgres@127.0.0.1:5432/motcua_bench_import]

For each size: a flat list (header on row 1, so the baseline can read it too) of N procedures naming
existing agencies, levels and sectors. Every case runs in a fresh process (bench/import/child.py) on its own
copy of a freshly migrated database: a SQLite file (WAL, as configured in cms.settings.base) by default, or
with `--postgres URL` a PostgreSQL database created from a migrated template (`createdb -T`; the URL's
database name is the prefix of the databases made, all dropped at the end):

* cold: the command's code path (`import_file`: read, validate and write in one transaction, indexing what it
  writes for search) vs the baseline (`XLSX().create_dataset` + `ModelResource.import_data`, default options).
  The baseline runs with the catalog's search-index receivers disconnected, so it does less than ours (no
  search index); `--baseline-as-shipped` keeps them (each save then indexes its row: about 2.4x slower still);
* re-import of the unchanged file on the database each left behind (ours must write 0 rows);
* a 1 %-changed file (every 100th name edited) on that database (ours must write exactly those rows);
* the public catalog's latency (p50/p95 of GET /thu-tuc/ from another process) idle and while a cold
  import of the largest size runs, with any "database is locked" counted.

Prints figures and ratios against the baseline measured in the same run; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("child.py")
PY = sys.executable
HEADER = ["STT", "Mã số TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan thực hiện", "Cấp thực hiện",
          "Thời hạn giải quyết", "Phí, lệ phí", "Căn cứ pháp lý"]  # fmt: skip
TIMES = ["05 ngày làm việc", "Trong ngày", "30 ngày", "02 giờ", "15 ngày làm việc", "Không quy định"]
FEES = ["Miễn phí", "Lệ phí: 75.000 đồng/giấy phép", "", "50.000 đồng", "Phí: 1.500.000 đồng/hồ sơ"]
LEVELS = ["Cấp tỉnh", "Cấp huyện", "Cấp xã", "Cấp tỉnh, Cấp huyện"]
VERBS = ["Cấp giấy phép", "Đăng ký", "Gia hạn", "Cấp lại", "Điều chỉnh", "Thẩm định", "Công nhận"]
OBJECTS = ["xây dựng nhà ở riêng lẻ", "kinh doanh dịch vụ lữ hành", "hoạt động in", "khai sinh",
           "hành nghề y", "cơ sở giáo dục", "biển hiệu quảng cáo", "nguồn nước"]  # fmt: skip


def generate(rows: int, *, changed_every: int = 0) -> Path:
    """A flat appendix; `changed_every` > 0 edits the name of every such row (the 1 % file uses 100)."""
    path = Path(tempfile.gettempdir()) / f"motcua-bench-import-{rows}-{changed_every}.xlsx"
    if path.exists():
        return path
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách TTHC")
    sheet.append(HEADER)
    for i in range(1, rows + 1):
        name = f"{VERBS[i % 7]} {OBJECTS[i % 8]} (thủ tục số {i})"
        if changed_every and i % changed_every == 0:
            name += " — sửa đổi"
        sheet.append([i, f"{1 + i // 1_000_000}.{i % 1_000_000:06d}", name, f"Lĩnh vực thử nghiệm {1 + i % 30}",
                      f"Sở Thử nghiệm số {1 + i % 20}", LEVELS[i % 4], TIMES[i % 6], FEES[i % 5],
                      f"Luật số {i % 97}/2014/QH13; Nghị định số {i % 89}/2020/NĐ-CP"])  # fmt: skip
    book.save(path)
    return path


class Postgres:
    """Databases named `<prefix>_<name>` on the server of `url`, copied from `<prefix>_template`."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.server = f"{parts.scheme}://{parts.netloc}"
        self.prefix = parts.path.strip("/") or "motcua_bench_import"
        self.args = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432),
                     "-U", parts.username or "postgres"]  # fmt: skip
        self.made: set[str] = set()

    def url(self, name: str) -> str:
        return f"{self.server}/{self.prefix}_{name}"

    def create(self, name: str, template: str | None = None) -> str:
        self.drop(name)
        extra = ["-T", f"{self.prefix}_{template}"] if template else []
        subprocess.run(["createdb", *self.args, *extra, f"{self.prefix}_{name}"], check=True)
        self.made.add(name)
        return self.url(name)

    def drop(self, name: str) -> None:
        subprocess.run(["dropdb", *self.args, "--if-exists", f"{self.prefix}_{name}"], check=True)

    def drop_all(self) -> None:
        for name in [*sorted(self.made - {"template"}), "template"]:
            self.drop(name)


POSTGRES: Postgres | None = None


def database_url(db: Path | str) -> str:
    return db if isinstance(db, str) else f"sqlite:///{db}"


def env_for(db: Path | str, work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": database_url(db),
        "HUEY_SQLITE_PATH": str(work / "huey.sqlite3"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        "MEDIA_ROOT": str(work / "media"),
        "IMPORT_MAX_BYTES": str(200 * 1024 * 1024),
        "LOG_LEVEL": "ERROR",
    }


def child(mode: str, arg: str, db: Path, work: Path) -> dict:
    done = subprocess.run(
        [PY, str(CHILD), mode, arg], env=env_for(db, work), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"child {mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def template_db(work: Path) -> Path | str:
    db = POSTGRES.create("template") if POSTGRES else work / "template.sqlite3"
    env = env_for(db, work)
    subprocess.run([PY, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"], env=env, check=True)
    child("seed", "", db, work)
    return db


def fresh_copy(template: Path | str, work: Path, name: str) -> Path | str:
    if POSTGRES:
        return POSTGRES.create(name, template="template")
    db = work / f"{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, db)
    return db


def line(label: str, ours: dict, base: dict | None, rows: int) -> None:
    rate = rows / ours["wall"]
    text = (
        f"  {label:<22} ours {ours['wall']:7.2f} s {rate:9,.0f} rows/s {ours['rss_peak']:6.0f} MB peak"
        f"  (c/u/n {ours['created']}/{ours['updated']}/{ours['unchanged']}, rows written {ours['written']})"
    )
    print(text)
    if base:
        print(
            f"  {'':<22} base {base['wall']:7.2f} s {rows / base['wall']:9,.0f} rows/s {base['rss_peak']:6.0f} MB peak"
            f"  (c/u/n {base['created']}/{base['updated']}/{base['unchanged']}, rows written {base['written']})"
        )
        print(
            f"  {'':<22} ratio: {base['wall'] / ours['wall']:5.1f}x faster, "
            f"memory {ours['rss_peak'] / base['rss_peak']:4.2f}x of the baseline's peak"
        )


def latency(template: Path, work: Path, path: Path, seconds_idle: float = 8.0) -> None:
    db = fresh_copy(template, work, "latency")
    # Something to browse: the file imported once, then a second file of new codes imported under load.
    child("ours", str(generate(2000)), db, work)
    idle = child("reader", str(seconds_idle), db, work)["samples"]
    stop = work / "stop-reader"
    stop.unlink(missing_ok=True)
    reader = subprocess.Popen(
        [PY, str(CHILD), "reader", str(stop)], env=env_for(db, work), stdout=subprocess.PIPE, text=True
    )
    time.sleep(3.0)  # let it start before the import does
    started = time.time()
    result = child("ours", str(path), db, work)
    finished = time.time()
    stop.touch()
    out, _ = reader.communicate(timeout=120)
    busy_all = json.loads(out.strip().splitlines()[-1]) if out.strip() else {"samples": [], "failures": []}
    busy = [s for s in busy_all["samples"] if started <= s[0] <= finished]

    def p(samples, q):
        values = sorted(s[1] * 1000 for s in samples)
        return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")

    print(f"\nPublic catalog latency (GET /thu-tuc/ from another process; import of {result['rows']:,} rows "
          f"in {result['wall']:.1f} s):")  # fmt: skip
    print(f"  idle   n={len(idle):5}  p50 {p(idle, 0.5):6.1f} ms  p95 {p(idle, 0.95):6.1f} ms")
    print(f"  import n={len(busy):5}  p50 {p(busy, 0.5):6.1f} ms  p95 {p(busy, 0.95):6.1f} ms")
    failed = [s for s in busy if not s[2]]
    locked = [f for f in busy_all["failures"] if "locked" in f]
    print(f"  ratio p95 import/idle {p(busy, .95) / p(idle, .95):4.2f}x; failed requests {len(failed)}, "
          f"'database is locked' {len(locked)}; idle median of {statistics.median([s[1] for s in idle]) * 1000:.1f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", default="50000,100000")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-latency", action="store_true")
    parser.add_argument(
        "--baseline-as-shipped",
        action="store_true",
        help="keep the catalog's per-save search indexing in the baseline (slower; default: disconnected)",
    )
    parser.add_argument(
        "--baseline-repeats-up-to",
        type=int,
        default=50_000,
        help="run the baseline's re-import and 1 %% cases only up to this size (about 4 min each per 50,000 rows)",
    )
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="run on PostgreSQL: postgres://user@host:port/prefix (databases prefix_template, prefix_ours, …)",
    )
    args = parser.parse_args()
    global POSTGRES
    POSTGRES = Postgres(args.postgres) if args.postgres else None
    print(f"Database: {'PostgreSQL ' + POSTGRES.server if POSTGRES else 'SQLite (a file per case)'}")
    sizes = [int(n) for n in args.rows.split(",")]
    base = "baseline" if args.baseline_as_shipped else "bare"
    print(f"Baseline: plain ModelResource, default options, search-index receivers "
          f"{'connected (as shipped)' if args.baseline_as_shipped else 'disconnected (ORM and engine only)'}.")  # fmt: skip
    work = Path(tempfile.mkdtemp(prefix="motcua-bench-import-"))
    print(f"Generating {', '.join(map(str, sizes))}-row appendices (cached in {tempfile.gettempdir()}) …")
    for n in sizes:
        generate(n), generate(n, changed_every=100)
    template = template_db(work)
    for n in sizes:
        print(f"\n{n:,} rows ({generate(n).stat().st_size / 1e6:.1f} MB):")
        ours_db, base_db = fresh_copy(template, work, "ours"), fresh_copy(template, work, "base")
        cold = child("ours", str(generate(n)), ours_db, work)
        base_cold = None if args.no_baseline else child(base, str(generate(n)), base_db, work)
        line("cold import", cold, base_cold, n)
        repeat = not args.no_baseline and n <= args.baseline_repeats_up_to
        again = child("ours", str(generate(n)), ours_db, work)
        base_again = child(base, str(generate(n)), base_db, work) if repeat else None
        line("re-import, unchanged", again, base_again, n)
        changed = child("ours", str(generate(n, changed_every=100)), ours_db, work)
        base_changed = child(base, str(generate(n, changed_every=100)), base_db, work) if repeat else None
        line("1 % changed", changed, base_changed, n)
        if cold.get("errors"):
            print(f"  ! ours reported {cold['errors']} errors: {cold.get('first_error')}")
    if not args.no_latency:
        latency(template, work, generate(sizes[0]), seconds_idle=8.0)
    shutil.rmtree(work, ignore_errors=True)
    if POSTGRES:
        POSTGRES.drop_all()


if __name__ == "__main__":
    main()
