"""A ward reporter enters and submits, the district approves, the district drills in."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tongket.programmes.demo import seed_programme
from tongket.reporting.models import DataValue, Submission
from tongket.tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scenario(tree, people, settings):  # type: ignore[no-untyped-def]
    settings.TONGKET_TODAY = "2024-01-08"
    return seed_programme(tree.district)


def _slug(key: str) -> str:
    return key.lower().replace(".", "")


def _fill(page: Page, key: str, value: str) -> None:
    cell = page.locator(f"#cell-{_slug(key)}")
    cell.fill(value)
    cell.press("Enter")  # moves to the next cell, which saves this one
    expect(page.locator(f"#status-{_slug(key)}")).to_contain_text("Đã lưu")


def test_ward_enters_and_submits_then_district_approves(
    page: Page, browser: Browser, live_server, scenario
):
    login(page, live_server.url, "ward")
    page.get_by_role("link", name="Nộp “Báo cáo năm của tổ chức cơ sở đảng” Năm 2023").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Báo cáo năm của tổ chức cơ sở đảng")
    _fill(page, "QT_THAMGIA.CBCC", "14")
    _fill(page, "QT_THAMGIA.DV", "1.250")
    _fill(page, "QT_THAMGIA.DOANVIEN", "60")
    _fill(page, "CBCC_TONG", "12")
    _fill(page, "CBCC_DAHOC", "13")
    expect(page.locator("#violations")).to_contain_text("không thể lớn hơn tổng số")
    _fill(page, "CBCC_DAHOC", "12")
    expect(page.locator("#violations")).not_to_contain_text("không thể lớn hơn")
    expect(page.locator("#computed-CBCC_TYLE")).to_have_text("100")
    page.locator("#cell-ctv_co").select_option("1")
    expect(page.locator("#status-ctv_co")).to_contain_text("Đã lưu")
    page.locator("#submit-report").click()
    expect(page.locator("#state")).to_have_text("Đã nộp, chờ duyệt")
    assert DataValue.objects.get(indicator__code="QT_THAMGIA", option="DV").numeric == 1250

    district = browser.new_context(viewport={"width": 1280, "height": 860}).new_page()
    login(district, live_server.url, "district")
    district.get_by_role(
        "link",
        name="Duyệt “Báo cáo năm của tổ chức cơ sở đảng” Năm 2023 của Đảng ủy phường Khương Mai",
    ).click()
    district.locator("#approve-report").click()
    expect(district.locator("#state")).to_have_text("Đã duyệt")
    assert Submission.objects.get().state == "approved"

    # The district manager drills from the district's figure down to the value and who entered it.
    district.goto(f"{live_server.url}/analytics/?indicator=QT_THAMGIA&period=2023")
    table = district.locator("table.pivot")
    expect(table.locator("tr.total")).to_contain_text("1.324")  # 14 + 1.250 + 60
    table.get_by_role("link", name="Đảng ủy phường Khương Mai").click()
    expect(district.locator(".breadcrumb")).to_contain_text("Quận ủy Thanh Xuân")
    table.locator("tr.total a").first.click()
    expect(district.get_by_role("heading", level=1)).to_have_text("Nguồn số liệu")
    expect(district.locator("table")).to_contain_text("Đảng viên1.250")
    expect(district.locator("table")).to_contain_text("ward")
    district.context.close()
