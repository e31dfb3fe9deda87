"""Per-question detail of the citizen set: where the first accepted answer ranks, the match quality, and the
first results (`--answers`: the accepted procedures of a miss). A tuning aid for the tuning sets (`citizen`,
`heldout` since the second round, `heldout2` since the third, `heldout4` since the fourth); `heldout3` and the
fourth round's unseen set are for figures only (see their .md): do not tune on what `--set heldout3` shows.

    DATABASE_URL=sqlite:////tmp/national.sqlite3 .venv/bin/python bench/search/explain.py [--load] [--misses]

`--load` migrates the database and writes the 2,642 national procedures (bench/search/national.py); later
runs reuse them (re-run with `--load` on a fresh database after changing what is indexed).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from bench.search.measure import analyze  # noqa: E402
from bench.search.national import load, questions  # noqa: E402
from catalog.models import Procedure  # noqa: E402
from catalog.services import search_catalog  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--load", action="store_true")
    parser.add_argument("--set", default="citizen")
    parser.add_argument("--misses", action="store_true", help="only questions not answered first")
    parser.add_argument("--answers", action="store_true", help="name the accepted answers of a miss")
    args = parser.parse_args()
    if args.load:
        call_command("migrate", verbosity=0)
        print(f"{load(args.data)} procedures loaded", file=sys.stderr)
        # As run.py does: profile.py and these timings then plan with the statistics production has.
        analyze()
    rr = hits = answerable = 0
    for question in questions((args.set,)):
        started = time.perf_counter()
        found = search_catalog(question.text)
        top = list(found.procedures[:10])
        ms = (time.perf_counter() - started) * 1000
        codes = [p.code for p in top]
        rank = next((i for i, c in enumerate(codes, 1) if c in question.accepted), None)
        if not question.no_answer:
            answerable += 1
            hits += rank is not None
            rr += 1 / rank if rank else 0
        if args.misses and (rank == 1 or (question.no_answer and found.quality in ("weak", "none"))):
            continue
        mark = "NONE" if question.no_answer else (rank or "-")
        print(f"[{mark}] {found.quality:<5} {ms:5.0f}ms  {question.text}   ({question.group})")
        for p in top[:3]:
            ok = "*" if p.code in question.accepted else " "
            print(f"      {ok} {p.code} {p.name[:110]}")
        if rank is None and not question.no_answer and args.answers:
            # What should have come: the accepted procedures the first 10 missed.
            for p in Procedure.objects.filter(code__in=question.accepted)[:3]:
                print(f"      = {p.code} {p.name[:110]}")
    print(f"recall@10 {hits / (answerable or 1):.1%}  MRR {rr / (answerable or 1):.2f}  n={answerable}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
