from collections import Counter
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from tongket.contests.intake import AuthorInput
from tongket.contests.judging import (
    JudgingRefused,
    assign,
    assign_automatically,
    declare_conflict,
    save_scores,
    unassign,
)
from tongket.contests.models import Assignment, ConflictOfInterest, ConflictSource
from tongket.contests.setup import ContestRefused, set_jury
from tongket.contests.tests.factories import EntryFactory
from tongket.org.models import Role
from tongket.org.tests.factories import member


def first_round(contest):  # type: ignore[no-untyped-def]
    return contest.rounds.get(order=1)


def full_marks(contest, *values):  # type: ignore[no-untyped-def]
    criteria = contest.criteria.order_by("order")
    return {c.pk: v for c, v in zip(criteria, values, strict=True)}


def test_automatic_assignment_gives_k_judges_and_balances_load(seated, tree):
    for _ in range(9):
        EntryFactory(contest=seated, unit=tree.cell)
    summary = assign_automatically(by=None, round=first_round(seated))
    assignments = Assignment.objects.filter(round=first_round(seated))
    assert summary.created == 18 and summary.short == 0
    assert set(Counter(a.entry_id for a in assignments).values()) == {2}
    assert sorted(Counter(a.judge_id for a in assignments).values()) == [6, 6, 6]


def test_a_judge_from_the_authors_unit_is_never_assigned(seated, tree, jury):
    insider = member(tree.cell, Role.VIEWER, "insider")
    set_jury(by=None, round=first_round(seated), judges=[*jury.judges, insider])
    from_cell = EntryFactory(
        contest=seated, unit=tree.ward, authors=[AuthorInput("A B", 1970, tree.cell)]
    )
    from_ward = EntryFactory(contest=seated, unit=tree.ward)
    assign_automatically(by=None, round=first_round(seated))
    judged_by: dict[int, set[int]] = {}
    for a in Assignment.objects.all():
        judged_by.setdefault(a.entry_id, set()).add(a.judge_id)
    assert insider.pk not in judged_by[from_cell.pk]
    assert insider.pk not in judged_by[from_ward.pk]  # the cell is inside the submitting ward
    detected = ConflictOfInterest.objects.filter(judge=insider, source=ConflictSource.DETECTED)
    assert {c.entry_id for c in detected} == {from_cell.pk, from_ward.pk}


def test_a_manual_assignment_may_not_override_a_conflict(seated, tree, jury, people):
    insider = member(tree.cell, Role.VIEWER, "insider")
    set_jury(by=None, round=first_round(seated), judges=[insider])
    entry = EntryFactory(contest=seated, unit=tree.cell)
    with pytest.raises(JudgingRefused, match="xung đột"):
        assign(by=people.district, round=first_round(seated), entry=entry, judge=insider)


def test_a_manager_adds_and_removes_a_judge_by_hand(seated, tree, jury, people):
    entry = EntryFactory(contest=seated, unit=tree.cell)
    assignment = assign(
        by=people.district, round=first_round(seated), entry=entry, judge=jury.judges[0]
    )
    assert assignment.manual
    unassign(by=people.district, assignment=assignment)
    assert not Assignment.objects.exists()


def test_a_scored_assignment_cannot_be_removed(seated, tree, jury, people):
    entry = EntryFactory(contest=seated, unit=tree.cell)
    assignment = assign(
        by=people.district, round=first_round(seated), entry=entry, judge=jury.judges[0]
    )
    save_scores(by=jury.judges[0], assignment=assignment, points=full_marks(seated, 30, 20, 10, 5))
    with pytest.raises(JudgingRefused):
        unassign(by=people.district, assignment=assignment)


def test_a_ward_reporter_cannot_assign(seated, tree, jury, people):
    entry = EntryFactory(contest=seated, unit=tree.cell)
    with pytest.raises(PermissionDenied):
        assign(by=people.ward, round=first_round(seated), entry=entry, judge=jury.judges[0])


def test_a_manager_cannot_sit_on_the_jury(contest, people):
    with pytest.raises(ContestRefused, match="thấy tên tác giả"):
        set_jury(by=None, round=first_round(contest), judges=[people.district])


@pytest.fixture
def assignment(seated, tree, jury):  # type: ignore[no-untyped-def]
    entry = EntryFactory(contest=seated, unit=tree.cell)
    return Assignment.objects.create(round=first_round(seated), entry=entry, judge=jury.judges[0])


def test_the_total_is_the_weighted_share_of_the_maximum(assignment, jury):
    # Criteria 40, 30, 20 (weight 1) and 10 (weight 2): 100 * (30+15+10+2*5) / (90+20).
    saved = save_scores(
        by=jury.judges[0],
        assignment=assignment,
        points=full_marks(assignment.round.contest, "30", "15", "10,0", "5"),
        comment="  Lập luận tốt. ",
    )
    assert saved.total == Decimal("59.091")
    assert saved.comment == "Lập luận tốt."
    assert saved.submitted_at is not None


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (("41", "1", "1", "1"), "từ 0 đến 40"),
        (("-1", "1", "1", "1"), "từ 0 đến 40"),
        (("abc", "1", "1", "1"), "cần nhập một số"),
        (("", "1", "1", "1"), "chưa chấm"),
        (("1.234", "1", "1", "1"), "hai chữ số"),
        (("NaN", "1", "1", "1"), "từ 0 đến 40"),
    ],
)
def test_points_outside_the_rubric_are_refused(assignment, jury, values, message):
    with pytest.raises(JudgingRefused, match=message):
        save_scores(
            by=jury.judges[0],
            assignment=assignment,
            points=full_marks(assignment.round.contest, *values),
        )
    assert not assignment.scores.exists()


def test_only_the_assigned_judge_may_score(assignment, jury):
    with pytest.raises(PermissionDenied):
        save_scores(by=jury.judges[1], assignment=assignment, points={})


def test_resubmitting_replaces_the_sheet(assignment, jury):
    contest = assignment.round.contest
    save_scores(
        by=jury.judges[0], assignment=assignment, points=full_marks(contest, 40, 30, 20, 10)
    )
    save_scores(by=jury.judges[0], assignment=assignment, points=full_marks(contest, 0, 0, 0, 0))
    assert assignment.scores.count() == 4 and assignment.total == 0


def test_declaring_a_conflict_hands_the_entry_to_another_judge(assignment, jury):
    replacement = declare_conflict(
        by=jury.judges[0], assignment=assignment, reason="Tôi biết tác giả"
    )
    conflict = ConflictOfInterest.objects.get()
    assert conflict.source == ConflictSource.DECLARED and conflict.judge == jury.judges[0]
    assert replacement is not None and replacement.judge != jury.judges[0]
    assert not Assignment.objects.filter(judge=jury.judges[0]).exists()
