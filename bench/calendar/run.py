"""Benchmark: due dates for N dossiers (default 1,000,000) with the engine vs the naive oracle.

    /tmp/probe/bin/python bench/calendar/run.py [--n N] [--sample S] [--seed K]

Dossiers: receipts uniformly random over 2025-01-01 .. 2026-12-31 (any minute, days off included), mixed
budgets (working days incl. fractions and "Trong ngày", working hours, calendar days, no limit), a 15:00
cut-off on a third of them, and 0-2 pauses (a few still open). The engine computes all N; the oracle (a
minute-by-minute walk) runs on a random sample of S dossiers and its time is extrapolated to N; results
must be identical on the sample. Prints figures only; exits 1 on any mismatch.
"""

from __future__ import annotations

import argparse
import random
import sys
import time as clock
from datetime import datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.calendar.oracle import Oracle, naive  # noqa: E402
from workflows.calendar import Budget, Pause, compute_due, default_calendar, due_minute  # noqa: E402

START = datetime(2025, 1, 1)
SPAN_MIN = 2 * 365 * 1440
CHUNK = 100_000


def make_dossier(rng: random.Random) -> tuple:
    received = START + timedelta(minutes=rng.randrange(SPAN_MIN))
    r = rng.random()
    if r < 0.40:
        budget = Budget(rng.choice((0, 0.5, 1, 1.5, 2, 3, 5, 7, 10, 15, 20)), "working_day")
    elif r < 0.60:
        budget = Budget(rng.randint(1, 40), "hour")
    elif r < 0.90:
        budget = Budget(rng.randint(1, 30), "day")
    else:
        budget = Budget()
    cutoff = time(15, 0) if rng.random() < 0.33 else None
    pauses = []
    for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
        start = received + timedelta(minutes=rng.randrange(-1440, 15 * 1440))
        end = None if rng.random() < 0.03 else start + timedelta(minutes=rng.randrange(0, 6 * 1440))
        pauses.append(Pause(start, end, "chờ bổ sung hồ sơ"))
    return received, budget, cutoff, pauses


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--n", type=int, default=1_000_000, help="dossiers for the engine (default 1,000,000)"
    )
    parser.add_argument("--sample", type=int, default=2_000, help="dossiers for the oracle (default 2,000)")
    parser.add_argument("--seed", type=int, default=20260213)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    t0 = clock.perf_counter()
    cal = default_calendar()
    build = clock.perf_counter() - t0
    t0 = clock.perf_counter()
    assert default_calendar() is cal
    cached = clock.perf_counter() - t0
    years = f"{cal.first_year}-{cal.last_year}"
    print(f"calendar: built in {build * 1000:.1f} ms ({years}), cached lookup {cached * 1e6:.1f} µs")

    sample_idx = set(rng.sample(range(args.n), min(args.sample, args.n)))
    sample: list[tuple] = []
    engine_fast = engine_api = 0.0
    engine_sample: dict[int, datetime | None] = {}
    done = 0
    while done < args.n:
        size = min(CHUNK, args.n - done)
        chunk = [make_dossier(rng) for _ in range(size)]  # generation is not timed
        minutes = [cal.minute_of(d[0]) for d in chunk]
        cutoffs = [None if d[2] is None else d[2].hour * 60 + d[2].minute for d in chunk]
        t0 = clock.perf_counter()
        for m, d, cut in zip(minutes, chunk, cutoffs, strict=True):
            due_minute(cal, m, d[1], cut, d[3])
        engine_fast += clock.perf_counter() - t0
        t0 = clock.perf_counter()
        results = [
            compute_due(d[0], d[1], calendar=cal, cutoff=d[2], pauses=d[3], explain=False) for d in chunk
        ]
        engine_api += clock.perf_counter() - t0
        for k, (d, res) in enumerate(zip(chunk, results, strict=True)):
            if done + k in sample_idx:
                sample.append(d)
                engine_sample[len(sample) - 1] = naive(res.due_at)
        done += size

    t0 = clock.perf_counter()
    for d in sample[:10_000]:
        compute_due(d[0], d[1], calendar=cal, cutoff=d[2], pauses=d[3])
    explained = (clock.perf_counter() - t0) / max(1, min(len(sample), 10_000))

    oracle = Oracle()
    t0 = clock.perf_counter()
    expected = [oracle.due(d[0], d[1], d[2], d[3]) for d in sample]
    oracle_time = clock.perf_counter() - t0
    mismatches = [i for i, e in enumerate(expected) if engine_sample[i] != e]

    n, s = args.n, len(sample)
    per_api, per_fast, per_oracle = engine_api / n, engine_fast / n, oracle_time / max(1, s)
    oracle_total = per_oracle * n
    print(f"dossiers: {n:,} (engine, all)   oracle sample: {s:,}")
    print(f"engine compute_due(explain=False): {engine_api:8.2f} s  ({per_api * 1e6:6.2f} µs/dossier)")
    print(f"engine due_minute fast path:       {engine_fast:8.2f} s  ({per_fast * 1e6:6.2f} µs/dossier)")
    print(f"engine compute_due with explanation: {explained * 1e6:6.2f} µs/dossier (measured on the sample)")
    label = "measured" if s == n else f"extrapolated from {s:,} dossiers ({oracle_time:.2f} s measured)"
    print(f"oracle (minute walk):              {oracle_total:8.2f} s  ", end="")
    print(f"({per_oracle * 1e6:9.2f} µs/dossier; {label})")
    ratio_api, ratio_fast = per_oracle / per_api, per_oracle / per_fast
    print(f"speed-up vs oracle: {ratio_api:,.0f}x (compute_due)  {ratio_fast:,.0f}x (fast path)")
    print(f"compared: {s:,} dossiers, mismatches: {len(mismatches)}")
    for i in mismatches[:5]:
        d = sample[i]
        print(f"  MISMATCH received={d[0]} budget={d[1]} cutoff={d[2]} pauses={d[3]}")
        print(f"           engine={engine_sample[i]} oracle={expected[i]}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
