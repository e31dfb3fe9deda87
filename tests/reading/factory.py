"""Builders of test workbooks, written to a temporary directory: no binary file is committed.

Normal tables are written with openpyxl; the traps openpyxl cannot produce (an under-reported
``<dimension>``, cached formula values, a DOCTYPE, a macro part, a zip bomb, an OLE2 container) are
made by rewriting the saved zip or by assembling bytes by hand.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from openpyxl import Workbook

SHEET1 = "xl/worksheets/sheet1.xml"


def write_rows(
    path: Path, rows: Iterable[Iterable[object]], *, title: str = "Sheet1", merges: Iterable[str] = ()
) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for ref in merges:
        sheet.merge_cells(ref)
    book.save(path)
    return path


def rewrite_zip(
    src: Path, dst: Path, edit: Callable[[str, bytes], bytes | None], *, extra: dict[str, bytes] | None = None
) -> Path:
    """Copy a zip, passing each entry through ``edit(name, data)`` (None drops it), plus ``extra`` entries."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def edit_sheet_xml(src: Path, dst: Path, edit: Callable[[bytes], bytes]) -> Path:
    return rewrite_zip(src, dst, lambda name, data: edit(data) if name == SHEET1 else data)


def with_dimension(src: Path, dst: Path, ref: str) -> Path:
    return edit_sheet_xml(
        src,
        dst,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), xml),
    )


def with_cached_values(src: Path, dst: Path, values: dict[str, object]) -> Path:
    """Give formula cells the cached value Excel would have saved (openpyxl saves none)."""

    def edit(xml: bytes) -> bytes:
        for ref, value in values.items():
            xml = re.sub(
                rb'(<c r="' + ref.encode() + rb'"[^>]*>\s*<f>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?',
                lambda m, v=value: m.group(1) + f"<v>{v}</v>".encode(),
                xml,
            )
        return xml

    return edit_sheet_xml(src, dst, edit)


def with_empty_styled_rows(src: Path, dst: Path, *, last_row: int = 1_000_000, columns: int = 3) -> Path:
    """Append formatted but empty rows down to ``last_row``, as a sheet formatted by whole columns."""

    def edit(xml: bytes) -> bytes:
        start = max(int(n) for n in re.findall(rb'<row r="(\d+)"', xml)) + 1
        cells = "".join(f'<c r="{chr(65 + c)}{{0}}" s="1"/>' for c in range(columns))
        template = f'<row r="{{0}}" s="1" customFormat="1">{cells}</row>'
        rows = "".join(template.format(n) for n in range(start, last_row + 1))
        return xml.replace(b"</sheetData>", rows.encode() + b"</sheetData>")

    return edit_sheet_xml(src, dst, edit)


def with_doctype(src: Path, dst: Path) -> Path:
    doctype = b'<!DOCTYPE x [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    return edit_sheet_xml(
        src,
        dst,
        lambda xml: re.sub(rb"(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or b"") + doctype, xml, count=1),
    )


def with_macro(src: Path, dst: Path) -> Path:
    return rewrite_zip(
        src, dst, lambda name, data: data, extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0fake"}
    )


def zip_bomb(dst: Path, *, size: int = 64 * 1024 * 1024) -> Path:
    """A minimal xlsx whose sheet part inflates to ``size`` bytes of blanks (ratio ~1000:1)."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr(SHEET1, b"<worksheet>" + b" " * size + b"</worksheet>")
    return dst


def ole_container(stream_names: list[str]) -> bytes:
    """A minimal, valid OLE2 compound file (512-byte sectors) whose directory holds these names.

    Sector 0 is the FAT, sector 1 the directory (root entry plus up to three streams). Streams are
    empty: only the names matter to the checks under test.
    """
    assert len(stream_names) <= 3
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))
    directory = bytearray(512)
    for index, (name, kind) in enumerate([("Root Entry", 5)] + [(n, 2) for n in stream_names]):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        base = index * 128
        directory[base : base + len(encoded)] = encoded
        struct.pack_into("<HBB", directory, base + 64, len(encoded), kind, 1)
        struct.pack_into("<III", directory, base + 68, free, free, 1 if index == 0 and stream_names else free)
        struct.pack_into("<IQ", directory, base + 116, end, 0)
    return bytes(header) + fat + bytes(directory)


def ods_bytes(content_body: str) -> bytes:
    """A minimal OpenDocument spreadsheet whose ``office:spreadsheet`` holds ``content_body``."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{content_body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def ods_cell(text: str | None = None, *, number: float | None = None, span: int = 1, repeat: int = 1) -> str:
    attrs = ""
    if span > 1:
        attrs += f' table:number-columns-spanned="{span}"'
    if repeat > 1:
        attrs += f' table:number-columns-repeated="{repeat}"'
    if number is not None:
        return f'<table:table-cell office:value-type="float" office:value="{number}"{attrs}><text:p>{number}</text:p></table:table-cell>'
    if text is None:
        return f"<table:table-cell{attrs}/>"
    return f'<table:table-cell office:value-type="string"{attrs}><text:p>{text}</text:p></table:table-cell>'


def hand_made_xlsx(
    dst: Path, sheet_data: str, *, part: str = "worksheets/sheet1.xml", dimension: str | None = None
) -> Path:
    """A minimal xlsx assembled with zipfile, its one worksheet stored at ``xl/<part>`` whatever the
    extension (the relationship and [Content_Types].xml say where and what it is, as a crafted file would)."""
    extension = part.rsplit(".", 1)[-1]
    worksheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f'<Override PartName="/xl/{part}" ContentType="{worksheet_type}"/>'
            + (
                f'<Default Extension="{extension}" ContentType="{worksheet_type}"/>'
                if extension != "xml"
                else ""
            )
            + "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{rels}"><Relationship Id="rId1" '
            f'Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{office}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="{office}/worksheet" '
            f'Target="{part}"/></Relationships>',
        )
        archive.writestr(
            f"xl/{part}",
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">{dim}'
            f"<sheetData>{sheet_data}</sheetData></worksheet>",
        )
    return dst


def inline_cell(ref: str | None, text: str) -> str:
    """An inline-string cell; ``ref=None`` writes it without ``r`` (placed after the previous one)."""
    r = f' r="{ref}"' if ref else ""
    return f'<c{r} t="inlineStr"><is><t>{text}</t></is></c>'
