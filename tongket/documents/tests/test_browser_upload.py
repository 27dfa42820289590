"""A district manager uploads a plan in the browser, reads what it cites and confirms a link."""

import pytest
from playwright.sync_api import Page, expect

from tongket.documents.models import ImplementsLink
from tongket.documents.tests.conftest import plan_docx
from tongket.tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_district_uploads_a_plan_sees_its_citations_and_confirms_a_link(
    page: Page, live_server, people, programme, tmp_path
):
    plan = tmp_path / "ke-hoach-09.docx"
    plan.write_bytes(plan_docx())
    login(page, live_server.url, "district")
    page.goto(f"{live_server.url}/documents/upload/")
    page.get_by_label("Tệp văn bản").set_input_files(plan)
    page.get_by_label("Thuộc chương trình").select_option(label=programme.name)
    page.locator("#upload-submit").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch số 09-KH/QU")
    citations = page.locator("#citations")
    expect(citations).to_contain_text("2 văn bản được dẫn")
    expect(citations.locator("tbody tr").nth(0)).to_contain_text("135-KH/TU")
    expect(citations.locator("tbody tr").nth(0)).to_contain_text("Ban Thường vụ Thành ủy")
    expect(citations.locator("tbody tr").nth(1)).to_contain_text("35-NQ/TW")
    expect(citations.locator("tbody tr").nth(1)).to_contain_text("22/10/2018")

    own = ImplementsLink.objects.get(from_document__symbol="09-KH/QU")
    row = page.locator(f"#link-{own.pk}")
    expect(row).to_contain_text("Văn bản này")
    expect(row).to_contain_text("Đề xuất")
    row.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(f"#link-{own.pk}")).to_contain_text("Đã xác nhận")
    # Once confirmed, the only choice left is to take the link out again.
    expect(page.locator(f"#link-{own.pk}").get_by_role("button")).to_have_text(["Gỡ liên kết"])
    own.refresh_from_db()
    assert own.status == "confirmed" and own.decided_by == people.district

    page.goto(f"{live_server.url}/documents/?q=nghi+quyet+35")
    expect(page.locator("#results mark").first).to_have_text("Nghị")


def test_district_adds_the_link_its_plan_never_states(page: Page, live_server, people, tree):
    from tongket.documents.actions import upload_document

    city_plan = upload_document(
        by=people.city,
        name="kh135.docx",
        data=plan_docx(issuer="THÀNH ỦY HÀ NỘI", superior="ĐẢNG BỘ THÀNH PHỐ", number="135-KH/TU"),
        owner=tree.city,
    )
    silent = upload_document(
        by=people.district,
        name="kh12.docx",
        data=plan_docx(
            number="12-KH/QU",
            summary=("về công tác tuyên truyền năm 2020",),
            body=("Ban Thường vụ Quận ủy xây dựng Kế hoạch như sau:",),
        ),
        owner=tree.district,
    )
    login(page, live_server.url, "district")
    page.goto(f"{live_server.url}/documents/{silent.pk}/")
    page.get_by_label("Văn bản này thực hiện văn bản số").fill("135-KH/TU")
    page.get_by_role("button", name="Thêm liên kết").click()
    expect(page.locator(".messages")).to_contain_text("thực hiện Kế hoạch số 135-KH/TU")
    link = ImplementsLink.objects.get(from_document=silent, to_document=city_plan)
    expect(page.locator(f"#link-{link.pk}")).to_contain_text("Đã xác nhận")
    who = people.district.get_full_name() or people.district.username
    expect(page.locator(f"#link-{link.pk}")).to_contain_text(who)
    # The city's plan, now carried out by the district, opens for it, read-only.
    page.locator(f"#link-{link.pk}").get_by_role("link", name="Kế hoạch số 135-KH/TU").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch số 135-KH/TU")
