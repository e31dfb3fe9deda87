"""An editor adds a synonym in the admin (real Chromium), and the next public search uses it.

Same setup as tests/forms/test_browser.py: Playwright driving Debian's chromium, skipped with its reason when
either is missing; no browser is ever downloaded.
"""

from tests.browser import BROWSER_MARKS, CHROMIUM, sync_api
from tests.factories import ProcedureFactory, UserFactory

pytestmark = BROWSER_MARKS


def test_an_editor_adds_a_synonym_and_the_next_search_uses_it(live_server):
    ProcedureFactory(code="1.000894", name="Thủ tục đăng ký kết hôn")
    ProcedureFactory(code="1.004873", name="Thủ tục cấp Giấy xác nhận tình trạng hôn nhân")
    editor = UserFactory(superuser=True)
    # No database access inside the Playwright block: its sync API runs an event loop in this thread.
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_context(locale="vi-VN").new_page()
        expect = sync_api.expect

        # Before: "nên duyên" is nobody's wording, the search can only guess.
        page.goto(f"{live_server.url}/thu-tuc/?q=nên+duyên")
        expect(page.locator("a.title", has_text="Thủ tục đăng ký kết hôn")).to_have_count(0)

        page.goto(f"{live_server.url}/admin/login/")
        page.locator('[name="username"]').fill(editor.username)
        page.locator('[name="password"]').fill("mat-khau-thu")
        page.locator('[type="submit"]').click()
        page.goto(f"{live_server.url}/admin/catalog/search-synonyms/new/")
        page.locator('[name="term"]').fill("nên duyên")
        page.locator('[name="replacement"]').fill("kết hôn")
        page.locator('form [type="submit"]').last.click()
        expect(page.get_by_text("nên duyên").first).to_be_visible()

        page.goto(f"{live_server.url}/thu-tuc/?q=nen+duyen")
        expect(page.locator("a.title").first).to_have_text("Thủ tục đăng ký kết hôn")
        browser.close()
