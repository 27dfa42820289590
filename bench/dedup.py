"""Benchmark of near-duplicate detection on a synthetic Vietnamese-like contest.

Generates, deterministically and in memory, essays of about 1,500 syllables from a
syllable vocabulary with Zipf-like frequencies, sentences and paragraphs, with
stock phrases that every essay on the theme repeats, and plants near-duplicates of
four kinds (paraphrased, partly copied, paragraphs reordered, padded with new
paragraphs). Then it measures, against an exact all-pairs reference computed in the
same run on the first ``--subset`` entries: recall, precision and the error of the
reported similarity, and the speed-up over that brute force; and the time of a full
run over ``--entries`` entries.

    uv run python bench/dedup.py                      # 10,000 entries, subset 1,000
    uv run python bench/dedup.py --entries 2000 --subset 300
    uv run python bench/dedup.py --subset 0           # the full run alone (memory)
"""

from __future__ import annotations

import argparse
import itertools
import math
import resource
import time
import tracemalloc
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tongket.contests.dedup import (
    DEFAULT_THRESHOLD,
    SHINGLE_SIZE,
    Fingerprinter,
    candidate_pairs,
    exact_jaccard,
    find_near_duplicates,
    shingle_hashes,
    tokenize,
)

_ONSETS = "b c ch d đ g gi h k kh l m n ng nh p ph qu r s t th tr v x"
_RHYMES = (
    "a ai an ang anh ao au ay ăn ăng ăm ât âu ây âm ân e em en eo et ê ên ênh êt i ich "
    "iên iêt in inh it o oa oai oan oang oc oi om on ong ô ôi ôm ôn ông ơ ơi ơm ơn u ua "
    "uc ui um un ung uôi uôn uông uy uyên ư ưa ưc ưng ươi ương ươc ưu"
)
ONSETS = ["", *_ONSETS.split(" ")]
RHYMES = _RHYMES.split(" ")
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
VOWELS = set("aăâeêioôơuưy")

Paragraph = list[list[int]]
Essay = list[Paragraph]


@dataclass(frozen=True)
class Planted:
    source: int
    copy: int
    kind: str


class Corpus:
    """A seeded generator of essays as paragraphs of sentences of syllable ids."""

    def __init__(self, seed: int, vocabulary_size: int = 6000) -> None:
        self.rng = np.random.default_rng(seed)
        self.syllables = self._syllables(vocabulary_size)
        ranks = np.arange(1, len(self.syllables) + 1)
        weights = 1.0 / (ranks + 2.7) ** 1.05
        self.cdf = np.cumsum(weights / weights.sum())
        self.stock = [self.words(int(self.rng.integers(6, 15))) for _ in range(120)]

    def _syllables(self, size: int) -> list[str]:
        found = set()
        for onset, rhyme, tone in itertools.product(ONSETS, RHYMES, TONES):
            if rhyme[-1] in "ctp" and tone not in ("\u0301", "\u0323"):
                continue
            found.add(unicodedata.normalize("NFC", onset + _with_tone(rhyme, tone)))
        ordered = sorted(found)
        self.rng.shuffle(ordered)
        return ordered[:size]

    def words(self, count: int) -> list[int]:
        return np.searchsorted(self.cdf, self.rng.random(count)).tolist()

    def sentence(self) -> list[int]:
        words = self.words(int(self.rng.integers(8, 25)))
        if self.rng.random() < 0.3:
            at = int(self.rng.integers(0, len(words)))
            words[at:at] = self.stock[int(self.rng.integers(len(self.stock)))]
        return words

    def paragraph(self) -> Paragraph:
        return [self.sentence() for _ in range(int(self.rng.integers(4, 9)))]

    def essay(self, length: int = 1500) -> Essay:
        paragraphs: Essay = []
        while sum(len(s) for p in paragraphs for s in p) < length:
            paragraphs.append(self.paragraph())
        return paragraphs

    def render(self, essay: Essay) -> str:
        return "\n\n".join(" ".join(self._sentence_text(s) for s in p) for p in essay)

    def _sentence_text(self, sentence: list[int]) -> str:
        words = [self.syllables[i] for i in sentence]
        words[0] = words[0].capitalize()
        if len(words) > 12:
            words[len(words) // 2] += ","
        return " ".join(words) + "."

    # Planted near-duplicates --------------------------------------------------------

    def paraphrased(self, essay: Essay, rate: float) -> Essay:
        """Each syllable replaced by another with probability ``rate``."""
        return [[self._substituted(s, rate) for s in p] for p in essay]

    def partly_copied(self, essay: Essay, share: float) -> Essay:
        """Each paragraph kept with probability ``share``, otherwise newly written."""
        return [p if self.rng.random() < share else self.paragraph() for p in essay]

    def reordered(self, essay: Essay, rate: float) -> Essay:
        """Paragraphs shuffled and lightly paraphrased."""
        order = self.rng.permutation(len(essay))
        return self.paraphrased([essay[i] for i in order], rate)

    def padded(self, essay: Essay, extra: float) -> Essay:
        """New paragraphs inserted, ``extra`` times as many as the essay had."""
        result = [list(p) for p in essay]
        for _ in range(round(extra * len(essay))):
            result.insert(int(self.rng.integers(0, len(result) + 1)), self.paragraph())
        return result

    def _substituted(self, sentence: list[int], rate: float) -> list[int]:
        changed = self.rng.random(len(sentence)) < rate
        replacements = self.words(len(sentence))
        return [r if c else w for w, r, c in zip(sentence, replacements, changed, strict=True)]


def _with_tone(rhyme: str, tone: str) -> str:
    vowels = [i for i, ch in enumerate(rhyme) if ch in VOWELS]
    if not vowels:
        return rhyme
    at = vowels[1] if len(vowels) > 1 and rhyme[vowels[0]] in "oiu" else vowels[0]
    return rhyme[: at + 1] + tone + rhyme[at + 1 :]


def generate(entries: int, seed: int, share: float = 0.1) -> tuple[list[str], list[Planted]]:
    """``entries`` essays of which about ``share`` copy one of the 50 before them."""
    corpus = Corpus(seed)
    essays: list[Essay] = []
    planted: list[Planted] = []
    for index in range(entries):
        if index >= 2 and corpus.rng.random() < share:
            source = int(corpus.rng.integers(max(0, index - 50), index))
            kind, essay = _derive(corpus, essays[source])
            planted.append(Planted(source, index, kind))
        else:
            essay = corpus.essay()
        essays.append(essay)
    return [corpus.render(e) for e in essays], planted


def _derive(corpus: Corpus, source: Essay) -> tuple[str, Essay]:
    kind = ["paraphrased", "partly copied", "reordered", "padded"][int(corpus.rng.integers(4))]
    if kind == "paraphrased":
        return kind, corpus.paraphrased(source, corpus.rng.uniform(0.01, 0.14))
    if kind == "partly copied":
        return kind, corpus.partly_copied(source, corpus.rng.uniform(0.35, 0.95))
    if kind == "reordered":
        return kind, corpus.reordered(source, corpus.rng.uniform(0.0, 0.04))
    return kind, corpus.padded(source, corpus.rng.uniform(0.1, 1.5))


# ---------------------------------------------------------------------------
# Reference


def shingle_sets(texts: Sequence[str]) -> list[set[int]]:
    """Exact shingle sets, each shingle a Python int packing its five token numbers.

    Independent of the module's hashing: tokens are numbered in order of first
    appearance, so two shingles are equal exactly when their tokens are.
    """
    numbers: dict[str, int] = {}
    sets = []
    for text in texts:
        ids = [numbers.setdefault(t, len(numbers)) for t in tokenize(text)]
        sets.append(
            {
                ids[i] << 80 | ids[i + 1] << 60 | ids[i + 2] << 40 | ids[i + 3] << 20 | ids[i + 4]
                for i in range(len(ids) - SHINGLE_SIZE + 1)
            }
        )
    return sets


def brute_force(texts: Sequence[str], threshold: float) -> Pairs:
    """Every pair at least ``threshold`` similar, by comparing all pairs exactly."""
    sets = shingle_sets(texts)
    found = {}
    for i, a in enumerate(sets):
        for j in range(i + 1, len(sets)):
            b = sets[j]
            shared = len(a & b)
            union = len(a) + len(b) - shared
            if union and shared / union >= threshold:
                found[(i, j)] = shared / union
    return found


def numpy_pair_seconds(texts: Sequence[str], samples: int, seed: int) -> float:
    """Seconds per pair of a brute force over sorted numpy hash arrays (a faster one)."""
    arrays = [np.unique(shingle_hashes(t)) for t in texts]
    rng = np.random.default_rng(seed)
    pairs = rng.integers(0, len(arrays), size=(samples, 2))
    start = time.perf_counter()
    for i, j in pairs.tolist():
        shared = len(np.intersect1d(arrays[i], arrays[j], assume_unique=True))
        _ = shared / (len(arrays[i]) + len(arrays[j]) - shared)
    return (time.perf_counter() - start) / samples


# ---------------------------------------------------------------------------
# Report


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_subset(texts: Sequence[str], threshold: float, seed: int) -> float:
    n = len(texts)
    print(f"\n== Subset: {n} entries, {n * (n - 1) // 2:,} pairs ==")
    start = time.perf_counter()
    reference = brute_force(texts, threshold)
    brute_seconds = time.perf_counter() - start
    start = time.perf_counter()
    found = find_near_duplicates(texts, threshold)
    fast_seconds = time.perf_counter() - start
    ours = {(p.a, p.b): p.similarity for p in found}
    hits = ours.keys() & reference.keys()
    recall = len(hits) / len(reference) if reference else 1.0
    precision = len(hits) / len(ours) if ours else 1.0
    errors = np.array([abs(ours[k] - reference[k]) for k in hits]) if hits else np.zeros(1)
    print(f"reference pairs >= {threshold}: {len(reference)}; reported: {len(ours)}")
    print(f"recall    {recall:.4f}  (target >= 0.95)")
    print(f"precision {precision:.4f}  (target >= 0.95)")
    print(f"|similarity error| mean {errors.mean():.2e}, max {errors.max():.2e}")
    _recall_by_band(reference, ours)
    _estimate_error(texts, reference, threshold)
    per_pair = numpy_pair_seconds(texts, 20000, seed)
    numpy_seconds = per_pair * n * (n - 1) / 2
    print(f"brute force (Python sets, measured)    {brute_seconds:8.2f} s")
    print(f"brute force (numpy, extrapolated)      {numpy_seconds:8.2f} s")
    print(f"find_near_duplicates                   {fast_seconds:8.2f} s")
    print(
        f"speed-up {brute_seconds / fast_seconds:.0f}x over Python sets (target >= 50x), "
        f"{numpy_seconds / fast_seconds:.0f}x over numpy"
    )
    return brute_seconds / (n * (n - 1) / 2)


Pairs = dict[tuple[int, int], float]


def _recall_by_band(reference: Pairs, ours: Pairs) -> None:
    for low, high in ((0.5, 0.6), (0.6, 0.8), (0.8, 1.01)):
        band = [k for k, s in reference.items() if low <= s < high]
        if band:
            found = sum(k in ours for k in band)
            print(f"  recall for true similarity in [{low}, {min(high, 1.0)}): {found}/{len(band)}")


def _estimate_error(texts: Sequence[str], reference: Pairs, threshold: float) -> None:
    fingerprints = Fingerprinter().fingerprint_many(texts)
    errors = np.array(
        [
            abs(fingerprints[i].estimated_similarity(fingerprints[j]) - s)
            for (i, j), s in reference.items()
        ]
    )
    candidates = candidate_pairs(fingerprints, threshold)
    if len(errors):
        print(
            f"MinHash estimate before verification: |error| mean {errors.mean():.3f}, "
            f"max {errors.max():.3f}; {len(candidates)} candidates verified"
        )


def measure_full(
    texts: Sequence[str], planted: Sequence[Planted], threshold: float, brute_per_pair: float
) -> None:
    n = len(texts)
    words = sum(len(tokenize(t)) for t in texts[:200]) / min(n, 200)
    print(f"\n== Full run: {n} entries, about {words:.0f} tokens each ==")
    start = time.perf_counter()
    found = find_near_duplicates(texts, threshold)
    seconds = time.perf_counter() - start
    print(f"find_near_duplicates: {seconds:.1f} s (target <= 60 s), {len(found)} pairs reported")
    print(f"peak memory of the process so far {peak_mib():.0f} MiB")
    tracemalloc.start()
    find_near_duplicates(texts, threshold)
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"memory allocated by find_near_duplicates at its peak (tracemalloc) {traced:.0f} MiB")
    if not math.isnan(brute_per_pair):
        brute = brute_per_pair * n * (n - 1) / 2
        print(
            f"brute force at the subset's cost per pair would take about {brute:.0f} s "
            f"(extrapolated, {brute / seconds:.0f}x)"
        )
    wrong = [p for p in found if exact_jaccard(texts[p.a], texts[p.b]) < threshold]
    precision = 1 - len(wrong) / max(len(found), 1)
    print(f"precision (reported pairs checked by exact_jaccard): {precision:.4f}")
    reported = {(p.a, p.b) for p in found}
    by_kind: dict[str, list[bool]] = {}
    missed = []
    for plant in planted:
        if plant.copy >= n:
            continue
        similarity = exact_jaccard(texts[plant.source], texts[plant.copy])
        if similarity >= threshold:
            hit = (plant.source, plant.copy) in reported
            by_kind.setdefault(plant.kind, []).append(hit)
            missed += [] if hit else [f"{similarity:.3f}"]
    total = [hit for hits in by_kind.values() for hit in hits]
    print(
        f"recall of planted pairs with true similarity >= {threshold}: "
        f"{sum(total)}/{len(total)} = {sum(total) / max(len(total), 1):.4f}"
    )
    for kind, hits in sorted(by_kind.items()):
        print(f"  {kind:14} {sum(hits)}/{len(hits)}")
    print(f"  true similarity of the missed pairs: {', '.join(missed) or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--subset", type=int, default=1_000)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    start = time.perf_counter()
    texts, planted = generate(max(args.entries, args.subset), args.seed)
    print(
        f"generated {len(texts)} essays, {len(planted)} planted copies "
        f"in {time.perf_counter() - start:.1f} s; peak memory {peak_mib():.0f} MiB"
    )
    brute_per_pair = math.nan
    if args.subset:
        brute_per_pair = measure_subset(texts[: args.subset], args.threshold, args.seed)
        print(f"peak memory {peak_mib():.0f} MiB")
    measure_full(texts[: args.entries], planted, args.threshold, brute_per_pair)
    print(f"\npeak memory of the whole run {peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
