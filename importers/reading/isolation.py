"""Read an uploaded file in a child process with a memory and a time limit, its records streamed back.

The pre-parse checks refuse every oversized or malformed file we know of, but the parsers (calamine is
Rust, its allocator aborts the process on failure) must not be able to take the web server or the job
worker down with them when a file gets past the checks: `read_table_isolated` runs `open_workbook`, finds the
profile's table and walks its rows in a fresh Python process (`python -m importers.reading.isolation`, no
Django, no inherited state) whose address space (RLIMIT_AS), CPU time (RLIMIT_CPU) and output (RLIMIT_FSIZE)
are capped, with a wall-clock timeout on top. A child that dies, runs out of memory or out of time becomes
:class:`ReaderCrashed`, an :class:`UnreadableFile` with a Vietnamese message; the caller counts these (a run
that crashed twice is quarantined).

The child answers in a spool, an unnamed temporary file (:mod:`.spool`): the records a chunk at a time, then
the table's description. The importer opens the spool only once the child has exited cleanly, so a child
killed midway yields nothing but the refusal, and reads the records lazily from it; the spool has no name,
so it is gone once closed, or when the importing process dies.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from .containers import Limits
from .errors import ReadingError, TableNotFound, UnreadableFile
from .spool import (
    ChildRefused,
    SpoolDamaged,
    SpooledTable,
    error_answer,
    open_spool,
    write_answer,
    write_table,
)

__all__ = ["ReaderCrashed", "read_table_isolated"]

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
_ERRORS = {cls.__name__: cls for cls in (ReadingError, UnreadableFile, TableNotFound)}
_MSG_CRASHED = (
    "Không đọc được tệp: trình đọc bảng tính bị dừng đột ngột khi xử lý tệp này (tệp có thể bị hỏng "
    "hoặc được tạo ra để gây lỗi). Chưa ghi dữ liệu nào. Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx "
    "rồi tải lên lại."
)
#: The spool may grow to this many times the child's memory limit (records repeat the workbook's shared texts).
_SPOOL_PER_MEMORY = 2


class ReaderCrashed(UnreadableFile):
    """The child reading the file died, ran out of memory or out of time (not a plain refusal)."""


def _memory_message(limit_mb: int) -> str:
    return (
        f"Không đọc được tệp: việc đọc cần nhiều bộ nhớ hơn giới hạn cho phép ({limit_mb} MB). "
        "Chưa ghi dữ liệu nào. Hãy chỉ giữ lại trang tính và vùng bảng cần nhập rồi tải lên lại."
    )


def _timeout_message(seconds: float) -> str:
    return (
        f"Không đọc được tệp: việc đọc kéo dài quá {seconds:g} giây nên đã bị dừng. Chưa ghi dữ liệu nào. "
        "Hãy chỉ giữ lại trang tính và vùng bảng cần nhập rồi tải lên lại."
    )


def read_table_isolated(
    data: bytes,
    filename: str,
    limits: Limits,
    profile: str = "auto",
    *,
    memory_mb: int = 2048,
    timeout: float = 120.0,
) -> SpooledTable:
    """The table of `profile` (a name of PROFILES, or "auto" to detect it) in the file, read in a limited child.

    Raises UnreadableFile (ReaderCrashed when the child died), TableNotFound or ReadingError as reading in
    this process would. The caller closes the returned table (a context manager), which removes the spool.
    """
    header = json.dumps(
        {
            "filename": filename,
            "limits": asdict(limits),
            "profile": profile,
            "memory_mb": memory_mb,
            "cpu_seconds": timeout,
        }
    ).encode()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTHON"))}
    env["PYTHONPATH"] = _PACKAGE_ROOT
    spool = tempfile.TemporaryFile(prefix="motcua-import-")  # noqa: SIM115 - handed to the SpooledTable
    try:
        return _run_child(spool, len(header).to_bytes(4, "big") + header + data, env, memory_mb, timeout)
    except BaseException:
        spool.close()
        raise


def _run_child(spool, message: bytes, env: dict[str, str], memory_mb: int, timeout: float) -> SpooledTable:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "importers.reading.isolation"],
            input=message,
            stdout=spool,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            env=env,
            cwd=_PACKAGE_ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ReaderCrashed("read_timeout", _timeout_message(timeout)) from exc
    if done.returncode == -signal.SIGXCPU:
        raise ReaderCrashed("read_timeout", _timeout_message(timeout))
    if done.returncode != 0:
        raise ReaderCrashed("reader_crashed", _MSG_CRASHED)
    try:
        return open_spool(spool)
    except SpoolDamaged as exc:
        raise ReaderCrashed("reader_crashed", _MSG_CRASHED) from exc
    except ChildRefused as exc:
        if exc.code == "read_memory":
            raise ReaderCrashed(exc.code, _memory_message(memory_mb)) from None
        raise _ERRORS.get(exc.kind, ReadingError)(exc.code, exc.message) from None


def _child() -> None:
    """The child's side: limits first, then read stdin, answer in the spool that is our stdout."""
    stdin = sys.stdin.buffer
    size = int.from_bytes(stdin.read(4), "big")
    header = json.loads(stdin.read(size))
    memory = header["memory_mb"] * 1024 * 1024
    cpu = int(header["cpu_seconds"]) + 1
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash must not write a core file per upload
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (memory * _SPOOL_PER_MEMORY,) * 2)
    data = stdin.read()
    # After the limits: importing calamine maps memory too.
    from .profiles_spec import PROFILES
    from .safety import open_workbook
    from .table import detect_profile, find_table

    out = sys.stdout.buffer
    try:
        workbook = open_workbook(data, header["filename"], limits=Limits(**header["limits"]))
        del data
        name = header["profile"]
        table = find_table(workbook, PROFILES[name] if name != "auto" else detect_profile(workbook))
        write_table(out, table, workbook.warnings)
    except ReadingError as exc:
        write_answer(out, error_answer(exc))
    except MemoryError:
        write_answer(out, ("error", "UnreadableFile", "read_memory", ""))


if __name__ == "__main__":
    _child()
