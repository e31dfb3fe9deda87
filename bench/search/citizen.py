"""One cell of the citizen question set: the real national catalog on one database (run.py drives it).

    DATABASE_URL=… .venv/bin/python bench/search/citizen.py [--data ../shared/data]

Migrates the (empty) database, writes the 2,642 national procedures with their real codes
(bench/search/national.py), then asks every question of the question sets (bench/search/national.py: citizen,
heldout, heldout2, heldout3, heldout4, heldout5, heldout6, heldout7, heldout8, heldout9, heldout10, heldout11, heldout12, heldout13, heldout14, heldout15, heldout16, heldout17) through the real view (`GET /thu-tuc/?q=`) by the same three methods as measure.py: ours, Wagtail as shipped
(raw names), and the folded `icontains` scan. Per group (`citizen/dev`, `citizen/unseen`, `heldout`, `heldout2`,
`heldout3`, `heldout4`, `heldout5`, `heldout6`, `heldout7`, `heldout8`, `heldout9`, `heldout10`, `heldout11`, `heldout12`, `heldout13`, `heldout14`, `heldout15`, `heldout16`, `heldout17`, and `…/none`, the questions with no answer in the catalog): recall@10, MRR@10, zero-hit, confidently wrong
(results the page does not label approximate, with no accepted answer in the first 10 / first),
p50/p95 of the page over all the questions, and p50/p95 of the search service alone (the search and its
first page of ids, without facets and template).
Prints one JSON object on the last line of standard output.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from huey.contrib.djhuey import HUEY  # noqa: E402

# The test settings run jobs inline; in service the search page only queues its log line (catalog.tasks)
# and a worker writes it after the response. The page is timed as a citizen waits for it: queued, not run.
HUEY.immediate = False

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

import catalog.views  # noqa: E402
from bench.search.measure import (  # noqa: E402
    RESULT_LINK,
    analyze,
    icontains_scan,
    log,
    reindex_raw_names,
    service_latency,
    wagtail_as_shipped,
)
from bench.search.national import load, questions, score  # noqa: E402

# What the page says when it shows guesses rather than answers.
APPROXIMATE_MARKS = ("Có thể bạn muốn tìm", "gần đúng nhất")


def run(client: Client, asked, search) -> dict:
    catalog.views.search_catalog = search
    for question in asked[:3]:  # warm up, not counted
        client.get("/thu-tuc/", {"q": question.text})
    latencies, ranked, approximate = [], [], []
    by_split: dict[str, tuple[list, list, list]] = {}
    for question in asked:
        started = time.perf_counter()
        response = client.get("/thu-tuc/", {"q": question.text})
        latencies.append((time.perf_counter() - started) * 1000)
        html = response.content.decode()
        codes = RESULT_LINK.findall(html)[:10]
        approx = any(mark in html for mark in APPROXIMATE_MARKS)
        ranked.append(codes)
        approximate.append(approx)
        cell = by_split.setdefault(question.group, ([], [], []))
        cell[0].append(codes), cell[1].append(question), cell[2].append(approx)
    latencies.sort()
    return {
        **service_latency([question.text for question in asked], search),
        **{split: score(*cell) for split, cell in sorted(by_split.items())},
        "p50": statistics.median(latencies),
        "p95": latencies[int(0.95 * (len(latencies) - 1))],
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    count = load(args.data)
    analyze()
    log(f"  {count} national procedures loaded and indexed in {time.perf_counter() - started:.1f} s")
    asked = questions()
    client = Client()
    results = {"procedures": count, "questions": len(asked)}
    results["ours"] = run(client, asked, catalog.views.search_catalog)
    results["icontains"] = run(client, asked, icontains_scan)
    reindex_raw_names()
    results["wagtail"] = run(client, asked, wagtail_as_shipped)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
