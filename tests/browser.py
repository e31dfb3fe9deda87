"""What every browser test shares: Debian's Chromium driven by Playwright, skipped cleanly where either is missing.

A browser test module does `from tests.browser import BROWSER_MARKS, CHROMIUM, sync_api` and sets
`pytestmark = BROWSER_MARKS` (a live server reads committed data, hence `transaction=True`).
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright chưa được cài (pip install playwright)"
)

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"Không có trình duyệt chromium ({CHROMIUM})"),
    pytest.mark.django_db(transaction=True),
]
