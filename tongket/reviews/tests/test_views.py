import io

import pytest
from django.test import Client, override_settings
from docx import Document

from tongket.programmes.models import Programme
from tongket.reviews.models import Review, ReviewFile


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _compose(client: Client, unit: str = "HN-THANHXUAN", style: str = "party"):  # type: ignore[no-untyped-def]
    return client.post(
        "/reviews/",
        {
            "unit": unit,
            "programme": Programme.objects.get().pk,
            "window": "2019..2023",
            "kind": "interim",
            "style": style,
        },
    )


def test_district_manager_composes_generates_and_downloads(
    people, figures, django_capture_on_commit_callbacks
):
    client = _client(people.district)
    response = _compose(client)
    review = Review.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reviews/{review.pk}/"
    page = client.get(f"/reviews/{review.pk}/").content.decode()
    assert (
        "/analytics/sources/?unit=HN-THANHXUAN&amp;indicator=LOP_TAPHUAN&amp;period=2019..2023"
        in page
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reviews/{review.pk}/generate/", {"fmt": ["docx", "xlsx"]})
    files = ReviewFile.objects.order_by("fmt")
    assert [(f.fmt, f.status, f.version) for f in files] == [
        ("docx", "done", 1),
        ("xlsx", "done", 1),
    ]
    download = client.get(f"/reviews/files/{files[0].pk}/")
    document = Document(io.BytesIO(b"".join(download.streaming_content)))
    assert any("Số lớp tập huấn" in p.text for p in document.paragraphs)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reviews/{review.pk}/generate/", {"fmt": ["docx"]})
    assert list(ReviewFile.objects.filter(fmt="docx").values_list("version", flat=True)) == [2, 1]


def test_edited_narrative_appears_in_the_document(
    people, figures, django_capture_on_commit_callbacks
):
    client = _client(people.district)
    _compose(client)
    review = Review.objects.get()
    client.post(
        f"/reviews/{review.pk}/edit/",
        {
            "number": "115",
            "place": "Thanh Xuân",
            "issue_date": "2023-07-04",
            "signer": "Lê Văn Thành",
            "narrative_lessons": "Bài học riêng của quận.",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reviews/{review.pk}/generate/", {"fmt": ["docx"]})
    item = ReviewFile.objects.get()
    text = "\n".join(p.text for p in Document(item.file.open("rb")).paragraphs)
    assert "Bài học riêng của quận." in text


def test_ward_cannot_compose_for_the_district_or_see_its_review(people, figures):
    assert _compose(_client(people.ward), unit="HN-THANHXUAN-KHUONGMAI").status_code == 403
    assert (
        "trong phạm vi của bạn" in _compose(_client(people.city), unit="HCM-QUAN1").content.decode()
    )
    assert not Review.objects.exists()
    _compose(_client(people.district))
    review = Review.objects.get()
    assert _client(people.ward).get(f"/reviews/{review.pk}/").status_code == 404
    assert _client(people.otherward).get(f"/reviews/{review.pk}/").status_code == 404


def test_bad_window_is_explained(people, figures):
    response = _client(people.district).post(
        "/reviews/",
        {
            "unit": "HN-THANHXUAN",
            "window": "2023..2019",
            "programme": Programme.objects.get().pk,
            "kind": "interim",
            "style": "party",
        },
    )
    assert response.status_code == 200 and not Review.objects.exists()


@pytest.mark.django_db(
    transaction=True
)  # the worker closes and reopens connections, as in production
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_files_are_made_by_the_background_worker(people, figures):
    from tongket.lib.worker import _worker

    client = _client(people.district)
    _compose(client)
    review = Review.objects.get()
    client.post(f"/reviews/{review.pk}/generate/", {"fmt": ["xlsx"]})
    item = ReviewFile.objects.get()
    assert item.status == "queued"
    assert "every 1s" in client.get(f"/reviews/{review.pk}/files/").content.decode()
    worker = _worker(interval=0)
    worker.batch = True
    worker.run()
    item.refresh_from_db()
    assert item.status == "done" and item.progress == 100
