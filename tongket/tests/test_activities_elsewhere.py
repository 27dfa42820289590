"""The register seen from the apps above it: the district's 2019..2023 review tells the
training classes and conferences recorded in it, and a document's page the activities
that studied it (reviews and documents sit above the register, so these tests do too)."""

from datetime import date

from django.test import Client

from tongket.activities.actions import ActivityInput, record_activity
from tongket.documents.models import Document
from tongket.programmes.demo import seed_programme
from tongket.reporting.models import DataValue
from tongket.reviews.content import build_content
from tongket.reviews.models import Review


def test_review_shows_5_training_classes_and_4_conferences_from_records(tree, people):
    programme = seed_programme(tree.district)
    for year, classes, conferences in [(2019, 1, 1), (2020, 1, 1), (2022, 1, 1), (2023, 2, 1)]:
        for kind, n in (("training", classes), ("conference", conferences)):
            for index in range(n):
                record_activity(
                    by=people.district,
                    data=ActivityInput(
                        organiser=tree.district,
                        kind=kind,
                        title=f"{kind} {year} {index}",
                        date=date(year, 4 + index, 1),
                    ),
                )
    review = Review.objects.create(
        unit=tree.district,
        programme=programme,
        window="2019..2023",
        kind="interim",
        style="party",
        number="115",
        issue_date=date(2023, 7, 4),
        signer="Lê Văn Thành",
    )
    content = build_content(review)
    figures = {
        (f.indicator.code, f.span): f.value for f in content.figures if f.unit == tree.district
    }
    assert figures[("LOP_TAPHUAN", "2019..2023")] == 5
    assert figures[("HN_CHUYENDE", "2019..2023")] == 4
    sources = DataValue.objects.filter(indicator__code__in=["LOP_TAPHUAN", "HN_CHUYENDE"])
    assert {value.source for value in sources} == {"records"}


def _study(user, unit, title: str, documents: list[str]) -> None:  # type: ignore[no-untyped-def]
    record_activity(
        by=user,
        data=ActivityInput(
            organiser=unit, kind="study", title=title, date=date(2023, 3, 1), documents=documents
        ),
    )


def test_a_documents_page_lists_the_activities_that_studied_it(tree, people):
    seed_programme(tree.district)
    _study(people.ward, tree.ward, "Học tập Nghị quyết 35", ["35-NQ/TW"])
    _study(people.ward, tree.ward, "Học tập kế hoạch quận", ["115-KH/HU"])
    _study(people.otherward, tree.other_ward, "Học tập ở Quận 1", ["35-NQ/TW"])
    document = Document(
        doc_type="Nghị quyết",
        number="35",
        symbol="35-NQ/TW",
        title="Nghị quyết 35",
        owner=tree.district,
        status="referenced",
    )
    document.refresh_keys()
    document.save()
    client = Client()
    client.force_login(people.district)
    response = client.get(f"/documents/{document.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Học tập Nghị quyết 35" in page
    assert "Học tập kế hoạch quận" not in page and "Học tập ở Quận 1" not in page
