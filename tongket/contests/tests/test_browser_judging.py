"""judge1 scores an anonymous entry in the browser; the district manager sees the results."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tongket.contests.intake import AuthorInput
from tongket.contests.judging import save_scores
from tongket.contests.models import Assignment
from tongket.contests.tests.factories import EntryFactory
from tongket.tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scenario(seated, tree, jury):  # type: ignore[no-untyped-def]
    """Two entries; judge2 and judge3 have scored both, judge1 has one left to score."""
    round = seated.rounds.get(order=1)
    criteria = list(seated.criteria.order_by("order"))
    entries = [
        EntryFactory(
            contest=seated,
            unit=tree.cell,
            title=title,
            authors=[AuthorInput(author, 1948)],
            text=f"Tác giả: {author}\n\nBài viết của {author} về niềm tin ở khu phố.",
        )
        for title, author in [
            ("Niềm tin ở khu phố", "Nguyễn Văn An"),
            ("Lòng dân", "Trần Thị Bình"),
        ]
    ]
    for entry, points in zip(entries, [(30, 20, 15, 8), (20, 15, 10, 5)], strict=True):
        for judge in jury.judges[1:]:
            assignment = Assignment.objects.create(round=round, entry=entry, judge=judge)
            save_scores(
                by=judge,
                assignment=assignment,
                points=dict(zip([c.pk for c in criteria], points, strict=True)),
            )
    return Assignment.objects.create(round=round, entry=entries[1], judge=jury.judges[0])


def test_judge_scores_blind_and_the_manager_sees_the_results(
    page: Page, browser: Browser, live_server, scenario
):
    login(page, live_server.url, "judge1")
    page.goto(f"{live_server.url}/contests/judging/")
    page.get_by_role("link", name=f"Bài {scenario.entry.code}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bài {scenario.entry.code}")
    expect(page.locator("#essay")).to_contain_text("về niềm tin ở khu phố")
    expect(page.locator("main")).not_to_contain_text("Trần Thị Bình")
    page.get_by_label("Nội dung, tư tưởng").fill("45")
    page.get_by_label("Lập luận").fill("25")
    page.get_by_label("Sáng tạo").fill("15,5")
    page.get_by_label("Hình thức").fill("9")
    page.locator("#submit-sheet").click()
    expect(page.locator("#sheet .errors")).to_contain_text("từ 0 đến 40")
    page.get_by_label("Nội dung, tư tưởng").fill("38")
    page.locator("#submit-sheet").click()
    expect(page.locator("#sheet-status")).to_contain_text("Đã nộp")
    scenario.refresh_from_db()
    # (38 + 25 + 15.5 + 2 × 9) / 110 on the 100-point scale
    assert scenario.is_submitted and str(scenario.total) == "87.727"

    manager = browser.new_context(viewport={"width": 1280, "height": 860}).new_page()
    login(manager, live_server.url, "district")
    contest = scenario.round.contest
    manager.goto(f"{live_server.url}/contests/{contest.pk}/rounds/1/results/")
    manager.locator("#compute-results").click()
    table = manager.locator("#results-table")
    expect(table).to_contain_text("Niềm tin ở khu phố")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).to_contain_text("Trần Thị Bình")  # the manager sees the authors
    manager.context.close()
