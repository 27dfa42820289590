"""Every contest page for every demo role: the tree decides, judges see only their work."""

import pytest
from django.test import Client
from django.urls import reverse

from tongket.contests.intake import AuthorInput
from tongket.contests.models import Assignment, EntryFile
from tongket.contests.tests.factories import EntryFactory
from tongket.contests.tests.test_texts import docx_bytes

ACCOUNTS = ["admin", "city", "district", "ward", "otherward", "judge"]
MANAGERS = {"admin", "city", "district"}
STAFF = MANAGERS | {"ward"}  # see the contest with its authors


@pytest.fixture
def scene(seated, tree, jury):  # type: ignore[no-untyped-def]
    entry = EntryFactory(
        contest=seated,
        unit=tree.cell,
        title="Niềm tin của Nguyễn Văn An",
        authors=[AuthorInput("Nguyễn Văn An", 1950)],
        text="Tác giả: Nguyễn Văn An\n\nBài viết về niềm tin, ký tên Nguyễn Văn An.",
    )
    EntryFile.objects.create(
        entry=entry, name="bai.docx", data=docx_bytes("Người viết Nguyễn Văn An")
    )
    round = seated.rounds.get(order=1)
    assignment = Assignment.objects.create(round=round, entry=entry, judge=jury.judges[0])
    return seated, entry, assignment


def client_for(people, name):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(getattr(people, name))
    return client


def expected(page_kind: str, account: str) -> int:
    if account == "otherward":
        return 200 if page_kind == "open" else 404
    if account == "judge":
        return {"open": 200, "detail": 302, "entry": 404, "judging": 200}.get(page_kind, 403)
    if page_kind == "judging":
        return 404
    if page_kind in {"manage", "post"}:
        return (302 if page_kind == "post" else 200) if account in MANAGERS else 403
    return 200


PAGES = {
    "contest list": ("open", lambda c, e, a: reverse("contests:contest_list")),
    "judge home": ("open", lambda c, e, a: reverse("contests:judge_home")),
    "contest": ("detail", lambda c, e, a: reverse("contests:contest_detail", args=[c.pk])),
    "entries": ("read", lambda c, e, a: reverse("contests:entry_list", args=[c.pk])),
    "entry search": ("read", lambda c, e, a: reverse("contests:entry_list", args=[c.pk]) + "?q=An"),
    "new entry": ("read", lambda c, e, a: reverse("contests:entry_create", args=[c.pk])),
    "import": ("read", lambda c, e, a: reverse("contests:entry_import", args=[c.pk])),
    "import template": ("read", lambda c, e, a: reverse("contests:import_template", args=[c.pk])),
    "round": ("read", lambda c, e, a: reverse("contests:round_detail", args=[c.pk, 1])),
    "results": ("read", lambda c, e, a: reverse("contests:results", args=[c.pk, 1])),
    "prizes": ("read", lambda c, e, a: reverse("contests:prizes", args=[c.pk])),
    "statistics": ("read", lambda c, e, a: reverse("contests:statistics", args=[c.pk])),
    "statistics xlsx": ("read", lambda c, e, a: reverse("contests:statistics_xlsx", args=[c.pk])),
    "duplicates": ("read", lambda c, e, a: reverse("contests:duplicates", args=[c.pk])),
    "pair": ("read", lambda c, e, a: reverse("contests:duplicate_pair", args=[c.pk, e.pk, e.pk])),
    "entry": ("entry", lambda c, e, a: reverse("contests:entry_detail", args=[e.pk])),
    "receipt": ("entry", lambda c, e, a: reverse("contests:entry_receipt", args=[e.pk])),
    "file": ("entry", lambda c, e, a: reverse("contests:entry_file", args=[e.pk])),
    "judge entry": ("judging", lambda c, e, a: reverse("contests:judge_entry", args=[a.pk])),
    "judge document": ("judging", lambda c, e, a: reverse("contests:judge_document", args=[a.pk])),
}
# In this order: removing the assignment before the empty jury form drops it anyway.
POSTS = {
    "remove assignment": lambda c, e, a: reverse("contests:assignment_remove", args=[a.pk]),
    "add assignment": lambda c, e, a: reverse("contests:assignment_add", args=[c.pk, 1]),
    "assign": lambda c, e, a: reverse("contests:round_assign", args=[c.pk, 1]),
    "compute": lambda c, e, a: reverse("contests:results_step", args=[c.pk, 1, "compute"]),
    "jury": lambda c, e, a: reverse("contests:round_jury", args=[c.pk, 1]),
}


@pytest.mark.parametrize("account", ACCOUNTS)
def test_pages_follow_the_tree_and_the_jury(scene, people, account):
    client = client_for(people, account)
    wrong = {
        page: status
        for page, (kind, url) in PAGES.items()
        if (status := client.get(url(*scene)).status_code) != expected(kind, account)
    }
    assert wrong == {}


@pytest.mark.parametrize("account", ACCOUNTS)
def test_changes_need_a_manager_of_the_contest(scene, people, account):
    client = client_for(people, account)
    wrong = {
        action: status
        for action, url in POSTS.items()
        if (status := client.post(url(*scene), {"judges": []}).status_code)
        != expected("post", account)
    }
    assert wrong == {}


@pytest.mark.parametrize("account", ["admin", "city", "district"])
def test_managers_may_create_contests_others_may_not(people, account, tree):
    assert client_for(people, account).get(reverse("contests:contest_create")).status_code == 200


@pytest.mark.parametrize("account", ["ward", "otherward", "judge"])
def test_only_managers_create_contests(people, account, tree):
    assert client_for(people, account).get(reverse("contests:contest_create")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(scene):
    contest, _entry, assignment = scene
    for url in [
        reverse("contests:contest_detail", args=[contest.pk]),
        reverse("contests:judge_entry", args=[assignment.pk]),
    ]:
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_judge_sees_the_code_and_the_text_but_never_the_author(scene, people):
    _contest, entry, assignment = scene
    client = client_for(people, "judge")
    pages = [
        client.get(reverse("contests:judge_home")),
        client.get(reverse("contests:judge_entry", args=[assignment.pk])),
        client.get(reverse("contests:contest_list")),
    ]
    for response in pages:
        content = response.content.decode()
        assert "Nguyễn Văn An" not in content and "1950" not in content
    content = pages[1].content.decode()
    assert entry.code in content and "Bài viết về niềm tin" in content
    document = client.get(reverse("contests:judge_document", args=[assignment.pk])).content
    assert "Văn An".encode() not in document


def test_a_judge_sees_only_their_own_assignments(scene, people, jury):
    _contest, entry, assignment = scene
    other = Client()
    other.force_login(jury.judges[1])
    assert other.get(reverse("contests:judge_entry", args=[assignment.pk])).status_code == 404
    assert entry.code not in other.get(reverse("contests:judge_home")).content.decode()


def test_a_judge_scores_through_htmx_and_gets_the_sheet_back(scene, people):
    contest, _entry, assignment = scene
    criteria = list(contest.criteria.order_by("order"))
    data = {f"criterion-{c.pk}": "5" for c in criteria} | {"comment": "Tốt"}
    response = client_for(people, "judge").post(
        reverse("contests:judge_entry", args=[assignment.pk]), data, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "Đã nộp" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.is_submitted and assignment.comment == "Tốt"


def test_a_refused_sheet_comes_back_with_what_was_typed(scene, people):
    contest, _entry, assignment = scene
    criteria = list(contest.criteria.order_by("order"))
    data = {f"criterion-{c.pk}": "99" for c in criteria}
    response = client_for(people, "judge").post(
        reverse("contests:judge_entry", args=[assignment.pk]), data
    )
    assert response.status_code == 422
    assert "từ 0 đến 40" in response.content.decode() and 'value="99"' in response.content.decode()


def test_the_manager_creates_a_contest_with_rounds_and_rubric(people, tree):
    response = client_for(people, "district").post(
        reverse("contests:contest_create"),
        {
            "unit": tree.ward.code,
            "name": "Cuộc thi mới",
            "year": "2024",
            "rounds": "Sơ khảo | 10 | 2\nChung khảo",
            "criteria": "Nội dung | 60\nHình thức | 40 | 0,5",
            "categories": "Bài chính luận",
        },
    )
    assert response.status_code == 302
    from tongket.contests.models import Contest

    contest = Contest.objects.get(name="Cuộc thi mới")
    assert [r.name for r in contest.rounds.all()] == ["Sơ khảo", "Chung khảo"]
    assert [str(c.weight) for c in contest.criteria.all()] == ["1.00", "0.50"]


def test_a_contest_cannot_be_created_outside_ones_subtree(people, tree):
    response = client_for(people, "district").post(
        reverse("contests:contest_create"),
        {
            "unit": tree.other_ward.code,
            "name": "X",
            "year": "2024",
            "rounds": "A",
            "criteria": "B | 10",
        },
    )
    assert response.status_code == 200 and "phạm vi" in response.content.decode()


def test_a_reporter_receives_an_entry_and_gets_the_receipt(seated, people, tree):
    response = client_for(people, "ward").post(
        reverse("contests:entry_create", args=[seated.pk]),
        {
            "title": "Lòng dân",
            "submitting_unit": tree.cell.pk,
            "category": "Bài chính luận",
            "authors": "Trần Thị Bình | 1980\nLê Văn Cường | 1975",
            "text": "Nội dung bài viết.",
        },
    )
    assert response.status_code == 302
    receipt = client_for(people, "ward").get(response["Location"]).content.decode()
    assert "GIẤY BIÊN NHẬN" in receipt and "0001/2023" in receipt and "Lê Văn Cường" in receipt


def test_the_manager_awards_a_prize_through_the_form(scene, people, tree):
    contest, entry, _assignment = scene
    url = reverse("contests:prizes", args=[contest.pk])
    response = client_for(people, "district").post(url, {"rank": "first", "entry_code": entry.code})
    assert response.status_code == 302
    collective = {"rank": "collective", "unit_code": tree.cell.code}
    assert client_for(people, "district").post(url, collective).status_code == 302
    page = client_for(people, "district").get(url).content.decode()
    assert "Giải Nhất" in page and tree.cell.name in page
    assert (
        client_for(people, "ward")
        .post(url, {"rank": "second", "entry_code": entry.code})
        .status_code
        == 403
    )
    assert contest.prizes.count() == 2


def test_a_judge_declares_a_conflict_and_loses_the_entry(scene, people):
    _contest, entry, assignment = scene
    response = client_for(people, "judge").post(
        reverse("contests:judge_conflict", args=[assignment.pk]), {"reason": "Người quen"}
    )
    assert response.status_code == 302
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    assert entry.conflicts.get().reason == "Người quen"


def test_results_are_computed_from_the_page(scene, people):
    contest, _entry, assignment = scene
    criteria = contest.criteria.order_by("order")
    client_for(people, "judge").post(
        reverse("contests:judge_entry", args=[assignment.pk]),
        {f"criterion-{c.pk}": "7" for c in criteria},
    )
    response = client_for(people, "district").post(
        reverse("contests:results_step", args=[contest.pk, 1, "compute"]), follow=True
    )
    assert "Đã tính kết quả của 1 bài" in response.content.decode()
    assert 'id="results-table"' in response.content.decode()
