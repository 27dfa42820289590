import random

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tongket.contests.calibration import (
    ScoreSheet,
    calibrate,
    fit_judge_model,
    trimmed_means,
    zscore_calibrated,
)


def contest(seed: int = 1, entries: int = 40, judges: str = "ABCDEF", per_entry: int = 3):
    """Scores from judges who agree on quality, each with their own severity."""
    rng = random.Random(seed)
    quality = {entry: rng.gauss(0, 1.5) for entry in range(entries)}
    severity = {judge: rng.gauss(0, 1) for judge in judges}
    load = dict.fromkeys(judges, 0)
    scores = []
    for entry in range(entries):
        chosen = sorted(judges, key=lambda j: (load[j], rng.random()))[:per_entry]
        for judge in chosen:
            load[judge] += 1
            scores.append((judge, entry, 6 + quality[entry] + severity[judge] + rng.gauss(0, 0.3)))
    return scores


def shifted(scores, judge, by):
    return [(j, e, x + by if j == judge else x) for j, e, x in scores]


def column(calibration, method):
    return np.array([getattr(entry, method) for entry in calibration.entries])


def test_a_harsh_judges_constant_shift_does_not_change_the_calibrated_ranking():
    scores = contest()
    before = calibrate(scores)
    after = calibrate(shifted(scores, "B", -3.0))
    assert after.ranking("model_score") == before.ranking("model_score")
    assert after.ranking("zscore_mean") == before.ranking("zscore_mean")
    assert after.ranking("raw_mean") != before.ranking("raw_mean")


def test_a_harsh_judge_does_not_sink_the_entries_they_scored():
    # Six entries of equal merit: a harsh judge reads 1-3, a lenient one 4-6, and a
    # third judge reads them all and gives them all 7.
    scores = [("harsh", e, 4.0) for e in range(3)] + [("lenient", e, 9.0) for e in range(3, 6)]
    scores += [("steady", e, 7.0 + 0.01 * (e % 2)) for e in range(6)]
    calibration = calibrate(scores)
    assert np.ptp(column(calibration, "raw_mean")) > 2
    assert np.ptp(column(calibration, "model_score")) < 0.1


def test_judge_profiles_show_severity():
    scores = contest(seed=3)
    profiles = {p.judge: p for p in calibrate(shifted(scores, "C", -2.0)).judges}
    baseline = {p.judge: p for p in calibrate(scores).judges}
    assert profiles["C"].offset < baseline["C"].offset - 1.5


def test_judge_with_zero_variance_does_not_divide_by_zero():
    scores = [(j, e, x) for j, e, x in contest() if j != "A"]
    scores += [("A", e, 5.0) for e in range(0, 40, 4)]
    calibration = calibrate(scores)
    for method in ("raw_mean", "trimmed_mean", "zscore_mean", "model_score"):
        assert np.isfinite(column(calibration, method)).all()
    [profile] = [p for p in calibration.judges if p.judge == "A"]
    assert profile.sd == 0.0
    assert profile.scale < 0.5


def test_judge_with_a_single_score_is_read_on_the_global_scale():
    scores = [*contest(), ("guest", 0, 9.5)]
    calibration = calibrate(scores)
    assert all(np.isfinite(column(calibration, m)).all() for m in ("zscore_mean", "model_score"))


def test_everyone_giving_the_same_score_is_not_an_error():
    calibration = calibrate([("A", 1, 5.0), ("B", 1, 5.0), ("A", 2, 5.0), ("B", 2, 5.0)])
    assert column(calibration, "zscore_mean").tolist() == [5.0, 5.0]
    assert column(calibration, "model_score") == pytest.approx([5.0, 5.0])
    assert not any(entry.disputed for entry in calibration.entries)


def test_entry_the_judges_disagree_on_is_flagged():
    scores = contest(seed=5)
    # Entry 7: one of its judges now scores it far above everything they gave.
    judge = next(j for j, e, _ in scores if e == 7)
    scores = [(j, e, x + 6 if (j, e) == (judge, 7) else x) for j, e, x in scores]
    calibration = calibrate(scores)
    flagged = [entry.entry for entry in calibration.entries if entry.disputed]
    assert 7 in flagged
    assert len(flagged) <= 4


def test_agreeing_judges_raise_no_flags():
    calibration = calibrate(contest(seed=6))
    assert not any(entry.disputed for entry in calibration.entries)


def test_trimmed_mean_drops_highest_and_lowest_from_three_scores_up():
    x = [("A", "x", 1.0), ("B", "x", 5.0), ("C", "x", 6.0), ("D", "x", 100.0)]
    y = [("A", "y", 2.0), ("B", "y", 9.0), ("C", "y", 4.0)]
    z = [("A", "z", 2.0), ("B", "z", 9.0)]
    sheet = ScoreSheet([*x, *y, *z])
    assert trimmed_means(sheet).tolist() == [5.5, 4.0, 5.5]


def test_ranking_rejects_an_unknown_method():
    with pytest.raises(ValueError):
        calibrate(contest()).ranking("median")


@pytest.mark.parametrize(
    "scores",
    [[], [("A", 1, 5.0), ("A", 1, 6.0)], [("A", 1, float("nan"))]],
    ids=["empty", "scored twice", "not a number"],
)
def test_bad_score_sheets_are_refused(scores):
    with pytest.raises(ValueError):
        calibrate(scores)


def test_model_converges():
    assert fit_judge_model(ScoreSheet(contest())).iterations < 1000


# Invariance properties

score_values = st.integers(0, 20).map(lambda x: x / 2)


@st.composite
def score_sheets(draw):
    judges = draw(st.integers(2, 5))
    entries = draw(st.integers(2, 8))
    scores = []
    for entry in range(entries):
        panel = draw(st.sets(st.integers(0, judges - 1), min_size=1, max_size=judges))
        scores += [(f"J{judge}", entry, draw(score_values)) for judge in sorted(panel)]
    return scores


@settings(max_examples=60, deadline=None)
@given(score_sheets(), st.integers(0, 4), st.floats(-5, 5))
def test_shifting_one_judge_moves_model_scores_uniformly(scores, judge, by):
    before = column(calibrate(scores), "model_score")
    after = column(calibrate(shifted(scores, f"J{judge}", by)), "model_score")
    assert np.ptp(after - before) == pytest.approx(0, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(score_sheets(), st.floats(0.1, 10), st.floats(-50, 50))
def test_changing_the_score_scale_changes_calibrated_scores_alike(scores, factor, offset):
    before = calibrate(scores)
    after = calibrate([(j, e, factor * x + offset) for j, e, x in scores])
    for method in ("raw_mean", "trimmed_mean", "zscore_mean", "model_score"):
        expected = factor * column(before, method) + offset
        assert column(after, method) == pytest.approx(expected, rel=1e-6, abs=1e-6)


def zscores(scores):
    sheet = ScoreSheet(scores)
    sd = sheet.value.std()
    return (zscore_calibrated(sheet) - sheet.value.mean()) / sd if sd else sheet.value * 0


@settings(max_examples=60, deadline=None)
@given(score_sheets(), st.integers(0, 4), st.floats(0.2, 5), st.floats(-5, 5))
def test_zscores_ignore_a_judges_severity_and_spread(scores, judge, factor, by):
    judges = [j for j, _, _ in scores]
    assume(all(judges.count(j) >= 2 for j in judges))
    changed = [(j, e, factor * x + by if j == f"J{judge}" else x) for j, e, x in scores]
    assume(np.std([x for *_, x in changed]) > 0)
    assert zscores(changed) == pytest.approx(zscores(scores), abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(score_sheets(), st.randoms())
def test_order_of_the_score_sheet_does_not_matter(scores, rng):
    before = calibrate(scores)
    shuffled = list(scores)
    rng.shuffle(shuffled)
    after = calibrate(shuffled)
    by_entry = {entry.entry: entry for entry in after.entries}
    for entry in before.entries:
        other = by_entry[entry.entry]
        assert other.model_score == pytest.approx(entry.model_score, abs=1e-6)
        assert other.zscore_mean == pytest.approx(entry.zscore_mean)
        assert other.trimmed_mean == pytest.approx(entry.trimmed_mean)
