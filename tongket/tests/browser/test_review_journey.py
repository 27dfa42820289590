"""The district manager composes the 2019..2023 interim review and downloads it."""

import io
import re

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from tongket.reviews.tests.conftest import figures  # noqa: F401
from tongket.tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_district_manager_generates_the_review_in_both_formats(page: Page, live_server, figures):  # noqa: F811
    login(page, live_server.url, "district")
    page.get_by_role("link", name="Sơ kết, tổng kết").click()
    page.get_by_label("Giai đoạn").fill("2019..2023")
    page.get_by_label("Thể thức").select_option("state")
    page.locator("#compose").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Báo cáo sơ kết Giai đoạn 2019–2023")
    figure = page.locator("a.figure", has_text="5").first
    expect(figure).to_have_attribute("href", re.compile(r"^/analytics/sources/\?unit=HN-THANHXUAN"))
    page.locator("#generate").click()
    downloads = page.locator("a.download")
    expect(downloads).to_have_count(3, timeout=60_000)
    with page.expect_download() as info:
        downloads.first.click()
    document = Document(io.BytesIO(info.value.path().read_bytes()))
    assert any(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cell.text
        for cell in document.tables[0].rows[0].cells
    )
