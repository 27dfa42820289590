"""The district's 2019..2023 review tells the training classes and conferences recorded
in the activity register (the review lives above the register, so the test does too)."""

from datetime import date

from tongket.activities.actions import ActivityInput, record_activity
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
