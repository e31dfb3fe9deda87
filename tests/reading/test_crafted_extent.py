"""Issue 11, item 1: a worksheet part that hides its size is refused before calamine sees it.

Calamine follows the workbook's relationships, so a sheet stored as ``xl/worksheets/sheet1.bin`` is
parsed as XML; one value in ``XFD1048576`` there made it allocate 512 GB and abort the process (exit 134).
The reproduction runs the reader in a child process with a 1 GB address-space limit, so that on a
reader without the check the child dies (and the test fails) instead of the test run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from importers.reading.containers import Limits
from importers.reading.safety import UnreadableFile, open_workbook

from . import factory

ROOT = Path(__file__).resolve().parents[2]
FAR = (
    f'<row r="1">{factory.inline_cell("A1", "STT")}</row>'
    f'<row r="1048576">{factory.inline_cell("XFD1048576", "x")}</row>'
)


def _refusal_code(path: Path, **kwargs: object) -> str:
    with pytest.raises(UnreadableFile) as caught:
        open_workbook(path, **kwargs)  # type: ignore[arg-type]
    assert caught.value.message_vi
    return caught.value.code


def _read_in_limited_child(path: Path) -> subprocess.CompletedProcess:
    script = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        sys.path.insert(0, {str(ROOT)!r})
        from importers.reading.safety import open_workbook, UnreadableFile
        try:
            open_workbook({str(path)!r})
        except UnreadableFile as exc:
            print("refused", exc.code)
        else:
            print("read")
        """
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )


def test_renamed_sheet_part_with_the_last_cell_is_refused_without_crashing(tmp_path: Path) -> None:
    path = factory.hand_made_xlsx(
        tmp_path / "evil.xlsx", FAR, part="worksheets/sheet1.bin", dimension="A1:XFD1048576"
    )
    assert path.stat().st_size < 5_000
    done = _read_in_limited_child(path)
    assert done.returncode == 0, f"the reader crashed (exit {done.returncode}): {done.stderr[-500:]}"
    assert done.stdout.split() == ["refused", "too_many_cells"]


def test_renamed_sheet_part_is_refused_by_its_real_extent_without_a_dimension(tmp_path: Path) -> None:
    path = factory.hand_made_xlsx(tmp_path / "evil.xlsx", FAR, part="worksheets/data.bin")
    assert _refusal_code(path) == "too_many_cells"


@pytest.mark.parametrize("part", ["worksheets/sheet1.xml", "worksheets/sheet1.bin", "sheet.dat"])
def test_a_declared_200000_by_300_sheet_is_refused(tmp_path: Path, part: str) -> None:
    small = f'<row r="1">{factory.inline_cell("A1", "STT")}</row>'
    path = factory.hand_made_xlsx(tmp_path / "declared.xlsx", small, part=part, dimension="A1:KN200000")
    with pytest.raises(UnreadableFile) as caught:
        open_workbook(path)
    assert caught.value.code == "too_many_cells"
    assert "200.000 dòng × 300 cột" in caught.value.message_vi


@pytest.mark.parametrize("part", ["worksheets/sheet1.xml", "worksheets/sheet1.bin"])
def test_a_real_200000_by_300_sheet_is_refused(tmp_path: Path, part: str) -> None:
    cells = (
        f'<row r="1">{factory.inline_cell("A1", "STT")}</row>'
        f'<row r="200000">{factory.inline_cell("KN200000", "x")}</row>'
    )
    path = factory.hand_made_xlsx(tmp_path / "real.xlsx", cells, part=part)
    with pytest.raises(UnreadableFile) as caught:
        open_workbook(path)
    assert "200.000 dòng × 300 cột" in caught.value.message_vi


def test_cells_without_references_are_counted_by_position(tmp_path: Path) -> None:
    row = "<row>" + factory.inline_cell(None, "a") * 40 + "</row>"
    path = factory.hand_made_xlsx(tmp_path / "noref.xlsx", row * 30, part="worksheets/sheet1.bin")
    assert _refusal_code(path, limits=Limits(max_cells=1_000)) == "too_many_cells"  # 30 x 40 = 1,200
    assert open_workbook(path, limits=Limits(max_cells=1_200)).sheets[0].height == 30


def test_a_row_reference_then_unreferenced_cells_place_them_on_that_row(tmp_path: Path) -> None:
    rows = f'<row r="1">{factory.inline_cell(None, "STT")}</row><row r="5000">{factory.inline_cell(None, "x")}</row>'
    path = factory.hand_made_xlsx(tmp_path / "rowref.xlsx", rows)
    assert _refusal_code(path, limits=Limits(max_cells=4_999)) == "too_many_cells"
    assert open_workbook(path, limits=Limits(max_cells=5_000)).sheets[0].height == 5000


def test_a_sheet_pointing_at_a_missing_part_is_refused(tmp_path: Path) -> None:
    path = factory.hand_made_xlsx(tmp_path / "ok.xlsx", FAR, part="worksheets/sheet1.bin")
    broken = factory.rewrite_zip(
        path, tmp_path / "broken.xlsx", lambda n, d: None if n.endswith("sheet1.bin") else d
    )
    assert _refusal_code(broken) == "corrupt"


def test_an_ordinary_renamed_sheet_is_still_read(tmp_path: Path) -> None:
    rows = f'<row r="1">{factory.inline_cell("A1", "STT")}{factory.inline_cell("B1", "Tên")}</row>'
    path = factory.hand_made_xlsx(tmp_path / "ok.xlsx", rows, part="worksheets/sheet1.bin", dimension="A1:B1")
    assert open_workbook(path).sheets[0].row(1) == ("STT", "Tên")
