"""Issue 13's “done when”, in real Chromium: one citizen goes from the procedure's page through the sign-in
(the OpenID Connect simulator), the form (pre-filled from the account), the fee (the payment simulator), a
supplement round, to downloading the
signed result from “Hồ sơ của tôi”; the officers of the same dossier receive it, ask for the supplement,
appraise, approve and attach the result in the admin.

Every step is photographed at phone (390 px) and desktop (1280 px) width, into `JOURNEY_SCREENSHOTS` when set
(for a person to look at), else the test's temporary folder. The downloaded result's signature is verified
against the test certificate after the browser closes (no database access inside the Playwright block: its
sync API runs an event loop in this thread).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from catalog.models import ProcedureChannel, ProcedureComponent
from catalog.services import fees_json
from tests.browser import BROWSER_MARKS, CHROMIUM, sync_api
from tests.citizen.test_result import certificate, result_pdf, verify  # noqa: F401  (certificate: a fixture)
from tests.eforms.conftest import commune_code
from tests.factories.forms import form_index, pdf_bytes
from tests.factories.scenarios import department_desk, officer
from workflows.models import ApplicantDocument, Dossier, DossierStatus, Payment
from workflows.services.setup import LEADER_GROUP, RECEPTION_GROUP, SPECIALIST_GROUP

pytestmark = BROWSER_MARKS

PASSWORD = "mat-khau-thu"  # tests.factories.people.UserFactory's
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
DRAWINGS = "Bản vẽ thiết kế"
FEE = "Lệ phí: 50.000 đồng/giấy phép"


@pytest.fixture
def journey(live_server, certificate, tmp_path):  # noqa: F811
    made = department_desk(
        identifier="000.00.12.H22",
        name="Sở Xây dựng",
        center={"code": "TTPVHCC-H22", "name": "Trung tâm Phục vụ hành chính công tỉnh"},
        procedure=("1.009994", "Cấp giấy phép xây dựng"),
        received_at_center=True,
    )
    procedure = made["procedure"]
    procedure.online_level = "full"
    procedure.save()
    ProcedureComponent.objects.create(procedure=procedure, name="Đơn đề nghị cấp giấy phép", sort_order=0)
    ProcedureComponent.objects.create(procedure=procedure, name=DRAWINGS, required=False, sort_order=1)
    ProcedureChannel.objects.create(procedure=procedure, channel="online", fee_text=FEE, fees=fees_json(FEE))
    form_index()
    admin = ["wagtailadmin.access_admin", "workflows.change_dossier"]
    officer("tiepnhan", made, groups=[RECEPTION_GROUP], perms=admin)
    officer("chuyenvien", made, groups=[SPECIALIST_GROUP], perms=admin)
    officer("lanhdao", made, groups=[LEADER_GROUP], perms=[*admin, "workflows.approve_dossier"])
    shots = Path(os.environ.get("JOURNEY_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    return {
        "url": live_server.url,
        "procedure": procedure,
        "commune": commune_code(),
        "shots": shots,
        "result": result_pdf().read(),
        "downloads": tmp_path,
        "certificate": certificate,
    }


class Camera:
    """Full-page screenshots of each step at both widths, numbered in the order taken."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.count = folder, 0

    def __call__(self, page, name: str, *, reload: bool = False) -> None:
        """`reload`: lay the page out afresh at each width (the admin's sidebar settles its layout on load)."""
        self.count += 1
        before = page.viewport_size
        for label, (width, height) in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            if reload:
                page.reload()
            page.screenshot(path=str(self.folder / f"{self.count:02d}-{name}-{label}.png"), full_page=True)
        page.set_viewport_size(before)


def officer_acts(page, base: str, code: str, username: str, steps: list) -> None:
    """Sign in to the admin as `username`, open the dossier from the list, and take each (action, fill) step."""
    page.context.clear_cookies()  # whoever acted before is signed out
    page.goto(f"{base}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator('form button[type="submit"]').first.click()
    sync_api.expect(page).not_to_have_url(re.compile("/admin/login/"))
    page.goto(f"{base}/admin/dossier/")
    page.get_by_role("link", name=code).first.click()
    for label, fill in steps:
        box = page.locator("details").filter(has=page.locator("summary", has_text=label)).first
        if box.get_attribute("open") is None:
            box.locator("summary").click()
        if fill:
            fill(box)
        box.get_by_role("button", name=label).click()
        sync_api.expect(page.get_by_text(f"Đã thực hiện: {label}.")).to_be_visible()


def test_one_citizen_from_the_procedure_page_to_the_signed_result_and_the_officers_side(journey):
    base, expect = journey["url"], sync_api.expect
    shoot = Camera(journey["shots"])
    procedure_code = journey["procedure"].code
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        phone = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, locale="vi-VN")
        citizen = phone.new_page()
        desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()

        # 1. The procedure's page offers online submission; the form offers the optional sign-in.
        citizen.goto(f"{base}/thu-tuc/{procedure_code}/")
        shoot(citizen, "thu-tuc")
        citizen.get_by_role("link", name="Nộp trực tuyến").first.click()
        expect(citizen.get_by_role("heading", name="Thông tin thủ tục")).to_be_visible()
        shoot(citizen, "bieu-mau-chua-dang-nhap")
        citizen.get_by_role("link", name="Đăng nhập bằng định danh điện tử").click()

        # 2. The simulator stands in for VNeID: the tester picks an identity and consents.
        expect(citizen.get_by_role("heading", name=re.compile("mô phỏng"))).to_be_visible()
        citizen.get_by_role("button", name=re.compile("Nguyễn Văn An")).click()
        expect(citizen.get_by_label("Số định danh cá nhân (CCCD)")).to_have_value("022090001234")
        shoot(citizen, "nha-cung-cap-mo-phong")
        citizen.get_by_role("button", name="Đồng ý đăng nhập").click()

        # 3. Back on the form, signed in, with the applicant's details filled from the account.
        expect(citizen.get_by_text("Đã đăng nhập:")).to_be_visible()
        expect(citizen.locator('[name="ho_va_ten"]')).to_have_value("Nguyễn Văn An")
        expect(citizen.locator('[name="so_cccd"]')).to_have_value("022090001234")
        expect(citizen.locator("[data-online-fee]")).to_contain_text("50.000 đồng")
        citizen.locator('[name="dia_chi_province"]').select_option("22")
        commune = citizen.locator('[name="dia_chi_commune"]')
        expect(commune.locator(f'option[value="{journey["commune"]}"]')).to_have_count(1)
        commune.select_option(journey["commune"])
        citizen.locator('[name="dia_chi_detail"]').fill("Số 5 đường Hạ Long")
        citizen.locator('input[type="file"]').first.set_input_files(
            files=[{"name": "don-de-nghi.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
        )
        shoot(citizen, "bieu-mau-dien-san")
        citizen.get_by_role("button", name="Nộp hồ sơ").click()
        expect(citizen.get_by_role("heading", name="Đã nộp hồ sơ")).to_be_visible()
        code = citizen.locator("[data-dossier-code]").inner_text().strip()
        expect(citizen.locator("[data-awaiting-payment]")).to_contain_text("50.000 đồng")
        shoot(citizen, "da-nop-cho-thanh-toan")

        # 4. The fee, paid at the payment simulator; the dossier then waits for the desk.
        citizen.get_by_role("button", name="Thanh toán", exact=True).click()
        expect(citizen.locator("[data-payment-amount]")).to_have_text("50.000 đồng")
        shoot(citizen, "cong-thanh-toan-mo-phong")
        citizen.get_by_role("button", name="Xác nhận thanh toán").click()
        expect(citizen.locator("[data-fee-status]")).to_contain_text("Đã thanh toán")
        shoot(citizen, "da-thanh-toan")

        # 5. The desk receives it and asks for the drawings.
        def ask_drawings(box):
            box.get_by_label(DRAWINGS).check()
            box.get_by_label("Ghi chú / lý do").fill("Thiếu bản vẽ mặt bằng tầng 1.")

        officer_acts(desk, base, code, "tiepnhan", [("Tiếp nhận hồ sơ", None)])
        officer_acts(desk, base, code, "tiepnhan", [("Yêu cầu bổ sung, hoàn thiện hồ sơ", ask_drawings)])
        shoot(desk, "can-bo-yeu-cau-bo-sung", reload=True)

        # 6. The citizen sees it in “Hồ sơ của tôi” and supplements from the status page.
        citizen.goto(f"{base}/ho-so-cua-toi/")
        expect(citizen.get_by_role("link", name=code)).to_be_visible()
        expect(citizen.get_by_text("Thiếu bản vẽ mặt bằng tầng 1.").first).to_be_visible()
        shoot(citizen, "ho-so-cua-toi-bo-sung")
        citizen.get_by_role("link", name="Bổ sung ngay").click()
        citizen.get_by_label(DRAWINGS).set_input_files(
            files=[{"name": "ban-ve.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
        )
        shoot(citizen, "bo-sung")
        citizen.get_by_role("button", name="Gửi hồ sơ bổ sung").click()
        expect(citizen.get_by_text("Đã gửi hồ sơ bổ sung.")).to_be_visible()

        # 7. Handled, approved, and the signed result attached, by the officers of each step.
        def attach(box):
            box.locator('input[type="file"]').set_input_files(
                files=[{"name": "giay-phep.pdf", "mimeType": "application/pdf", "buffer": journey["result"]}]
            )

        officer_acts(desk, base, code, "tiepnhan", [("Chuyển bước tiếp theo", None)])
        officer_acts(desk, base, code, "chuyenvien", [("Thẩm định xong, chuyển tiếp", None)])
        officer_acts(
            desk,
            base,
            code,
            "lanhdao",
            [("Phê duyệt", None), ("Đính kèm kết quả điện tử (đã ký số)", attach)],
        )
        shoot(desk, "can-bo-da-ky-ket-qua", reload=True)

        # 8. The citizen downloads the signed result from the account's status page.
        citizen.goto(f"{base}/ho-so-cua-toi/")
        expect(citizen.get_by_text("Đã xử lý xong").first).to_be_visible()
        # The signed result is kept among the citizen's reusable documents.
        expect(citizen.get_by_role("link", name=re.compile("Kết quả giải quyết"))).to_be_visible()
        shoot(citizen, "ho-so-cua-toi-co-ket-qua")
        citizen.get_by_role("link", name=code).click()
        shoot(citizen, "trang-ho-so-ket-qua")
        with citizen.expect_download() as caught:
            citizen.get_by_role("link", name=re.compile("Tải kết quả")).click()
        result = journey["downloads"] / "ket-qua.pdf"
        caught.value.save_as(str(result))

        # Signing out ends access: the status page asks for the secret again.
        citizen.goto(f"{base}/ho-so-cua-toi/")
        citizen.get_by_role("button", name="Đăng xuất").click()
        citizen.goto(f"{base}/ho-so-truc-tuyen/ho-so/{code}/")
        expect(citizen.get_by_label("Mã bí mật tra cứu")).to_be_visible()
        browser.close()

    status = verify(result.read_bytes(), journey["certificate"])
    assert status.intact and status.valid and status.trusted
    dossier = Dossier.objects.get(code=code)
    assert (
        dossier.status == DossierStatus.DONE and dossier.online_submission.citizen.id_number == "022090001234"
    )
    assert ApplicantDocument.objects.filter(id_number="022090001234").exists()
    assert Payment.objects.get(dossier=dossier).status == Payment.Status.PAID
    assert [e.action for e in dossier.events.order_by("at", "pk")] == [
        "submit", "payment_received", "receive", "request_supplement", "supplement_submitted", "transfer", "appraise",
        "approve", "attach_result",
    ]  # fmt: skip
