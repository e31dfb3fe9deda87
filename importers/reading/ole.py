"""Minimal reader of an OLE2 (Compound File Binary) directory: the stream names only.

Legacy ``.xls`` files are OLE2 containers, and so are password-protected ``.xlsx`` files (an
``EncryptedPackage`` stream beside ``EncryptionInfo``, MS-OFFCRYPTO §2.3.4.1) and macro-enabled
``.xls`` files (a ``_VBA_PROJECT_CUR`` storage). Knowing the names is enough to refuse those before
any parser touches the content, so this reads the header, the FAT and the directory chain and nothing
else, with every offset bounds-checked (layout: MS-CFB §2.2-2.6).
"""

from __future__ import annotations

import struct

__all__ = ["OLE_MAGIC", "OleError", "stream_names"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_DIR_ENTRY_SIZE = 128
_HEADER_DIFAT_COUNT = 109


class OleError(ValueError):
    """The container is truncated or inconsistent."""


def _sector(data: bytes, number: int, size: int) -> bytes:
    start = (number + 1) * size
    if number >= 0xFFFFFFFA or start + size > len(data):
        raise OleError(f"sector {number} outside the file")
    return data[start : start + size]


def _fat(data: bytes, size: int) -> list[int]:
    fat_count, _, _, _, first_difat, difat_count = struct.unpack_from("<6I", data, 0x2C)
    fat_sectors = [n for n in struct.unpack_from(f"<{_HEADER_DIFAT_COUNT}I", data, 0x4C) if n < 0xFFFFFFFA]
    per_difat = size // 4 - 1
    next_difat, seen = first_difat, 0
    while next_difat < 0xFFFFFFFA and seen < difat_count:
        entries = struct.unpack(f"<{per_difat + 1}I", _sector(data, next_difat, size))
        fat_sectors.extend(n for n in entries[:per_difat] if n < 0xFFFFFFFA)
        next_difat, seen = entries[per_difat], seen + 1
    fat_sectors = fat_sectors[:fat_count] if fat_count else fat_sectors
    table: list[int] = []
    for number in fat_sectors:
        table.extend(struct.unpack(f"<{size // 4}I", _sector(data, number, size)))
    return table


def stream_names(data: bytes) -> set[str]:
    """Names of every stream and storage in the container, as written (case kept)."""
    if len(data) < 512 or not data.startswith(OLE_MAGIC):
        raise OleError("not an OLE2 container")
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        raise OleError(f"sector shift {shift}")
    size = 1 << shift
    fat = _fat(data, size)
    names: set[str] = set()
    number = struct.unpack_from("<I", data, 0x30)[0]
    # A chain can never be longer than the file has sectors; this also stops a FAT cycle.
    budget = len(data) // size + 1
    while number != _END_OF_CHAIN:
        if number == _FREE or number >= len(fat) or budget <= 0:
            raise OleError("broken directory chain")
        sector = _sector(data, number, size)
        for offset in range(0, size, _DIR_ENTRY_SIZE):
            name_len, kind = struct.unpack_from("<HB", sector, offset + 64)
            if kind == 0 or not 2 <= name_len <= 64:
                continue
            names.add(sector[offset : offset + name_len - 2].decode("utf-16-le", errors="replace"))
        number, budget = fat[number], budget - 1
    return names
