"""One measurement of bench/import, in a fresh process so that its peak memory is its own.

    python bench/import/child.py ours|baseline|bare|seed|reader FILE | SECONDS | STOP_FILE

The database, huey's file and the private media come from the environment the driver sets
(DATABASE_URL, HUEY_SQLITE_PATH, PRIVATE_MEDIA_ROOT). Prints one JSON object on stdout.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402
from import_export import fields, resources, widgets  # noqa: E402
from import_export.formats.base_formats import XLSX  # noqa: E402

from catalog.models import Agency, AgencyLevel, Field, Procedure  # noqa: E402

AGENCIES = [f"Sở Thử nghiệm số {i}" for i in range(1, 21)]
SECTORS = [f"Lĩnh vực thử nghiệm {i}" for i in range(1, 31)]
LEVELS = {"province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã"}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


TEXT = widgets.CharWidget()  # what a ModelResource derives for a text column: an empty cell is ""


class BaselineResource(resources.ModelResource):
    """A plain ModelResource over the same columns, default options: what an admin import would do."""

    code = fields.Field(attribute="code", column_name="Mã số TTHC", widget=TEXT)
    name = fields.Field(attribute="name", column_name="Tên thủ tục hành chính", widget=TEXT)
    agency = fields.Field(
        attribute="agency", column_name="Cơ quan thực hiện", widget=widgets.ForeignKeyWidget(Agency, "name")
    )
    levels = fields.Field(
        attribute="levels",
        column_name="Cấp thực hiện",
        widget=widgets.ManyToManyWidget(AgencyLevel, ",", "name"),
    )
    fields_ = fields.Field(
        attribute="fields", column_name="Lĩnh vực", widget=widgets.ManyToManyWidget(Field, "|", "name")
    )
    processing_time_text = fields.Field(
        attribute="processing_time_text", column_name="Thời hạn giải quyết", widget=TEXT
    )
    fee_text = fields.Field(attribute="fee_text", column_name="Phí, lệ phí", widget=TEXT)
    legal_basis_text = fields.Field(attribute="legal_basis_text", column_name="Căn cứ pháp lý", widget=TEXT)

    class Meta:
        model = Procedure
        import_id_fields = ["code"]
        fields = [
            "code",
            "name",
            "agency",
            "levels",
            "fields_",
            "processing_time_text",
            "fee_text",
            "legal_basis_text",
        ]


def seed() -> dict:
    """The template database: levels, agencies and sectors the generated rows name."""
    for order, (code, name) in enumerate(LEVELS.items(), start=1):
        AgencyLevel.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    province = AgencyLevel.objects.get(code="province")
    for i, name in enumerate(AGENCIES, start=1):
        Agency.objects.get_or_create(
            identifier=f"000.00.{i:02d}.H22", defaults={"name": name, "level": province}
        )
    for i, name in enumerate(SECTORS, start=1):
        Field.objects.get_or_create(code=f"linh-vuc-thu-nghiem-{i}", defaults={"name": name})
    return {"agencies": Agency.objects.count(), "sectors": Field.objects.count()}


def ours(path: Path) -> dict:
    from importers.services import import_file

    before = rss_mb()
    started_at = timezone.now()
    t0 = time.perf_counter()
    report, status = import_file(path)
    wall = time.perf_counter() - t0
    return {
        "status": status,
        "wall": wall,
        "rss_before": before,
        "rss_peak": rss_mb(),
        "created": report.get("created"),
        "updated": report.get("updated"),
        "unchanged": report.get("unchanged"),
        "errors": len(report.get("errors", [])),
        "first_error": (report.get("errors") or [{}])[0].get("message"),
        "written": Procedure.objects.filter(updated_at__gte=started_at).count(),
        "rows": report.get("data_rows"),
    }


def baseline(path: Path, *, bare: bool = False) -> dict:
    """`bare`: with the catalog's search-index receivers disconnected, so that only the engine and the ORM
    are measured (the stricter baseline: ours indexes what it writes, this one then does not)."""
    if bare:
        from django.db.models.signals import post_save

        post_save.disconnect(dispatch_uid="catalog_procedure_index_on_save", sender=Procedure)
    before = rss_mb()
    started_at = timezone.now()
    t0 = time.perf_counter()
    dataset = XLSX().create_dataset(path.read_bytes())
    result = BaselineResource().import_data(dataset, dry_run=False)
    wall = time.perf_counter() - t0
    totals = result.totals
    return {
        "status": 1 if result.has_errors() or result.has_validation_errors() else 0,
        "wall": wall,
        "rss_before": before,
        "rss_peak": rss_mb(),
        "created": totals.get("new"),
        "updated": totals.get("update"),
        "unchanged": totals.get("skip"),
        "errors": len(result.row_errors()) + len(result.invalid_rows),
        "written": Procedure.objects.filter(updated_at__gte=started_at).count(),
        "rows": len(dataset),
    }


def reader(until: str) -> dict:
    """GET the public catalog in a loop (as citizens would) and record each request's latency; `until` is a
    number of seconds, or a file whose appearance stops the loop (at most ten minutes)."""
    from django.test import Client

    client = Client()
    urls = ["/thu-tuc/", "/thu-tuc/?q=giay+phep", "/thu-tuc/?page=3"]
    samples, failures = [], []
    stop = None if until.replace(".", "").isdigit() else Path(until)
    end = time.time() + (600 if stop else float(until))
    i = 0
    while time.time() < end and not (stop and stop.exists()):
        url = urls[i % len(urls)]
        i += 1
        t0 = time.perf_counter()
        try:
            response = client.get(url)
            ok = response.status_code == 200
        except Exception as exc:  # a locked database would surface here
            ok = False
            failures.append(repr(exc)[:200])
        samples.append((time.time(), time.perf_counter() - t0, ok))
    return {"samples": samples, "failures": failures}


def main() -> None:
    mode, arg = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
    if mode == "seed":
        out = seed()
    elif mode == "ours":
        out = ours(Path(arg))
    elif mode == "baseline":
        out = baseline(Path(arg))
    elif mode == "bare":
        out = baseline(Path(arg), bare=True)
    elif mode == "reader":
        out = reader(arg)
    else:
        raise SystemExit(f"unknown mode {mode}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
