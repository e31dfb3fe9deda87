"""A citizen pays a dossier's fee through the simulator in real Chromium (issue 13, item 4): the form shows the
online fee, the confirmation offers “Thanh toán”, the simulator's page takes the payment, and the status page
says it is paid. The simulator also notifies our endpoint server to server (a job, against the live server),
so the same payment arrives twice, by the browser's return and by the notification, and is recorded once.

The selectors used here (the “Thanh toán” button, the simulator's “Xác nhận thanh toán”, `[data-fee-status]`)
are the payment step's stable surface for the whole-journey test.
"""

import pytest

from catalog.models import ProcedureChannel
from catalog.services import fees_json
from tests.browser import BROWSER_MARKS, CHROMIUM, sync_api
from tests.eforms.conftest import nationality_form
from tests.factories.forms import pdf_bytes
from workflows.models import Dossier, DossierEvent, DossierStatus, Payment

pytestmark = BROWSER_MARKS

FEE = "Lệ phí: 50.000 đồng/trường hợp"


@pytest.fixture
def form_url(live_server, settings):
    settings.PAYMENT_SIMULATOR_NOTIFY = True
    made = nationality_form()
    ProcedureChannel.objects.create(
        procedure=made["procedure"], channel="online", fee_text=FEE, fees=fees_json(FEE)
    )
    return live_server.url + made["page"].url


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_a_citizen_pays_the_fee_through_the_simulator(form_url, tmp_path, width):
    # No database access inside the Playwright block: its sync API runs an event loop in this thread.
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": width, "height": 844}, locale="vi-VN")
        page = context.new_page()
        expect = sync_api.expect
        page.goto(form_url)
        expect(page.locator("[data-online-fee]")).to_contain_text("50.000 đồng")

        page.get_by_role("radio", name="Tự nộp").check()
        page.get_by_label("Họ và tên").fill("Nguyễn Văn An")
        page.get_by_label("Số CCCD").fill("022090001234")
        page.get_by_label("Số điện thoại").fill("0912 345 678")
        page.get_by_label("Thư điện tử").fill("an@example.vn")
        page.locator('[name="dia_chi_province"]').select_option("22")
        commune = page.locator('[name="dia_chi_commune"]')
        expect(commune.locator("option", has_text="Phường Bãi Cháy")).to_have_count(1)
        commune.select_option(label="Phường Bãi Cháy")
        page.locator('[name="dia_chi_detail"]').fill("Số 5 đường Hạ Long")
        page.locator('[name="don_de_nghi"]').set_input_files(
            files=[{"name": "don-de-nghi.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
        )
        page.get_by_role("button", name="Nộp hồ sơ").click()
        expect(page.get_by_role("heading", name="Đã nộp hồ sơ")).to_be_visible()
        expect(page.locator("[data-awaiting-payment]")).to_contain_text("50.000 đồng")
        code = page.locator("[data-dossier-code]").inner_text().strip()
        page.screenshot(path=str(tmp_path / f"cho-thanh-toan-{width}.png"), full_page=True)

        page.get_by_role("button", name="Thanh toán", exact=True).click()
        expect(page.get_by_role("heading", name="Cổng thanh toán mô phỏng")).to_be_visible()
        expect(page.locator("[data-payment-amount]")).to_have_text("50.000 đồng")
        page.screenshot(path=str(tmp_path / f"cong-mo-phong-{width}.png"), full_page=True)
        page.get_by_role("button", name="Xác nhận thanh toán").click()

        expect(page.get_by_role("heading", name=f"Hồ sơ {code}")).to_be_visible()
        expect(page.locator("[data-fee-status]")).to_contain_text("Đã thanh toán")
        expect(page.get_by_text("Mới đăng ký")).to_be_visible()
        expect(page.get_by_role("button", name="Thanh toán", exact=True)).to_have_count(0)
        page.screenshot(path=str(tmp_path / f"da-thanh-toan-{width}.png"), full_page=True)
        browser.close()

    dossier = Dossier.objects.get(code=code)
    assert dossier.status == DossierStatus.NEW and dossier.received_at is None
    payment = Payment.objects.get(dossier=dossier)
    assert payment.status == Payment.Status.PAID and payment.amount == 50_000
    assert DossierEvent.objects.filter(dossier=dossier, action="payment_received").count() == 1
