"""Read an uploaded file in a child process with a memory and a time limit.

The pre-parse checks refuse every oversized or malformed file we know of, but the parsers (calamine is
Rust, its allocator aborts the process on failure) must not be able to take the web server or the job
worker down with them when a file gets past the checks: `read_isolated` runs `open_workbook` in a fresh
Python process (`python -m importers.reading.isolation`, no Django, no inherited state) whose address
space (RLIMIT_AS) and CPU time (RLIMIT_CPU) are capped, with a wall-clock timeout on top. A child that
dies, runs out of memory or out of time becomes :class:`ReaderCrashed`, an :class:`UnreadableFile` with a
Vietnamese message; the caller counts these (a run that crashed twice is quarantined).

The child's answer is a pickle of the :class:`Workbook`: the child runs our code with our privileges, so
unpickling its output opens nothing new, and the unpickler still accepts only the reader's own classes
and the date/time types a cell may hold.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import resource
import signal
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

from .containers import Limits
from .errors import UnreadableFile
from .sheets import Workbook

__all__ = ["ReaderCrashed", "read_isolated"]

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
_ALLOWED = {
    ("importers.reading.sheets", "Workbook"),
    ("importers.reading.sheets", "Sheet"),
    ("importers.reading.sheets", "MergedRange"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("builtins", "frozenset"),
    ("builtins", "set"),
}
_MSG_CRASHED = (
    "Không đọc được tệp: trình đọc bảng tính bị dừng đột ngột khi xử lý tệp này (tệp có thể bị hỏng "
    "hoặc được tạo ra để gây lỗi). Chưa ghi dữ liệu nào. Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx "
    "rồi tải lên lại."
)


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


class _ReaderUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a reader type")
        return super().find_class(module, name)


def read_isolated(
    data: bytes, filename: str, limits: Limits, *, memory_mb: int = 2048, timeout: float = 120.0
) -> Workbook:
    """`open_workbook(data, filename, limits=limits)` in a limited child; raises UnreadableFile."""
    header = json.dumps(
        {"filename": filename, "limits": asdict(limits), "memory_mb": memory_mb, "cpu_seconds": timeout}
    ).encode()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTHON"))}
    env["PYTHONPATH"] = _PACKAGE_ROOT
    try:
        done = subprocess.run(
            [sys.executable, "-m", "importers.reading.isolation"],
            input=len(header).to_bytes(4, "big") + header + data,
            capture_output=True,
            timeout=timeout,
            env=env,
            cwd=_PACKAGE_ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ReaderCrashed("read_timeout", _timeout_message(timeout)) from exc
    if done.returncode == 0 and done.stdout:
        try:
            kind, *payload = _ReaderUnpickler(io.BytesIO(done.stdout)).load()
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError) as exc:
            raise ReaderCrashed("reader_crashed", _MSG_CRASHED) from exc
        if kind == "ok":
            return payload[0]
        code, message = payload
        if code == "read_memory":
            raise ReaderCrashed(code, _memory_message(memory_mb))
        raise UnreadableFile(code, message)
    if done.returncode == -signal.SIGXCPU:
        raise ReaderCrashed("read_timeout", _timeout_message(timeout))
    raise ReaderCrashed("reader_crashed", _MSG_CRASHED)


def _child() -> None:
    """The child's side: limits first, then read stdin, answer one pickle on stdout."""
    stdin = sys.stdin.buffer
    size = int.from_bytes(stdin.read(4), "big")
    header = json.loads(stdin.read(size))
    memory = header["memory_mb"] * 1024 * 1024
    cpu = int(header["cpu_seconds"]) + 1
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash must not write a core file per upload
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    data = stdin.read()
    from .safety import open_workbook  # after the limits: importing calamine maps memory too

    try:
        answer: tuple = ("ok", open_workbook(data, header["filename"], limits=Limits(**header["limits"])))
    except UnreadableFile as exc:
        answer = ("error", exc.code, exc.message_vi)
    except MemoryError:
        answer = ("error", "read_memory", "")
    del data
    sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _child()
