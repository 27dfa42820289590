"""A register a secretariat can correct: links added and removed by hand, documents of
the levels above that a unit carries out, and documents named without a number."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from tongket.audit.models import AuditEvent
from tongket.documents.actions import add_link, decide_named, remove_link, upload_document
from tongket.documents.models import Document, ImplementsLink, LinkStatus
from tongket.documents.queries import is_visible, visible_documents
from tongket.documents.tests.conftest import plan_docx


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def city_plan(people, tree, programme):
    return upload_document(
        by=people.city,
        name="kh135.docx",
        data=plan_docx(
            issuer="THÀNH ỦY HÀ NỘI",
            superior="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
            number="135-KH/TU",
            summary=("thực hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị",),
            body=("Thực hiện Nghị quyết số 35-NQ/TW, Thành ủy ban hành Kế hoạch như sau:",),
        ),
        owner=tree.city,
        programme=programme,
    )


@pytest.fixture
def silent_plan(people, tree, city_plan):
    """A district plan whose text never says what it implements."""
    return upload_document(
        by=people.district,
        name="kh12.docx",
        data=plan_docx(
            number="12-KH/QU",
            summary=("về công tác tuyên truyền năm 2020",),
            body=("Ban Thường vụ Quận ủy xây dựng Kế hoạch như sau:",),
        ),
        owner=tree.district,
    )


def test_a_district_manager_adds_a_link_the_text_never_states(people, silent_plan, city_plan):
    assert not ImplementsLink.objects.filter(from_document=silent_plan).exists()
    response = _client(people.district).post(
        reverse("documents:add_link", args=[silent_plan.pk]), {"symbol": "135-kh/tu"}
    )
    assert response.status_code == 302
    link = ImplementsLink.objects.get(from_document=silent_plan)
    assert link.to_document == city_plan and link.status == LinkStatus.CONFIRMED
    assert link.decided_by == people.district and link.decided_at is not None
    event = AuditEvent.objects.get(action="link.add")
    assert event.by == people.district and (event.after or {}).get("to") == city_plan.label


def test_a_unit_sees_the_plan_above_that_its_own_plan_implements(people, silent_plan, city_plan):
    assert not is_visible(people.district, city_plan)
    add_link(by=people.district, source=silent_plan, target=city_plan)
    assert is_visible(people.district, city_plan)
    assert city_plan in visible_documents(people.district)
    response = _client(people.district).get(reverse("documents:detail", args=[city_plan.pk]))
    assert response.status_code == 200
    # Read-only: the city's links are the city's to decide.
    assert "Thêm liên kết" not in response.content.decode()


def test_plans_of_the_level_above_not_carried_out_stay_hidden(people, tree, city_plan):
    assert not is_visible(people.district, city_plan)
    response = _client(people.district).get(reverse("documents:detail", args=[city_plan.pk]))
    assert response.status_code == 404


def test_a_ward_cannot_add_links_to_the_district_plan(people, silent_plan, city_plan):
    with pytest.raises(PermissionDenied):
        add_link(by=people.ward, source=silent_plan, target=city_plan)
    assert not ImplementsLink.objects.filter(from_document=silent_plan).exists()


def test_an_unknown_number_is_a_message_not_a_link(people, silent_plan):
    response = _client(people.district).post(
        reverse("documents:add_link", args=[silent_plan.pk]), {"symbol": "999-KH/TU"}, follow=True
    )
    assert "Không tìm thấy văn bản số “999-KH/TU”" in response.content.decode()
    assert not ImplementsLink.objects.filter(from_document=silent_plan).exists()


def test_a_removed_link_is_not_proposed_again_by_the_next_upload(people, tree, programme):
    first = upload_document(
        by=people.district, name="kh09.docx", data=plan_docx(), owner=tree.district
    )
    link = ImplementsLink.objects.get(from_document=first, to_document__symbol="135-KH/TU")
    remove_link(by=people.district, link=link)
    # A ward's plan that repeats "09-KH/QU … thực hiện Kế hoạch số 135-KH/TU".
    upload_document(
        by=people.district,
        name="kh15.docx",
        data=plan_docx(
            issuer="ĐẢNG ỦY PHƯỜNG KHƯƠNG MAI",
            superior="ĐẢNG BỘ QUẬN THANH XUÂN",
            number="15-KH/ĐU",
            summary=("thực hiện Kế hoạch số 09-KH/QU của Ban Thường vụ Quận ủy",),
            body=(
                "Thực hiện Kế hoạch số 09-KH/QU ngày 15/3/2019 của Ban Thường vụ Quận ủy về "
                "thực hiện Kế hoạch số 135-KH/TU của Ban Thường vụ Thành ủy, Đảng ủy phường "
                "xây dựng Kế hoạch như sau:",
            ),
        ),
        owner=tree.ward,
    )
    assert (
        ImplementsLink.objects.filter(from_document=first, to_document=link.to_document).count()
        == 1
    )
    link.refresh_from_db()
    assert link.status == LinkStatus.REJECTED
    assert AuditEvent.objects.filter(action="link.remove", by=people.district).exists()


def test_documents_named_without_a_number_wait_for_a_manager(people, tree):
    document = upload_document(
        by=people.district,
        name="kh20.docx",
        data=plan_docx(
            number="20-KH/QU",
            summary=("về tuyên truyền pháp luật",),
            body=("Căn cứ Luật Đất đai năm 2013 và Điều lệ Đảng, Quận ủy ban hành Kế hoạch.",),
        ),
        owner=tree.district,
    )
    names = {c.name: c for c in document.named.all()}
    assert set(names) == {"Luật Đất đai năm 2013", "Điều lệ Đảng"}
    assert not document.citations.filter(to_document__title="Luật Đất đai năm 2013").exists()
    decide_named(by=people.district, candidate=names["Luật Đất đai năm 2013"], confirm=True)
    decide_named(by=people.district, candidate=names["Điều lệ Đảng"], confirm=False)
    entry = Document.objects.get(title="Luật Đất đai năm 2013")
    assert entry.label == "Luật Đất đai năm 2013" and entry.is_referenced
    assert document.citations.filter(to_document=entry).exists()
    assert not Document.objects.filter(title="Điều lệ Đảng").exists()


def test_a_reporter_cannot_decide_on_named_documents(people, tree):
    document = upload_document(
        by=people.district,
        name="kh21.docx",
        data=plan_docx(number="21-KH/QU", body=("Căn cứ Điều lệ Đảng, Quận ủy ban hành.",)),
        owner=tree.district,
    )
    candidate = document.named.get()
    response = _client(people.ward).post(
        reverse("documents:decide_name", args=[document.pk, candidate.pk, "confirm"])
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        decide_named(by=people.judge, candidate=candidate, confirm=True)
