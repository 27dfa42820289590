"""A ward reporter records a study session on a phone; the district sees coverage rise."""

from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from tongket.activities.models import Activity
from tongket.tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ward_records_a_study_session_and_the_district_sees_coverage_rise(
    page: Page, browser: Browser, live_server, people, tree, record
):
    record(people.ward, tree.ward, kind="study", day=date(2023, 2, 1), CBCC=(6, 12))
    district = page
    login(district, live_server.url, "district")
    district.goto(f"{live_server.url}/analytics/?indicator=HT_CBCC_TYLE&period=2023")
    expect(district.locator("table.pivot tr.total")).to_contain_text("50")

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN").new_page()
    login(phone, live_server.url, "ward")
    phone.goto(f"{live_server.url}/activities/new/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_label("Loại hoạt động").select_option("study")
    phone.get_by_label("Tên hoạt động").fill("Học tập chuyên đề Nghị quyết 35 đợt 2")
    phone.get_by_label("Ngày", exact=True).fill("2023-05-20")
    phone.get_by_label("Văn bản học tập, quán triệt").fill("35-nq/tw")
    phone.get_by_label("Cán bộ chủ chốt").fill("12")
    phone.locator("#id_t_CBCC").fill("12")
    phone.locator("#save-activity").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Học tập chuyên đề Nghị quyết 35 đợt 2"
    )
    expect(phone.locator("body")).to_contain_text("35-NQ/TW")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert Activity.objects.count() == 2

    district.reload()
    expect(district.locator("table.pivot tr.total")).to_contain_text("100")
    phone.context.close()
