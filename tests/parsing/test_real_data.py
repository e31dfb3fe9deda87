"""The parsers on the real public data in ../shared/data (skipped when it is absent)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

MEASURE = Path(__file__).resolve().parents[2] / "bench" / "parsing" / "measure.py"


@pytest.fixture(scope="module")
def measure():
    spec = importlib.util.spec_from_file_location("bench_parsing_measure", MEASURE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cells(measure, shared_data):
    return measure.all_cells(shared_data)


def test_channel_tables_split(cells):
    assert len(cells) > 7000


def test_fees_share(measure, cells):
    tally = measure.measure_fees(cells)
    assert tally.share >= 0.98, tally.unparsed.most_common(20)


def test_processing_times_share_where_the_source_states_a_unit(measure, cells):
    tally = measure.measure_times(cells)
    stated = tally.values - tally.bare
    # Bare figures ("1") lost their unit in the source; only they are allowed to stay unparsed en masse.
    assert (tally.parsed - tally.bare_resolved) / stated >= 0.98, tally.unparsed.most_common(20)
    assert tally.share >= 0.85


def test_codes_decisions_and_levels(measure, shared_data):
    n_codes, ok_codes, n_dec, ok_dec, n_lv, ok_lv = measure._codes(shared_data)
    assert ok_codes / n_codes >= 0.99
    assert ok_dec / n_dec >= 0.99
    assert ok_lv / n_lv >= 0.99
