import pytest
from playwright.sync_api import Page, expect

from tongket.tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ward_reporter_logs_in_and_sees_their_unit(page: Page, live_server, people):
    login(page, live_server.url, "ward")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đảng ủy phường Khương Mai")
    expect(page.locator(".breadcrumb")).to_contain_text("Quận ủy Thanh Xuân")
    expect(page.get_by_text("Chi bộ Tổ dân phố số 1")).to_be_visible()
    expect(page.get_by_role("heading", name="Việc cần làm")).to_be_visible()


def test_wrong_password_shows_a_message_in_vietnamese(page: Page, live_server, people):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("ward")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.locator("#login-submit").click()
    expect(page.get_by_role("alert")).to_contain_text("không đúng")


def test_district_manager_opens_the_tree_and_searches_without_accents(
    page: Page, live_server, people
):
    login(page, live_server.url, "district")
    page.get_by_role("link", name="Đơn vị", exact=True).click()
    page.wait_for_url(f"{live_server.url}/units/")  # waits for load, when htmx is ready
    tree = page.locator(".tree")
    expect(tree).to_contain_text("Đảng ủy phường Khương Mai")
    page.get_by_role("button", name="Mở Đảng ủy phường Khương Mai").click()
    expect(tree).to_contain_text("Chi bộ Tổ dân phố số 1")
    page.get_by_role("searchbox").fill("khuong mai")
    expect(page.locator("#unit-results")).to_contain_text("đơn vị khớp")
    expect(page.locator("#unit-results tbody tr").first).to_contain_text(
        "Đảng ủy phường Khương Mai"
    )
    expect(page.locator("#unit-results")).not_to_contain_text("Bến Nghé")


def test_user_switches_to_english_and_back(page: Page, live_server, people):
    login(page, live_server.url, "ward")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("link", name="Home")).to_be_visible()
    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.get_by_role("link", name="Trang chủ")).to_be_visible()
