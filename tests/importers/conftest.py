"""Fixtures of the importer tests: a small province in the catalog and the import command's JSON report."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories.scenarios import small_province

Command = Callable[..., tuple[int, dict]]


@pytest.fixture
def province(db):
    """Three levels, a province (the decision issuer) with two departments, and one sector."""
    return small_province()


@pytest.fixture
def run_command(db) -> Command:
    """`manage.py import_appendix PATH --json ARGS…` → (exit status, the printed JSON report)."""

    def run(path: Path | str, *args: str) -> tuple[int, dict]:
        out = io.StringIO()
        with pytest.raises(SystemExit) as exit_info:
            call_command("import_appendix", str(path), "--json", *args, stdout=out, stderr=io.StringIO())
        return exit_info.value.code, json.loads(out.getvalue())

    return run


def crash_on(monkeypatch, row: int, exc: BaseException) -> None:
    """Make the catalog resource raise `exc` on its `row`-th row (a failure, or a worker dying mid-apply)."""
    from importers.resources import ProcedureResource

    original = ProcedureResource.import_row
    seen = []

    def import_row(self, data, loader, **kwargs):
        seen.append(1)
        if len(seen) == row:
            raise exc
        return original(self, data, loader, **kwargs)

    monkeypatch.setattr(ProcedureResource, "import_row", import_row)
