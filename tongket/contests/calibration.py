"""Calibrated judging scores for contest entries.

Each entry is scored by a few of the judges, not all, and judges differ: one is
severe, another generous, one uses the whole scale, another only its middle. A raw
mean then rewards the entries that happened to meet lenient judges. This module
gives, for each entry, four scores and a disagreement flag:

``raw_mean``
    The plain mean of the entry's scores.
``trimmed_mean``
    With three or more scores, the mean without the single highest and the single
    lowest (with exactly three, the median): one eccentric score cannot carry an
    entry. With fewer than three, the raw mean.
``zscore_mean``
    Each score standardised by its judge's own mean and standard deviation (over all
    the entries that judge scored), mapped back to the global scale
    (``global mean + global sd * z``), then averaged. It removes severity and spread
    when every judge sees a similar mix of entries; a judge who happened to get the
    strong entries looks "generous" and is wrongly corrected.
``model_score``
    A judge-severity model fitted to all scores at once, so that it accounts for
    which entries each judge saw::

        score[j, e] = bias[j] + scale[j] * quality[e] + noise

    fitted by alternating least squares: with the judges fixed, each quality is a
    weighted mean of the entry's de-biased scores; with the qualities fixed, each
    judge is a straight-line fit of their scores against the qualities of the
    entries they saw. Regularisation keeps every step defined: ``quality`` is pulled
    towards the global mean with the weight of ``quality_prior`` judges (entries
    with fewer scores are pulled more), and ``scale`` towards 1 with the weight of
    ``scale_prior`` entries one (pooled within-judge) standard deviation from the
    mean. ``bias`` is not
    regularised, so that adding a constant to one judge's scores changes every
    model score by the same amount and the ranking not at all. The reported score
    is what the average judge (mean bias, mean scale) would give.
    ``scale=False`` fits the additive model (all scales 1).

``spread`` and ``disputed``
    ``spread`` is the range of the entry's per-judge z-calibrated scores, on the
    global scale; the entry is ``disputed`` when it exceeds ``dispute_spread``
    global standard deviations (default 2: say one judge ranks it in their top
    sixth and another in their bottom sixth), the cue for a further reading.

Judges with a single score or with no variance divide by nothing: a judge with one
score is standardised by the global mean and deviation, a judge who gave every entry
the same score expresses no preference (z = 0), and in the model their scale is
fitted towards 0 or held at 1 by its prior.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np

DEFAULT_DISPUTE_SPREAD = 2.0
DEFAULT_QUALITY_PRIOR = 1.0
DEFAULT_SCALE_PRIOR = 2.0
METHODS = ("raw_mean", "trimmed_mean", "zscore_mean", "model_score")


@dataclass(frozen=True)
class EntryScores:
    entry: Hashable
    count: int
    raw_mean: float
    trimmed_mean: float
    zscore_mean: float
    model_score: float
    spread: float
    disputed: bool


@dataclass(frozen=True)
class JudgeProfile:
    """A judge's scoring habits. ``offset`` is how much more (or, negative, less)
    than the average judge they give an average entry; ``scale`` how much more they
    spread their scores, relative to the average judge."""

    judge: Hashable
    count: int
    mean: float
    sd: float
    offset: float
    scale: float


@dataclass(frozen=True)
class Calibration:
    entries: list[EntryScores]
    judges: list[JudgeProfile]

    def ranking(self, method: str = "model_score") -> list[Hashable]:
        """Entries from best to worst by ``method``; ties keep first-scored order."""
        if method not in METHODS:
            raise ValueError(f"unknown method {method!r}; one of {', '.join(METHODS)}")
        ordered = sorted(self.entries, key=lambda e: -getattr(e, method))
        return [entry.entry for entry in ordered]


@dataclass(frozen=True)
class JudgeModel:
    """The fitted ``bias + scale * quality`` model, by index of judge and entry."""

    quality: np.ndarray
    bias: np.ndarray
    scale: np.ndarray
    iterations: int

    def scores(self) -> np.ndarray:
        """Each entry's score from the average judge."""
        return float(self.bias.mean()) + float(self.scale.mean()) * self.quality


class ScoreSheet:
    """Scores as parallel arrays of judge index, entry index and value.

    Ids may be any hashable values; they are numbered in order of first appearance.
    """

    def __init__(self, scores: Iterable[tuple[Hashable, Hashable, float]]) -> None:
        judges: dict[Hashable, int] = {}
        entries: dict[Hashable, int] = {}
        rows = [
            (judges.setdefault(j, len(judges)), entries.setdefault(e, len(entries)), float(x))
            for j, e, x in scores
        ]
        if not rows:
            raise ValueError("no scores")
        judge, entry, value = zip(*rows, strict=True)
        self.judge = np.array(judge, dtype=np.intp)
        self.entry = np.array(entry, dtype=np.intp)
        self.value = np.array(value, dtype=float)
        self.judge_ids, self.entry_ids = list(judges), list(entries)
        if not np.isfinite(self.value).all():
            raise ValueError("scores must be finite numbers")
        if len(set(zip(judge, entry, strict=True))) != len(rows):
            raise ValueError("a judge scored the same entry twice")

    @property
    def judges(self) -> int:
        return len(self.judge_ids)

    @property
    def entries(self) -> int:
        return len(self.entry_ids)

    def per_entry(self, values: np.ndarray) -> np.ndarray:
        """Mean of ``values`` (one per score) over each entry's scores."""
        return np.bincount(self.entry, values, self.entries) / self.entry_counts()

    def entry_counts(self) -> np.ndarray:
        return np.bincount(self.entry, minlength=self.entries)

    def judge_counts(self) -> np.ndarray:
        return np.bincount(self.judge, minlength=self.judges)

    def judge_means(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.judge, values, self.judges) / self.judge_counts()


def calibrate(
    scores: Iterable[tuple[Hashable, Hashable, float]],
    *,
    dispute_spread: float = DEFAULT_DISPUTE_SPREAD,
    scale: bool = True,
) -> Calibration:
    """Every method's score for every entry, and each judge's fitted habits.

    ``scores`` are ``(judge, entry, score)`` triples, each judge scoring each entry
    at most once.
    """
    sheet = ScoreSheet(scores)
    calibrated = zscore_calibrated(sheet)
    spread = _entry_range(sheet, calibrated)
    sd = float(sheet.value.std())
    model = fit_judge_model(sheet, scale=scale)
    columns = zip(
        sheet.entry_counts().tolist(),
        raw_means(sheet).tolist(),
        trimmed_means(sheet).tolist(),
        sheet.per_entry(calibrated).tolist(),
        model.scores().tolist(),
        spread.tolist(),
        strict=True,
    )
    entries = [
        EntryScores(entry, count, raw, trimmed, z, fitted, gap, gap > dispute_spread * sd)
        for entry, (count, raw, trimmed, z, fitted, gap) in zip(
            sheet.entry_ids, columns, strict=True
        )
    ]
    return Calibration(entries, _judge_profiles(sheet, model))


def raw_means(sheet: ScoreSheet) -> np.ndarray:
    return sheet.per_entry(sheet.value)


def trimmed_means(sheet: ScoreSheet) -> np.ndarray:
    """Mean of each entry's scores without the highest and lowest, given three or more."""
    order = np.lexsort((sheet.value, sheet.entry))
    entry, value = sheet.entry[order], sheet.value[order]
    counts = sheet.entry_counts()
    first = np.concatenate(([0], np.cumsum(counts)[:-1]))
    rank = np.arange(len(value)) - first[entry]
    trimmed = (counts[entry] >= 3) & ((rank == 0) | (rank == counts[entry] - 1))
    kept = np.bincount(entry, (~trimmed).astype(float), sheet.entries)
    return np.bincount(entry, np.where(trimmed, 0.0, value), sheet.entries) / kept


def zscore_calibrated(sheet: ScoreSheet) -> np.ndarray:
    """Each score standardised by its judge's mean and sd, on the global scale.

    Whether a judge's scores vary is decided by comparing them, not by their sd:
    the sd of ten scores of 7.3 comes out as 1e-16 rather than 0, and dividing by it
    would turn rounding into opinions.
    """
    mean, sd = float(sheet.value.mean()), float(sheet.value.std())
    judge_mean = sheet.judge_means(sheet.value)
    judge_sd = np.sqrt(sheet.judge_means((sheet.value - judge_mean[sheet.judge]) ** 2))
    single = sheet.judge_counts()[sheet.judge] == 1
    varies = (_per_judge_range(sheet) > 0)[sheet.judge]
    global_varies = bool(sheet.value.max() > sheet.value.min())
    centre = np.where(single, mean, judge_mean[sheet.judge])
    spread = np.where(single, sd, judge_sd[sheet.judge])
    usable = np.where(single, global_varies, varies)
    z = np.divide(sheet.value - centre, spread, out=np.zeros(len(sheet.value)), where=usable)
    return mean + sd * z


def zscore_means(sheet: ScoreSheet) -> np.ndarray:
    return sheet.per_entry(zscore_calibrated(sheet))


def fit_judge_model(
    sheet: ScoreSheet,
    *,
    scale: bool = True,
    quality_prior: float = DEFAULT_QUALITY_PRIOR,
    scale_prior: float = DEFAULT_SCALE_PRIOR,
    tolerance: float = 1e-10,
    max_iterations: int = 1000,
) -> JudgeModel:
    """Fit ``score = bias[judge] + scale[judge] * quality[entry]`` by alternating least squares.

    Starts from each judge's mean offset and scale 1, i.e. the additive correction;
    stops when no quality moves by more than ``tolerance`` standard deviations.

    The priors are measured in the judges' pooled within-judge variance, which,
    unlike the global variance, does not change when one judge's scores are shifted.
    """
    mean = float(sheet.value.mean())
    variance = _pooled_variance(sheet)
    bias = sheet.judge_means(sheet.value) - mean
    slope = np.ones(sheet.judges)
    quality = np.full(sheet.entries, mean)
    for iteration in range(1, max_iterations + 1):
        previous = quality
        quality = _fit_qualities(sheet, bias, slope, mean, quality_prior)
        bias, slope = _fit_judges(sheet, quality, scale, scale_prior * variance)
        if np.abs(quality - previous).max() <= tolerance * math.sqrt(variance):
            return JudgeModel(quality=quality, bias=bias, scale=slope, iterations=iteration)
    return JudgeModel(quality=quality, bias=bias, scale=slope, iterations=max_iterations)


def _pooled_variance(sheet: ScoreSheet) -> float:
    deviations = sheet.value - sheet.judge_means(sheet.value)[sheet.judge]
    for variance in (float(np.mean(deviations**2)), float(sheet.value.var())):
        if variance > 0:
            return variance
    return 1.0


def _fit_qualities(
    sheet: ScoreSheet, bias: np.ndarray, slope: np.ndarray, mean: float, prior: float
) -> np.ndarray:
    """Least-squares qualities for fixed judges, each pulled towards ``mean``."""
    a = slope[sheet.judge]
    numerator = np.bincount(sheet.entry, a * (sheet.value - bias[sheet.judge]), sheet.entries)
    denominator = np.bincount(sheet.entry, a * a, sheet.entries)
    return (numerator + prior * mean) / (denominator + prior)


def _fit_judges(
    sheet: ScoreSheet, quality: np.ndarray, scale: bool, prior: float
) -> tuple[np.ndarray, np.ndarray]:
    """Each judge's line through their scores against the qualities they saw.

    The slope is pulled towards 1 and kept non-negative: a judge whose scores run
    against everyone else's is given no weight rather than inverted.
    """
    q = quality[sheet.entry]
    q_mean = sheet.judge_means(q)
    x_mean = sheet.judge_means(sheet.value)
    if scale:
        dq = q - q_mean[sheet.judge]
        dx = sheet.value - x_mean[sheet.judge]
        covariance = np.bincount(sheet.judge, dq * dx, sheet.judges)
        variance = np.bincount(sheet.judge, dq * dq, sheet.judges)
        slope = np.maximum((covariance + prior) / (variance + prior), 0.0)
    else:
        slope = np.ones(sheet.judges)
    return x_mean - slope * q_mean, slope


def _entry_range(sheet: ScoreSheet, values: np.ndarray) -> np.ndarray:
    return _range(sheet.entry, values, sheet.entries)


def _per_judge_range(sheet: ScoreSheet) -> np.ndarray:
    return _range(sheet.judge, sheet.value, sheet.judges)


def _range(groups: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
    high = np.full(count, -np.inf)
    low = np.full(count, np.inf)
    np.maximum.at(high, groups, values)
    np.minimum.at(low, groups, values)
    return high - low


def _judge_profiles(sheet: ScoreSheet, model: JudgeModel) -> list[JudgeProfile]:
    mean_quality = float(sheet.value.mean())
    given = model.bias + model.scale * mean_quality
    average = float(model.bias.mean()) + float(model.scale.mean()) * mean_quality
    relative_scale = model.scale / max(float(model.scale.mean()), 1e-12)
    judge_mean = sheet.judge_means(sheet.value)
    judge_sd = np.sqrt(sheet.judge_means((sheet.value - judge_mean[sheet.judge]) ** 2))
    rows = zip(
        sheet.judge_ids,
        sheet.judge_counts().tolist(),
        judge_mean.tolist(),
        judge_sd.tolist(),
        (given - average).tolist(),
        relative_scale.tolist(),
        strict=True,
    )
    return [JudgeProfile(*row) for row in rows]
