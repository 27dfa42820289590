"""What the register adds to other pages: reviews, the home page's work, the drill-down."""

from datetime import date

from django.test import Client

from tongket.activities.contributions import follow_up_work
from tongket.activities.models import FollowUp
from tongket.activities.review import review_part
from tongket.lib import contributions
from tongket.lib.contributions import ReviewScope

WINDOW = {"start": date(2019, 1, 1), "end": date(2023, 12, 31)}


def test_review_part_gives_counts_coverage_and_the_conferences_annex(people, tree, record):
    for year in (2019, 2020, 2022, 2023):
        record(
            people.district,
            tree.district,
            kind="conference",
            day=date(year, 6, 1),
            title=f"Hội nghị {year}",
            DV=50,
        )
    for year in (2019, 2020, 2022, 2023, 2023):
        record(people.district, tree.district, kind="training", day=date(year, 3, 1))
    record(people.ward, tree.ward, kind="study", day=date(2019, 3, 1), CBCC=(10, 12))
    record(people.ward, tree.ward, kind="study", day=date(2023, 3, 1), CBCC=(12, 12))
    record(people.otherward, tree.other_ward, kind="training", day=date(2023, 3, 1))
    part = review_part(ReviewScope(unit=tree.district, **WINDOW))
    assert part is not None
    text = " ".join(part.paragraphs)
    assert "Tập huấn, bồi dưỡng: 5 hoạt động" in text
    assert "Hội nghị, hội thảo chuyên đề: 4 hoạt động, 200 lượt người tham gia" in text
    assert "12/12 cán bộ chủ chốt" in text and "(100%)" in text
    assert [row[1] for row in part.annex_rows] == [
        f"Hội nghị {y}" for y in (2019, 2020, 2022, 2023)
    ]


def test_review_part_is_empty_without_activities(tree, programme):
    assert review_part(ReviewScope(unit=tree.district, **WINDOW)) is None


def test_review_part_is_registered(tree, people, record):
    record(people.ward, tree.ward, kind="training")
    parts = contributions.review_parts(ReviewScope(unit=tree.district, **WINDOW))
    assert any("Tập huấn" in " ".join(p.paragraphs) for p in parts)


def test_due_follow_ups_are_work_for_the_subtree_only(people, tree, record, settings):
    settings.TONGKET_TODAY = "2024-01-08"
    inspection = record(people.district, tree.district, kind="inspection", title="Kiểm tra phường")
    FollowUp.objects.create(activity=inspection, action="Lập tổ", due=date(2024, 1, 15))
    FollowUp.objects.create(activity=inspection, action="Xa hạn", due=date(2024, 6, 1))
    items = follow_up_work(people.district)
    assert [item.text for item in items] == ["Hạn 15/01/2024: Lập tổ (Kiểm tra phường)"]
    assert follow_up_work(people.otherward) == []


def test_navigation_names_the_register(people, programme):
    assert "activities:list" in [item.url_name for item in contributions.navigation(people.ward)]


def test_the_sources_page_links_a_computed_value_to_its_records(people, tree, record):
    record(people.ward, tree.ward, kind="training", day=date(2023, 5, 1))
    client = Client()
    client.force_login(people.district)
    page = client.get(
        "/analytics/sources/",
        {"unit": tree.ward.code, "indicator": "LOP_TAPHUAN", "period": "2023"},
    ).content.decode()
    link = "/activities/?unit=HN-THANHXUAN-KHUONGMAI&amp;own=1&amp;kind=training&amp;period=2023"
    assert link in page
    listed = client.get(
        "/activities/", {"unit": tree.ward.code, "own": "1", "kind": "training", "period": "2023"}
    )
    assert "1 hoạt động" in listed.content.decode()
