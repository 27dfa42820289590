from tongket.contests.intake import AuthorInput
from tongket.contests.tests.factories import ContestFactory, EntryFactory
from tongket.reviews.content import build_content


def _text(runs) -> str:  # type: ignore[no-untyped-def]
    return "".join(run if isinstance(run, str) else run.text for run in runs)


def test_the_units_contests_of_the_window_are_in_the_results(review_of, tree, people):
    contest = ContestFactory(
        unit=tree.district, name="Cuộc thi viết chính luận năm 2022", year=2022
    )
    EntryFactory(
        contest=contest,
        unit=tree.ward,
        by=people.district,
        authors=[AuthorInput("Trần Văn Bình", 1927)],
    )
    EntryFactory(
        contest=contest,
        unit=tree.ward,
        by=people.district,
        authors=[AuthorInput("Lê Thị Hoa", 2002), AuthorInput("Phạm Minh", 1990)],
    )
    results = build_content(review_of("party")).sections[0]
    line = next(_text(runs) for runs in results.paragraphs if "Cuộc thi" in _text(runs))
    assert line.startswith("- Cuộc thi viết chính luận năm 2022: 2 bài dự thi của 3 tác giả")
    assert "cao tuổi nhất 95 tuổi, trẻ nhất 20 tuổi" in line
