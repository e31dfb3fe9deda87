"""The PDF of a statutory form keeps the layout of its HTML reference (the print view).

The print view is rendered by headless Chromium to a PNG, the PDF by poppler's pdftoppm, both at 96 dpi; the
fonts differ (Times in the browser, the bundled Source Sans in the PDF), so the images are compared by their
layout, with a tolerance: the national header's two blocks side by side (a stacked header was issue 16's
first complaint), the same number of table rules (borders kept), and no blank gap in the PDF much taller
than the largest in the reference. Skips when chromium or pdftoppm is absent (`.ci/run` installs both).
"""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from PIL import Image

from tests.factories import DossierFactory
from tests.workflows.conftest import at
from workflows.forms import FORMS, form_context
from workflows.pdf import form_pdf
from workflows.services import perform_action

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOPPM = shutil.which("pdftoppm")
pytestmark = pytest.mark.skipif(not (CHROMIUM and PDFTOPPM), reason="needs chromium and pdftoppm")
DPI = 96
A4 = (794, 1123)  # pixels at 96 dpi


def ink(image: Image.Image) -> Image.Image:
    """Black on white, cropped to the ink: the two renderers place the page's content differently."""
    grey = image.convert("L").point(lambda v: 255 if v > 160 else 0)
    box = Image.eval(grey, lambda v: 255 - v).getbbox()
    return grey.crop(box)


def rule_rows(image: Image.Image) -> list[int]:
    """Horizontal rules' rows: runs of rows where more than 60 % of the width is dark (a thick one once)."""
    width, height = image.size
    pixels = image.load()
    found, previous = [], False
    for y in range(height):
        dark = sum(1 for x in range(0, width, 2) if pixels[x, y] == 0) * 2 > 0.6 * width
        if dark and not previous:
            found.append(y)
        previous = dark
    return found


def rules(image: Image.Image) -> int:
    return len(rule_rows(image))


def largest_gap(image: Image.Image) -> int:
    width, height = image.size
    pixels = image.load()
    gap = run = 0
    for y in range(height):
        blank = all(pixels[x, y] for x in range(0, width, 2))
        run = run + 1 if blank else 0
        gap = max(gap, run)
    return gap


def header_side_by_side(image: Image.Image) -> bool:
    """The header band's ink is two blocks: a blank column at least 2 mm wide near the middle, with ink on
    both sides (a stacked, centred header has ink across the middle instead)."""
    width, _ = image.size
    band = image.crop((0, 0, width, int(DPI * 0.45)))  # the header's first lines (about 11 mm)
    pixels = band.load()
    inked = [any(pixels[x, y] == 0 for y in range(band.size[1])) for x in range(width)]
    need, run = int(2 * DPI / 25.4), 0
    for x in range(int(0.3 * width), int(0.7 * width)):
        run = 0 if inked[x] else run + 1
        if run >= need:
            return any(inked[: x - run]) and any(inked[x:])
    return False


def chromium_png(html: str, tmp: Path) -> Image.Image:
    page = tmp / "form.html"
    page.write_text(html, encoding="utf-8")
    png = tmp / "html.png"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={png}",
            f"--window-size={A4[0]},{A4[1]}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return Image.open(png)


def pdf_png(pdf: bytes, tmp: Path) -> Image.Image:
    (tmp / "form.pdf").write_bytes(pdf)
    subprocess.run(
        [
            PDFTOPPM,
            "-r",
            str(DPI),
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            "-singlefile",
            tmp / "form.pdf",
            tmp / "pdf",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return Image.open(tmp / "pdf.png")


def supplement_dossier(desk):
    dossier = DossierFactory(
        procedure=desk["procedure"],
        center=desk["center"],
        user=desk["desk"],
        received_at=at(2026, 3, 2, 9, 0),
        components=[
            {"name": "Đơn đề nghị", "originals": 1, "copies": 0},
            {"name": "Bản vẽ thiết kế", "originals": 2, "copies": 0},
        ],
    )
    dossier = perform_action(dossier, "transfer", desk["desk"], now=at(2026, 3, 2, 10, 0))
    return perform_action(
        dossier,
        "request_supplement",
        desk["specialist"],
        note="Bản vẽ thiếu mặt cắt",
        missing=["Đơn đề nghị", "Bản vẽ thiết kế"],
        now=at(2026, 3, 2, 11, 0),
    )


@pytest.mark.parametrize("form", ["supplement_request", "control_slip"])
def test_the_pdf_keeps_the_print_views_layout(desk, tmp_path, form):
    dossier = supplement_dossier(desk)
    request = RequestFactory().get("/")
    # The reference is the print view without its toolbar: the same template in its PDF mode.
    html = render_to_string(FORMS[form].template, form_context(request, dossier, form, pdf=True))
    reference = ink(chromium_png(html, tmp_path))
    printed = ink(pdf_png(form_pdf(html), tmp_path))

    assert header_side_by_side(reference), "the reference's header is not two blocks side by side"
    assert header_side_by_side(printed), "the PDF stacks the national header"
    assert rules(printed) == rules(reference) > 0, "the PDF's tables lost or added borders"
    # No gap: the PDF's largest blank band is at most the reference's plus 8 mm.
    assert largest_gap(printed) <= largest_gap(reference) + 8 * DPI / 25.4
    # The table starts at the same place relative to the content (the fonts' line heights differ, so the
    # PDF's page is denser: positions are compared as fractions of each image's content height).
    where = [rule_rows(image)[0] / image.size[1] for image in (printed, reference)]
    assert abs(where[0] - where[1]) <= 0.12, where
