"""Benchmark of score calibration on simulated contests.

Each simulated contest has ``--entries`` entries of known quality and ``--judges``
judges with known severity (an offset), spread (a slope) and noise; every entry is
scored by ``--per-entry`` judges on a 10-point scale in quarter points, with the
judges' loads balanced. Two ways of assigning entries:

random
    any judge may read any entry;
by district
    entries come from three districts of different average quality, and each is
    read by two judges of its district's panel and one judge of another panel, so
    a panel's judges see a stronger or weaker pool than the others.

For every method it reports Kendall's tau between the true quality ranking and the
method's ranking (mean, spread and worst over seeds), the share of seeds on which
the method ranks better than the raw mean, and how many of the true top tenth end
up in the method's top tenth (the entries a jury would forward).

    uv run python bench/calibration.py                 # 200 seeds
    uv run python bench/calibration.py --seeds 20
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

from tongket.contests.calibration import (
    ScoreSheet,
    fit_judge_model,
    raw_means,
    trimmed_means,
    zscore_means,
)

Method = Callable[[ScoreSheet], np.ndarray]
METHODS: dict[str, Method] = {
    "raw mean": raw_means,
    "trimmed mean": trimmed_means,
    "z-score": zscore_means,
    "additive model": lambda sheet: fit_judge_model(sheet, scale=False).scores(),
    "bias + scale model": lambda sheet: fit_judge_model(sheet).scores(),
}


def kendall_tau(x: np.ndarray, y: np.ndarray) -> float:
    """Kendall's tau-b: concordant minus discordant pairs, corrected for ties."""
    sx = np.sign(x[:, None] - x[None, :])
    sy = np.sign(y[:, None] - y[None, :])
    n = len(x)
    pairs = n * (n - 1) / 2
    ties_x = ((sx == 0).sum() - n) / 2
    ties_y = ((sy == 0).sum() - n) / 2
    denominator = np.sqrt((pairs - ties_x) * (pairs - ties_y))
    return float((sx * sy).sum() / 2 / denominator) if denominator else 0.0


def top_share(truth: np.ndarray, estimate: np.ndarray, share: float = 0.1) -> float:
    """Share of the true top ``share`` found in the estimate's top ``share``."""
    k = max(1, round(share * len(truth)))
    best = set(np.argsort(-truth)[:k].tolist())
    return len(best & set(np.argsort(-estimate, kind="stable")[:k].tolist())) / k


def simulate(
    rng: np.random.Generator, entries: int, judges: int, per_entry: int, by_district: bool
) -> tuple[ScoreSheet, np.ndarray]:
    """A contest's score sheet and the entries' true qualities."""
    district = rng.integers(0, 3, entries)
    quality = rng.normal(0, 1, entries) + (
        np.array([-0.6, 0.0, 0.6])[district] if by_district else 0
    )
    severity = rng.normal(0, 0.8, judges)
    spread = rng.lognormal(0, 0.35, judges)
    noise = rng.uniform(0.35, 0.8, judges)
    panels = np.arange(judges) % 3
    load = np.zeros(judges)
    scores = []
    for entry in rng.permutation(entries).tolist():
        for judge in _assign(rng, load, panels, district[entry], per_entry, by_district):
            load[judge] += 1
            latent = severity[judge] + spread[judge] * quality[entry] + rng.normal(0, noise[judge])
            score = np.clip(np.round((6.5 + 1.2 * latent) * 4) / 4, 0, 10)
            scores.append((judge, entry, float(score)))
    scores.sort(key=lambda row: (row[1], row[0]))
    return ScoreSheet(scores), quality


def _assign(
    rng: np.random.Generator,
    load: np.ndarray,
    panels: np.ndarray,
    district: int,
    count: int,
    by_district: bool,
) -> list[int]:
    """The least-loaded judges (ties at random): from the entry's own panel but one."""
    tiebreak = rng.random(len(load))
    if not by_district:
        return np.lexsort((tiebreak, load))[:count].tolist()
    home = [j for j in np.lexsort((tiebreak, load)).tolist() if panels[j] == district]
    away = [j for j in np.lexsort((tiebreak, load)).tolist() if panels[j] != district]
    return home[: count - 1] + away[:1]


def run(args: argparse.Namespace, by_district: bool) -> None:
    title = "by district" if by_district else "random"
    print(
        f"\n== {title}: {args.entries} entries, {args.judges} judges, {args.per_entry} each, "
        f"{args.seeds} seeds =="
    )
    taus: dict[str, list[float]] = {name: [] for name in METHODS}
    tops: dict[str, list[float]] = {name: [] for name in METHODS}
    start = time.perf_counter()
    for seed in range(args.seeds):
        rng = np.random.default_rng([seed, int(by_district)])
        sheet, quality = simulate(rng, args.entries, args.judges, args.per_entry, by_district)
        truth = quality[np.array(sheet.entry_ids)]  # estimates follow the sheet's order
        for name, method in METHODS.items():
            estimate = method(sheet)
            taus[name].append(kendall_tau(truth, estimate))
            tops[name].append(top_share(truth, estimate))
    raw = np.array(taus["raw mean"])
    print(f"{'method':20} {'tau mean':>9} {'sd':>6} {'min':>6} {'beats raw':>10} {'top 10%':>8}")
    for name in METHODS:
        tau = np.array(taus[name])
        beats = "" if name == "raw mean" else f"{np.mean(tau > raw):.0%}"
        print(
            f"{name:20} {tau.mean():9.3f} {tau.std():6.3f} {tau.min():6.3f} {beats:>10} "
            f"{np.mean(tops[name]):8.2f}"
        )
    print(f"({time.perf_counter() - start:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--judges", type=int, default=9)
    parser.add_argument("--per-entry", type=int, default=3)
    parser.add_argument("--seeds", type=int, default=200)
    args = parser.parse_args()
    run(args, by_district=False)
    run(args, by_district=True)


if __name__ == "__main__":
    main()
