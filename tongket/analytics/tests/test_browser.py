"""The district manager's journey through the figures, in a real browser.

Checks what the server-side tests cannot: htmx swaps the table in place, and the
page (inline SVG charts included) breaks no rule of the content security policy —
the `page` fixture fails the test on any console error.
"""

import pytest
from playwright.sync_api import Page, expect

from tongket.tests.browser.conftest import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tongket.analytics.tests.urls"),
]


def test_district_manager_reads_drills_down_and_traces_a_figure(
    page: Page, live_server, people, classes
):
    login(page, live_server.url, "district")
    page.goto(f"{live_server.url}/analytics/?indicator=HT_LOP&period=2019..2023")
    table = page.locator("table.pivot")
    expect(table.locator("tr.total")).to_contain_text("15")
    expect(page.locator("svg.chart")).to_have_count(2)

    page.get_by_label("Kỳ hoặc giai đoạn").fill("2020")
    page.get_by_role("button", name="Xem bảng").click()
    expect(page.locator("table.pivot thead")).to_contain_text("Năm 2020")
    expect(page.locator("table.pivot thead")).not_to_contain_text("Năm 2019")
    expect(table.locator("tr.total")).to_contain_text("3")
    assert "period=2020" in page.url  # pushed, so that the table can be bookmarked

    table.get_by_role("link", name="Đảng ủy phường Khương Mai").click()
    expect(page.locator(".breadcrumb")).to_contain_text("Quận ủy Thanh Xuân")
    expect(table).to_contain_text("Chi bộ Tổ dân phố số 1")

    table.locator("tr.total a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguồn số liệu")
    expect(page.locator("table")).to_contain_text("admin")
