import pytest
from django.core.exceptions import PermissionDenied

from tongket.contests.calibration import calibrate
from tongket.contests.intake import AuthorInput
from tongket.contests.judging import assign_automatically, save_scores
from tongket.contests.models import Entry, EventKind, Prize, PrizeRank, RoundResult
from tongket.contests.results import (
    ResultsRefused,
    advance,
    award_prize,
    compute_results,
    forward_best,
    results_are_stale,
)
from tongket.contests.tests.factories import ContestFactory, EntryFactory
from tongket.contests.tests.test_texts import docx_bytes

# Entry quality by index, and how each judge bends it: judge1 strict, judge3 generous.
QUALITY = [30, 25, 20, 15, 10, 5]
BIAS = [-4, 0, 4]


def score_round(round, jury):  # type: ignore[no-untyped-def]
    entries = list(round.entries().order_by("sequence"))
    criteria = list(round.contest.criteria.order_by("order"))
    for assignment in round.assignments.all():
        quality = QUALITY[entries.index(assignment.entry)]
        bias = BIAS[jury.judges.index(assignment.judge)]
        first = max(0, min(40, quality + bias))
        points = {criteria[0].pk: first} | {c.pk: 0 for c in criteria[1:]}
        save_scores(by=assignment.judge, assignment=assignment, points=points)


@pytest.fixture
def judged(seated, tree, jury):  # type: ignore[no-untyped-def]
    """Six entries, each scored by two of the three judges in round 1."""
    for index in range(6):
        EntryFactory(
            contest=seated,
            unit=tree.cell,
            title=f"Bài {index}",
            authors=[AuthorInput(f"Tác Giả {index}", 1960 + index)],
        )
    round = seated.rounds.get(order=1)
    assign_automatically(by=None, round=round)
    score_round(round, jury)
    return round


def test_stored_results_are_what_calibrate_gives(judged, people):
    compute_results(by=people.district, round=judged)
    triples = [
        (a.judge_id, a.entry_id, float(a.total))
        for a in judged.assignments.order_by("submitted_at", "pk")
    ]
    expected = {e.entry: e for e in calibrate(triples).entries}
    for result in RoundResult.objects.filter(round=judged):
        scores = expected[result.entry_id]
        assert result.raw_mean == pytest.approx(scores.raw_mean)
        assert result.trimmed_mean == pytest.approx(scores.trimmed_mean)
        assert result.zscore_mean == pytest.approx(scores.zscore_mean)
        assert result.model_score == pytest.approx(scores.model_score)
        assert result.disputed == scores.disputed and result.judges == 2


def test_the_ranking_follows_the_calibrated_score(judged, people):
    compute_results(by=people.district, round=judged)
    ranked = [r.entry.title for r in judged.results.order_by("rank")]
    assert ranked == [f"Bài {index}" for index in range(6)]


def test_a_sheet_after_the_results_makes_them_stale(judged, people, jury):
    compute_results(by=people.district, round=judged)
    assert not results_are_stale(judged)
    assignment = judged.assignments.first()
    save_scores(
        by=assignment.judge,
        assignment=assignment,
        points={s.criterion_id: s.points for s in assignment.scores.all()},
    )
    assert results_are_stale(judged)
    with pytest.raises(ResultsRefused, match="tính lại"):
        advance(by=people.district, round=judged)


def test_advancing_moves_the_best_n_and_closes_the_round(judged, people):
    compute_results(by=people.district, round=judged)
    moved = advance(by=people.district, round=judged, count=2)
    assert sorted(e.title for e in moved) == ["Bài 0", "Bài 1"]
    final = judged.next_round()
    assert sorted(e.title for e in final.entries()) == ["Bài 0", "Bài 1"]
    assert judged.contest.rounds.get(order=1).is_closed
    assert Entry.objects.get(title="Bài 0").events.filter(kind=EventKind.ADVANCED).exists()
    with pytest.raises(ResultsRefused):
        compute_results(by=people.district, round=judged)


def test_advancing_needs_every_sheet(seated, tree, people):
    EntryFactory(contest=seated, unit=tree.cell)
    round = seated.rounds.get(order=1)
    assign_automatically(by=None, round=round)
    with pytest.raises(ResultsRefused, match="chưa nộp"):
        advance(by=people.district, round=round)


def test_only_a_manager_computes_results(judged, people):
    with pytest.raises(PermissionDenied):
        compute_results(by=people.ward, round=judged)


@pytest.fixture
def with_parent(judged, tree, people):  # type: ignore[no-untyped-def]
    contest = judged.contest
    parent = ContestFactory(unit=tree.district, name="Cuộc thi cấp quận")
    contest.parent = parent
    contest.save()
    entry = Entry.objects.get(title="Bài 0")
    from tongket.contests.models import EntryFile

    EntryFile.objects.create(entry=entry, name="bai.docx", data=docx_bytes("Bài 0"))
    compute_results(by=people.district, round=judged)
    advance(by=people.district, round=judged, count=3)
    final = judged.next_round()
    assign_automatically(by=None, round=final)
    return final, parent


def test_forwarding_copies_the_best_with_authors_file_and_history(with_parent, jury, people):
    final, parent = with_parent
    score_round(final, jury)
    compute_results(by=people.district, round=final)
    copies = forward_best(by=people.district, round=final, count=2)
    assert len(copies) == 2 and {c.contest_id for c in copies} == {parent.pk}
    best = next(c for c in copies if c.title == "Bài 0")
    original = best.forwarded_from
    assert original.title == "Bài 0" and original.contest == final.contest
    assert best.code != original.code and best.receipt_number == "0001/2023"
    assert [a.name for a in best.author_list()] == ["Tác Giả 0"]
    assert bytes(best.file.data) == bytes(original.file.data)
    assert bytes(best.fingerprint.data) == bytes(original.fingerprint.data)
    kinds = list(best.events.values_list("kind", flat=True))
    assert kinds == [EventKind.RECEIVED, EventKind.ADVANCED, EventKind.FORWARDED_IN]
    assert original.events.filter(kind=EventKind.FORWARDED_OUT).exists()
    assert final.is_closed


def test_forwarding_twice_sends_each_entry_once(with_parent, jury, people):
    final, parent = with_parent
    score_round(final, jury)
    compute_results(by=people.district, round=final)
    forward_best(by=people.district, round=final, count=2)
    forward_best(by=people.district, round=final, count=3)
    assert parent.entries.count() == 3


def test_forwarding_needs_a_parent_contest(judged, people):
    with pytest.raises(ResultsRefused):
        forward_best(by=people.district, round=judged.next_round(), count=1)


def test_prizes_go_to_an_entry_or_to_a_collective(judged, tree, people):
    contest = judged.contest
    entry = Entry.objects.get(title="Bài 0")
    prize = award_prize(by=people.district, contest=contest, rank=PrizeRank.FIRST, entry=entry)
    assert prize.category == entry.category
    assert entry.events.filter(kind=EventKind.AWARDED).exists()
    award_prize(
        by=people.district, contest=contest, rank=PrizeRank.COLLECTIVE, collective=tree.cell
    )
    with pytest.raises(ResultsRefused):
        award_prize(by=people.district, contest=contest, rank=PrizeRank.SECOND, entry=entry)
    with pytest.raises(ResultsRefused):
        award_prize(
            by=people.district,
            contest=contest,
            rank=PrizeRank.COLLECTIVE,
            collective=tree.other_ward,
        )
    with pytest.raises(ResultsRefused):
        award_prize(by=people.district, contest=contest, rank=PrizeRank.THIRD)
    assert Prize.objects.count() == 2
