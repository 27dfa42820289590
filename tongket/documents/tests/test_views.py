import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tongket.documents.actions import confirm_link, upload_document
from tongket.documents.demo import city_plan, official_docx
from tongket.documents.models import Document, ImplementsLink
from tongket.documents.tests.conftest import plan_docx


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def district_plan(people, tree, programme):
    return upload_document(
        by=people.district,
        name="kh09.docx",
        data=plan_docx(),
        owner=tree.district,
        programme=programme,
    )


def test_register_search_ignores_diacritics_and_highlights_the_match(people, district_plan):
    response = _client(people.district).get(reverse("documents:register"), {"q": "nghi quyet 35"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kế hoạch số 09-KH/QU" in body and "Nghị quyết số 35-NQ/TW" in body
    assert "<mark>Nghị</mark> <mark>quyết</mark>" in body


def test_register_search_finds_words_only_in_the_text(people, district_plan):
    response = _client(people.district).get(reverse("documents:register"), {"q": "quan triet"})
    assert "Kế hoạch số 09-KH/QU" in response.content.decode()
    assert "<mark>Quán</mark> <mark>triệt</mark>" in response.content.decode()


def test_register_search_without_match_says_so(people, district_plan):
    response = _client(people.district).get(reverse("documents:register"), {"q": "chuyển đổi số"})
    assert "Không có văn bản nào khớp" in response.content.decode()


def test_register_filters_by_type_year_and_unit(people, tree, district_plan):
    client = _client(people.city)
    url = reverse("documents:register")
    plans = client.get(url, {"doc_type": "Kế hoạch", "year": "2019"}).content.decode()
    assert "Kế hoạch số 09-KH/QU" in plans and "Nghị quyết số 35-NQ/TW</a>" not in plans
    resolutions = client.get(url, {"doc_type": "Nghị quyết"}).content.decode()
    assert "Nghị quyết số 35-NQ/TW</a>" in resolutions and "09-KH/QU" not in resolutions
    assert "09-KH/QU" not in client.get(url, {"year": "2018"}).content.decode()
    assert "09-KH/QU" not in client.get(url, {"unit": tree.ward.code}).content.decode()


def test_register_htmx_request_gets_only_the_results(people, district_plan):
    response = _client(people.district).get(
        reverse("documents:register"),
        {"q": "35"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    )
    body = response.content.decode()
    assert "09-KH/QU" in body and "<html" not in body


def test_register_list_takes_a_fixed_number_of_queries(
    people, tree, district_plan, django_assert_max_num_queries
):
    upload_document(
        by=people.city, name="kh.docx", data=official_docx(city_plan()), owner=tree.city
    )
    client = _client(people.city)
    client.get(reverse("documents:register"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("documents:register"), {"q": "ke hoach"})
    assert response.content.decode().count('class="doc-label"') == 2


def test_ward_does_not_see_its_districts_documents_but_sees_central_ones(people, district_plan):
    body = _client(people.ward).get(reverse("documents:register")).content.decode()
    assert "09-KH/QU" not in body and "35-NQ/TW" in body


def test_document_outside_the_subtree_is_not_found(people, district_plan):
    for name in ("ward", "otherward"):
        client = _client(getattr(people, name))
        assert client.get(reverse("documents:detail", args=[district_plan.pk])).status_code == 404
        assert client.get(reverse("documents:download", args=[district_plan.pk])).status_code == 404


def test_document_page_shows_citations_and_proposed_links_with_buttons(people, district_plan):
    response = _client(people.district).get(reverse("documents:detail", args=[district_plan.pk]))
    body = response.content.decode()
    assert "2 văn bản được dẫn" in body
    assert (
        "<code>135-KH/TU</code>" in body
        and "28/01/2019" in body
        and "Ban Thường vụ Thành ủy" in body
    )
    own = ImplementsLink.objects.get(from_document=district_plan)
    assert reverse("documents:decide", args=[district_plan.pk, own.pk, "confirm"]) in body
    other = ImplementsLink.objects.get(from_document__symbol="135-KH/TU")
    # The city's plan is the city's to confirm.
    assert reverse("documents:decide", args=[district_plan.pk, other.pk, "confirm"]) not in body


def test_city_plan_cited_by_the_district_is_outside_the_districts_view(people, district_plan):
    body = (
        _client(people.district)
        .get(reverse("documents:detail", args=[district_plan.pk]))
        .content.decode()
    )
    assert "ngoài phạm vi của bạn" in body


def test_confirming_through_htmx_swaps_the_row(people, district_plan):
    link = ImplementsLink.objects.get(from_document=district_plan)
    response = _client(people.district).post(
        reverse("documents:decide", args=[district_plan.pk, link.pk, "confirm"]),
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith(f'<tr id="link-{link.pk}"')
    assert "Đã xác nhận" in body and "Xác nhận</button>" not in body
    link.refresh_from_db()
    assert link.status == "confirmed"


def test_rejecting_with_a_plain_form_comes_back_to_the_page(people, district_plan):
    link = ImplementsLink.objects.get(from_document=district_plan)
    response = _client(people.city).post(
        reverse("documents:decide", args=[district_plan.pk, link.pk, "reject"])
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.status == "rejected"


def test_a_reporter_cannot_confirm(people, tree, district_plan):
    link = ImplementsLink.objects.get(from_document=district_plan)
    ward_plan = upload_document(
        by=people.ward,
        name="w.docx",
        data=plan_docx(issuer="ĐẢNG ỦY PHƯỜNG KHƯƠNG MAI", number="15-KH/ĐU"),
        owner=tree.ward,
    )
    own = ImplementsLink.objects.get(from_document=ward_plan)
    client = _client(people.ward)
    assert (
        client.post(reverse("documents:decide", args=[ward_plan.pk, own.pk, "confirm"])).status_code
        == 403
    )
    # A link that is not on the page's document is not found there.
    assert (
        client.post(
            reverse("documents:decide", args=[ward_plan.pk, link.pk, "confirm"])
        ).status_code
        == 404
    )


def test_decisions_need_post_and_a_known_verb(people, district_plan):
    link = ImplementsLink.objects.get(from_document=district_plan)
    client = _client(people.district)
    assert (
        client.get(
            reverse("documents:decide", args=[district_plan.pk, link.pk, "confirm"])
        ).status_code
        == 405
    )
    assert (
        client.post(
            reverse("documents:decide", args=[district_plan.pk, link.pk, "approve"])
        ).status_code
        == 404
    )


def test_upload_page_posts_and_opens_the_document(people, tree, programme):
    client = _client(people.district)
    assert client.get(reverse("documents:upload")).status_code == 200
    response = client.post(
        reverse("documents:upload"),
        {
            "file": SimpleUploadedFile("kh09.docx", plan_docx()),
            "owner": tree.district.code,
            "programme": programme.pk,
        },
    )
    document = Document.objects.get(symbol="09-KH/QU")
    assert response.status_code == 302 and response.url == reverse(
        "documents:detail", args=[document.pk]
    )
    assert document.programme == programme and document.created_by == people.district


def test_upload_page_shows_why_a_file_is_refused(people, tree):
    response = _client(people.district).post(
        reverse("documents:upload"),
        {"file": SimpleUploadedFile("plan.doc", b"\xd0\xcf\x11\xe0"), "owner": tree.district.code},
    )
    assert response.status_code == 200 and "không đúng loại" in response.content.decode()


def test_upload_page_offers_only_units_of_the_subtree(people, tree):
    response = _client(people.district).post(
        reverse("documents:upload"),
        {"file": SimpleUploadedFile("kh.docx", plan_docx()), "owner": tree.other_district.code},
    )
    assert response.status_code == 200 and not Document.objects.exists()


def test_viewers_cannot_upload(people):
    assert _client(people.judge).get(reverse("documents:upload")).status_code == 403


def test_download_returns_the_original_file(people, district_plan):
    with default_storage.open(district_plan.file.name, "rb") as stored:  # the bytes uploaded
        uploaded = stored.read()
    response = _client(people.city).get(reverse("documents:download", args=[district_plan.pk]))
    assert uploaded.startswith(b"PK") and b"".join(response.streaming_content) == uploaded
    assert 'filename="kh09.docx"' in response["Content-Disposition"]


def test_referenced_entry_has_no_file(people, district_plan):
    resolution = Document.objects.get(symbol="35-NQ/TW")
    client = _client(people.ward)
    assert client.get(reverse("documents:detail", args=[resolution.pk])).status_code == 200
    assert client.get(reverse("documents:download", args=[resolution.pk])).status_code == 404


def test_tree_page_lists_units_with_and_without_a_plan(
    people, tree, programme, district_plan, ba_dinh
):
    city = upload_document(
        by=people.city,
        name="kh.docx",
        data=official_docx(city_plan()),
        owner=tree.city,
        programme=programme,
    )
    for link in ImplementsLink.objects.filter(from_document__in=[city, district_plan]):
        confirm_link(by=people.city, link=link)
    body = (
        _client(people.city).get(reverse("documents:tree", args=[programme.code])).content.decode()
    )
    assert 'Quận ủy Thanh Xuân:</span> <span class="doc"><a' in body
    assert 'Kế hoạch số 09-KH/QU</a> <span class="tick"' in body
    assert (
        '<span class="badge red">chưa có (1)</span> <span class="unit">Quận ủy Ba Đình</span>'
        in body
    )


def test_tree_of_a_programme_outside_the_scope_is_not_found(people, tree):
    from tongket.programmes.tests.factories import ProgrammeFactory

    ProgrammeFactory(code="HCM1", owner=tree.other_city)
    assert _client(people.ward).get(reverse("documents:tree", args=["HCM1"])).status_code == 404
    assert _client(people.admin).get(reverse("documents:tree", args=["HCM1"])).status_code == 200


def test_programmes_page_lists_the_programmes_to_follow(people, programme):
    body = _client(people.ward).get(reverse("documents:programmes")).content.decode()
    assert reverse("documents:tree", args=[programme.code]) in body


@pytest.mark.parametrize("name", ["register", "upload", "programmes"])
def test_pages_need_a_login(client, name):
    response = client.get(reverse(f"documents:{name}"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_register_search_matches_at_the_start_of_words(people, tree):
    text = "KẾ HOẠCH\nvề tuyên truyền\nTriển khai Kế hoạch số 135-KH/TU của Thành ủy."
    upload_document(
        by=people.district,
        name="kh.txt",
        data=text.encode(),
        owner=tree.district,
        doc_type="Kế hoạch",
        symbol="20-KH/QU",
    )
    client = _client(people.district)
    assert "20-KH/QU" in client.get(reverse("documents:register"), {"q": "135-kh"}).content.decode()
    assert (
        "20-KH/QU" not in client.get(reverse("documents:register"), {"q": "35-kh"}).content.decode()
    )


EXPECTED = {
    # account: (sees the district's plan, may upload)
    "admin": (True, True),
    "city": (True, True),
    "district": (True, True),
    "judge": (True, False),  # a viewer in the district
    "ward": (False, True),
    "otherward": (False, True),
}


@pytest.mark.parametrize("account", list(EXPECTED))
def test_every_page_follows_the_subtree_and_the_role(people, programme, district_plan, account):
    sees, uploads = EXPECTED[account]
    client = _client(getattr(people, account))
    for url in (
        reverse("documents:register"),
        reverse("documents:register") + "?q=ke+hoach&sort=title",
        reverse("documents:programmes"),
        reverse("documents:tree", args=[programme.code]),
    ):
        assert client.get(url).status_code == 200, url
    detail = client.get(reverse("documents:detail", args=[district_plan.pk]))
    assert detail.status_code == (200 if sees else 404)
    assert client.get(reverse("documents:upload")).status_code == (200 if uploads else 403)
