"""A citizen on a phone-sized screen submits a declaration in real Chromium (Playwright, Debian's chromium).

Skips with its reason when Playwright or a chromium binary is missing, so `make test` passes without them;
CI installs Debian's chromium (.ci/run). No browser is ever downloaded (`playwright install` is not used).
"""

import re

import pytest

from tests.browser import BROWSER_MARKS, CHROMIUM, sync_api
from tests.factories.forms import pdf_bytes
from workflows.models import Dossier, DossierStatus

from .conftest import nationality_form

pytestmark = BROWSER_MARKS


@pytest.fixture
def form_url(live_server):
    return live_server.url + nationality_form()["page"].url


def test_a_citizen_submits_on_a_phone(form_url, tmp_path):
    # No database access inside the Playwright block: its sync API runs an event loop in this thread.
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="vi-VN"
        )
        page = context.new_page()
        page.goto(form_url)
        expect = sync_api.expect
        expect(page.get_by_role("heading", name="Thông tin thủ tục")).to_be_visible()
        expect(page.get_by_text("05 ngày làm việc")).to_be_visible()

        # The proxy's name shows only when “Ủy quyền” is picked.
        proxy = page.locator('[data-field="nguoi_duoc_uy_quyen"]')
        expect(proxy).to_be_hidden()
        page.get_by_role("radio", name="Ủy quyền").check()
        expect(proxy).to_be_visible()
        page.get_by_role("radio", name="Tự nộp").check()
        expect(proxy).to_be_hidden()

        page.get_by_label("Họ và tên").fill("Nguyễn Văn An")
        page.get_by_label("Số CCCD").fill("02209000123")  # one digit short
        page.get_by_label("Số điện thoại").fill("0912 345 678")
        page.get_by_label("Thư điện tử").fill("an@example.vn")
        # Communes follow the province, fetched from the API.
        province = page.locator('[name="dia_chi_province"]')
        commune = page.locator('[name="dia_chi_commune"]')
        province.select_option("01")
        expect(commune.locator("option", has_text="Phường Ba Đình")).to_have_count(1)
        province.select_option("22")
        expect(commune.locator("option", has_text="Phường Bãi Cháy")).to_have_count(1)
        commune.select_option(label="Phường Bãi Cháy")
        page.locator('[name="dia_chi_detail"]').fill("Số 5 đường Hạ Long")
        page.locator('[name="don_de_nghi"]').set_input_files(
            files=[{"name": "don-de-nghi.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
        )
        page.get_by_role("button", name="Nộp hồ sơ").click()

        # Refused field by field in Vietnamese; what was typed and uploaded is still there.
        expect(page.get_by_text("Số CCCD phải có đúng 12 chữ số (đang có 11).")).to_be_visible()
        expect(page.get_by_label("Họ và tên")).to_have_value("Nguyễn Văn An")
        expect(page.get_by_text("Đã tải lên: don-de-nghi.pdf")).to_be_visible()
        expect(commune).to_have_value(re.compile(r"\d{5}"))

        page.get_by_label("Số CCCD").fill("022090001234")
        page.get_by_role("button", name="Nộp hồ sơ").click()
        expect(page.get_by_role("heading", name="Đã nộp hồ sơ")).to_be_visible()
        code = page.locator("[data-dossier-code]").inner_text().strip()
        expect(page.locator("[data-lookup-secret]")).to_have_text(re.compile(r"^[2-9A-HJKMNP-Z]{8}$"))
        page.screenshot(path=str(tmp_path / "xac-nhan.png"), full_page=True)
        browser.close()

    dossier = Dossier.objects.get()
    assert dossier.code == code
    assert (dossier.status, dossier.channel) == (DossierStatus.NEW, "online")
    assert [c["name"] for c in dossier.components] == ["Đơn đề nghị"]
