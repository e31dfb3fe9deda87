"""PDF of the statutory forms without system libraries: fpdf2 (pure Python) and a bundled font.

The same Django template as the print view renders in its `pdf` mode (no toolbar, no SVG) and fpdf2's HTML
renderer lays it out on A4 with Source Sans Pro, which covers every Vietnamese letter. What fpdf2 cannot lay
out from HTML is drawn here so the PDF keeps the print view's layout (`tests/workflows/test_form_pdf.py`
compares their page images): the national header's two blocks side by side (never stacked), the signature
blocks side by side, every data table with all its borders. The QR code to the public lookup is drawn as a
PNG in the top right corner.
"""

from __future__ import annotations

import io
import re

import font_source_sans_pro
import qrcode
from fpdf import FPDF
from fpdf.fonts import TextStyle

FONT = "SourceSans"
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)
# The two signature blocks side by side: a CSS grid in print, a two-cell table here (fpdf2's table cells take
# plain text only, so the blocks lose their bold and line breaks).
_SIGN = re.compile(r'<div class="sign"><div>(.*?)</div><div>(.*?)</div></div>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_HEAD = re.compile(r'<div class="head">\s*<div>(.*?)</div>\s*<div>(.*?)</div>\s*</div>', re.DOTALL)
_LINE = re.compile(r"<p([^>]*)>(.*?)</p>", re.DOTALL)
# A data table keeps every border (fpdf2 draws none inside a table without a border attribute).
_TABLE = re.compile(r"<table(?![^>]*border)([^>]*)>")
# fpdf2's table cells take text only: a line break inside one becomes a newline of its text.
_BR = re.compile(r"<br\s*/?>")
_CELL = re.compile(r"<(td|th)([^>]*)>(.*?)</\1>", re.DOTALL)


def _cell(match: re.Match) -> str:
    tag, attrs, text = match.groups()
    return f"<{tag}{attrs}>{_BR.sub(chr(10), text)}</{tag}>"


STYLES = {
    "h1": TextStyle(
        font_family=FONT, font_style="B", font_size_pt=14, color=0, t_margin=4, b_margin=3, l_margin="C"
    ),
    "h2": TextStyle(font_family=FONT, font_style="B", font_size_pt=13, color=0, t_margin=3, b_margin=2),
}


def _text(html: str) -> str:
    return " ".join(_TAG.sub(" ", html).split())


def _signatures(match: re.Match) -> str:
    cells = [_text(cell.replace("<br>", " – ")).strip(" –") for cell in match.groups()]
    return (
        '<table width="100%" border="0"><tr>'
        + "".join(f'<td width="50%" align="center">{cell}</td>' for cell in cells)
        + "</tr></table>"
    )


def _document() -> FPDF:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(20, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    files = font_source_sans_pro.font_files_ttf
    for style, name in (
        ("", "SourceSansPro"),
        ("B", "SourceSansProBold"),
        ("I", "SourceSansProIt"),
        ("BI", "SourceSansProBoldIt"),
    ):
        pdf.add_font(FONT, style, files[name])
    pdf.set_font(FONT, size=13)
    pdf.set_title("Một Cửa")
    pdf.add_page()
    return pdf


def _header(pdf: FPDF, match: re.Match | None) -> None:
    """The two header blocks side by side, each line centred in its half: upper-case lines bold, the date
    line italic, as in the print view's CSS grid."""
    if match is None:
        return
    top, half = pdf.get_y(), pdf.epw / 2
    bottom = top
    for column, block in enumerate(match.groups()):
        pdf.set_xy(pdf.l_margin + column * half, top)
        for attrs, line in _LINE.findall(block):
            upper = "upper" in attrs
            style = "B" if upper or "<strong>" in line else "I" if "<em>" in line else ""
            pdf.set_font(FONT, style, 12)
            text = _text(line)
            pdf.set_x(pdf.l_margin + column * half)
            pdf.multi_cell(half, 6, text.upper() if upper else text, align="C", new_x="LEFT", new_y="NEXT")
        bottom = max(bottom, pdf.get_y())
    pdf.set_font(FONT, "", 13)
    pdf.set_xy(pdf.l_margin, bottom + 2)


def form_pdf(html: str, *, qr_data: str | None = None, title: str = "") -> bytes:
    """A4 PDF bytes of a rendered form page (its <body>), with a QR code when `qr_data` is given."""
    match = _BODY.search(html)
    pdf = _document()
    if title:
        pdf.set_title(title)
    if qr_data:
        buffer = io.BytesIO()
        qrcode.make(qr_data, box_size=4, border=1).save(buffer, format="PNG")
        buffer.seek(0)
        pdf.image(buffer, x=pdf.w - 18 - 24, y=12, w=24, h=24)
    body = match.group(1) if match else html
    _header(pdf, _HEAD.search(body))
    body = _SIGN.sub(_signatures, _HEAD.sub("", body, count=1))
    body = _TABLE.sub(r'<table border="1" cellpadding="2"\1>', body)
    body = _CELL.sub(_cell, body)
    pdf.write_html(body, table_line_separators=True, tag_styles=STYLES)
    return bytes(pdf.output())
