"""Measure the catalog parsers on the real public data in ../shared/data (read only, never copied).

Run from the repository root::

    /tmp/probe/bin/python bench/parsing/measure.py [--data PATH] [--limit 50]

For processing times and fees separately it prints the number of values, the share parsed to a
structured value, and the values left unparsed with their counts. Empty cells ("Không có thông tin")
are counted apart and left out of the share: there is nothing to parse. Codes, decision numbers and
levels get a one-line share each.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from catalog.parsing import (  # noqa: E402 - the path above must be set first
    fees_structured,
    is_empty_value,
    normalize_decision_number,
    normalize_procedure_code,
    normalize_text,
    parse_fees,
    parse_levels,
    parse_processing_time,
    split_channel_table,
)

DEFAULT_DATA = Path(ROOT.parent / "shared" / "data")
_BARE_RE = re.compile(r"^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class Cell:
    """One channel's time and fee cells; ``hint`` (its description and its table's other time cells,
    one per line) may lend a unit to a bare time figure."""

    source: str
    time: str
    fee: str
    hint: str


def national_cells(data: Path) -> Iterator[Cell]:
    """Rows of the flattened channel tables in national/procedures.jsonl.gz."""
    with gzip.open(data / "national" / "procedures.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            rows = split_channel_table(record.get("cach_thuc_thuc_hien"))
            # The other rows' time cells may state the same figure with the unit this one lost.
            siblings = "\n".join(row.time_text for row in rows)
            for row in rows:
                yield Cell("national", row.time_text, row.fee_text, f"{row.description}\n{siblings}")


def bqp_cells(data: Path) -> Iterator[Cell]:
    """Per-channel rows of bqp/procedures/*.json."""
    for path in sorted((data / "bqp" / "procedures").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        rows = (record.get("tables") or {}).get("hinh_thuc_nop") or []
        siblings = "\n".join(row.get("thoi_han_giai_quyet") or "" for row in rows)
        for row in rows:
            hint = f"{row.get('mo_ta') or ''}\n{siblings}"
            yield Cell("bqp", row.get("thoi_han_giai_quyet") or "", row.get("phi_le_phi") or "", hint)


def all_cells(data: Path) -> list[Cell]:
    return [*national_cells(data), *bqp_cells(data)]


@dataclass
class Tally:
    """Counts for one kind of value."""

    values: int = 0
    parsed: int = 0
    empty: int = 0
    unparsed: Counter[str] = field(default_factory=Counter)
    by_source: Counter[str] = field(default_factory=Counter)
    #: Values that are a figure with no unit at all (``1``): how many, and how many a hint resolved.
    bare: int = 0
    bare_resolved: int = 0

    def add(self, source: str, text: str, *, is_empty: bool, ok: bool) -> None:
        if is_empty:
            self.empty += 1
            return
        self.values += 1
        self.by_source[source] += 1
        if ok:
            self.parsed += 1
        else:
            self.unparsed[normalize_text(text)[:140]] += 1

    @property
    def share(self) -> float:
        return self.parsed / self.values if self.values else 1.0


def measure_times(cells: list[Cell]) -> Tally:
    tally = Tally()
    for cell in cells:
        time = parse_processing_time(cell.time, hint=cell.hint)
        empty = not time.parsed and is_empty_value(cell.time)
        tally.add(cell.source, cell.time, is_empty=empty, ok=time.parsed)
        if _BARE_RE.match(normalize_text(cell.time)) and not time.no_limit:
            tally.bare += 1
            tally.bare_resolved += time.parsed
    return tally


def measure_fees(cells: list[Cell]) -> Tally:
    tally = Tally()
    for cell in cells:
        fees = parse_fees(cell.fee)
        tally.add(cell.source, cell.fee, is_empty=not fees, ok=fees_structured(fees))
    return tally


def _codes(data: Path) -> tuple[int, int, int, int, int, int]:
    """(codes, valid codes, decisions, parsed decisions, level cells, parsed level cells)."""
    codes: list[str] = []
    decisions: list[str] = []
    levels: list[str] = []
    with gzip.open(data / "national" / "procedures.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            codes.append(record["ma_thu_tuc"])
            decisions.append(record["so_quyet_dinh"])
            levels.append(record["cap_thuc_hien"])
    for path in sorted((data / "bqp" / "procedures").glob("*.json")):
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata") or {}
        codes.append(meta.get("mã_thủ_tục", ""))
        decisions.append(meta.get("số_quyết_định", ""))
        levels.append(meta.get("cấp_thực_hiện", ""))
    ketqua = data / "phutho" / "ketqua.csv"
    if ketqua.exists():
        for line in ketqua.read_text(encoding="utf-8").splitlines():
            parts = line.split("|")
            if len(parts) >= 8 and parts[7].strip():
                codes.append(parts[7])
    codes = [c for c in codes if c]
    decisions = [d for d in decisions if not is_empty_value(d)]
    levels = [lv for lv in levels if lv]
    return (
        len(codes),
        sum(normalize_procedure_code(c) is not None for c in codes),
        len(decisions),
        sum(normalize_decision_number(d) is not None for d in decisions),
        len(levels),
        sum(bool(parse_levels(lv)) for lv in levels),
    )


def _report(title: str, tally: Tally, limit: int) -> None:
    sources = ", ".join(f"{name} {count}" for name, count in sorted(tally.by_source.items()))
    print(f"\n== {title}")
    print(f"values: {tally.values} ({sources}); empty cells left out: {tally.empty}")
    print(f"parsed to a structured value: {tally.parsed} = {tally.share:.2%}")
    if tally.bare:
        stated = tally.values - tally.bare
        print(
            f"bare figures with no unit in the source: {tally.bare}, "
            f"unit lent by a hint: {tally.bare_resolved}; "
            f"share among the {stated} values that state a unit or a limit: "
            f"{(tally.parsed - tally.bare_resolved) / stated:.2%}"
        )
    print(f"unparsed: {tally.values - tally.parsed} ({len(tally.unparsed)} distinct)")
    for text, count in tally.unparsed.most_common(limit):
        print(f"  {count:5d}  {text!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=50, help="unparsed values to list")
    args = parser.parse_args(argv)
    if not (args.data / "national").is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    cells = all_cells(args.data)
    _report("Processing times", measure_times(cells), args.limit)
    _report("Fees", measure_fees(cells), args.limit)
    n_codes, ok_codes, n_dec, ok_dec, n_lv, ok_lv = _codes(args.data)
    print("\n== Codes and labels")
    print(f"procedure codes valid: {ok_codes}/{n_codes} = {ok_codes / n_codes:.2%}")
    print(f"decision numbers parsed: {ok_dec}/{n_dec} = {ok_dec / n_dec:.2%}")
    print(f"level cells with a level: {ok_lv}/{n_lv} = {ok_lv / n_lv:.2%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
