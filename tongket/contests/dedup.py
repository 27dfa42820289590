"""Near-duplicate detection among contest entries.

Similarity is the Jaccard similarity of two texts' sets of 5-token shingles, where
tokens are the runs of ``\\w+`` in the NFC, lower-cased text (for Vietnamese, the
syllables), as CONTRACT.md defines it for ``tongket dedup``. Comparing every pair
exactly is quadratic: a district contest has hundreds of entries, a city one
thousands, and each new contest should also be checked against earlier years.

So each text gets a :class:`Fingerprint`, computed once and storable as bytes: a
MinHash signature (for finding candidates) and the sorted set of its 64-bit shingle
hashes (for checking them exactly).

- Tokens are hashed with BLAKE2b-64 (stable across processes and Python versions,
  unlike ``hash()``), shingles by a polynomial over the five token hashes followed by
  the SplitMix64 finaliser, all in numpy.
- The MinHash uses the universal family ``(a*x + b) mod p`` with ``p = 2**61 - 1``
  over the 32-bit shingle keys ``x``; with ``a < 2**31`` the product fits in 64 bits,
  so numpy computes it exactly for all shingles and permutations at once.
- LSH banding: the ``k`` signature rows are cut into ``b`` bands of ``r`` rows; two
  texts become candidates when all rows of some band agree, which happens with
  probability ``1 - (1 - s**r)**b`` for Jaccard similarity ``s`` (the S-curve).
  With the default ``k = 96`` and threshold 0.5 we use ``r = 3, b = 32``:

  ======  =================  =====================================================
  s       P(candidate)       meaning
  ======  =================  =====================================================
  0.10    0.032              unrelated essays on one theme: few wasted checks
  0.30    0.58               verified exactly and dropped
  0.50    0.986              recall at the threshold itself is above 0.95
  0.60    0.9990
  0.80    1.0000
  ======  =================  =====================================================

  ``r = 4`` (24 bands) would give only 0.79 at s = 0.5; 192 rows with ``r = 4``
  would reach 0.955 at twice the cost. For other thresholds :func:`choose_bands`
  takes the largest ``r`` whose curve still gives 0.95 at the threshold.
- Candidates are verified by the exact Jaccard similarity of the shingle-hash sets,
  so the reported similarity is exact up to 64-bit hash collisions and a pair below
  the threshold is never reported.

A text with fewer than five tokens has no shingle; its similarity to anything is 0
(the contract's set is empty) and it is never reported.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

SHINGLE_SIZE = 5
DEFAULT_THRESHOLD = 0.5
DEFAULT_NUM_PERM = 96
TARGET_RECALL = 0.95

# A passage is [a_start, a_end, b_start, b_end]: character offsets, ends exclusive.
Passage = tuple[int, int, int, int]

_WORD = re.compile(r"\w+")
_MERSENNE_61 = np.uint64((1 << 61) - 1)
_EMPTY = np.uint64(np.iinfo(np.uint64).max)
_POLY = np.uint64(0x9E3779B97F4A7C15)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
# Shingles per block in the MinHash loop: small enough that the (block x k) work
# arrays stay in the CPU cache, which makes it about three times faster.
_BLOCK = 256
# A phrase repeated within a text would match every repeat in the other text; only
# this many are followed when tracing passages.
_MAX_REPEATS = 8
_MAGIC = b"TKMH"
_FORMAT_VERSION = 1
_HEADER = struct.Struct("<4sBHQI")


@dataclass(frozen=True)
class DuplicatePair:
    """Two texts, by index, whose shingle sets overlap at least the threshold."""

    a: int
    b: int
    similarity: float
    passages: tuple[Passage, ...] = ()


# ---------------------------------------------------------------------------
# Tokens and shingles as the contract defines them


def tokenize(text: str) -> list[str]:
    """The contract's tokens: runs of word characters of the NFC, lower-cased text."""
    return _WORD.findall(_normalize(text))


def shingles(text: str) -> set[tuple[str, ...]]:
    """The set of 5-token shingles of a text, as tuples of tokens."""
    tokens = tokenize(text)
    return {tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)}


def exact_jaccard(a: str, b: str) -> float:
    """Jaccard similarity of two texts' shingle sets, by brute force: the reference.

    Two texts without shingles have similarity 0, not 1: a title is not a copy.
    """
    set_a, set_b = shingles(a), shingles(b)
    union = len(set_a | set_b)
    return len(set_a & set_b) / union if union else 0.0


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges, in ``text`` itself, of the tokens of :func:`tokenize`.

    Tokens are found in the normalised text, whose offsets differ from the original
    when it was decomposed (NFD) or lower-casing changed a length; passages must
    point into what the author submitted.
    """
    normalized = _normalize(text)
    starts, ends = _offset_maps(text, normalized)
    return [(starts[m.start()], ends[m.end() - 1]) for m in _WORD.finditer(normalized)]


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def _offset_maps(text: str, normalized: str) -> tuple[Sequence[int], Sequence[int]]:
    """For each normalised character, the start and end of its source in ``text``.

    Normalisation is done cluster by cluster (a base character and the combining
    marks after it), which is how NFC composes Vietnamese. In the rare scripts where
    composition crosses clusters the lengths disagree and offsets fall back to the
    normalised text's own.
    """
    if len(normalized) == len(text) and unicodedata.is_normalized("NFC", text):
        return range(len(text)), range(1, len(text) + 1)
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _clusters(text):
        width = len(_normalize(text[start:end]))
        starts.extend([start] * width)
        ends.extend([end] * width)
    if len(starts) != len(normalized):
        return range(len(normalized)), range(1, len(normalized) + 1)
    return starts, ends


def _clusters(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for index in range(1, len(text)):
        if unicodedata.combining(text[index]) == 0:
            yield start, index
            start = index
    if text:
        yield start, len(text)


# ---------------------------------------------------------------------------
# Fingerprints


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """What near-duplicate search needs of one text, computed once and storable.

    ``signature`` holds the MinHash values (``num_perm`` of them, all ``2**64 - 1``
    for a text without shingles); ``shingles`` the sorted distinct shingle hashes.
    """

    signature: np.ndarray
    shingles: np.ndarray
    seed: int = 0

    @property
    def num_perm(self) -> int:
        return len(self.signature)

    @property
    def is_empty(self) -> bool:
        return len(self.shingles) == 0

    def similarity(self, other: Fingerprint) -> float:
        """Exact Jaccard similarity of the two shingle-hash sets."""
        return _set_jaccard(self.shingles, other.shingles)

    def estimated_similarity(self, other: Fingerprint) -> float:
        """MinHash estimate of the Jaccard similarity: the share of equal rows."""
        _check_compatible(self, other)
        if self.is_empty or other.is_empty:
            return 0.0
        return float(np.mean(self.signature == other.signature))

    def to_bytes(self) -> bytes:
        """Little-endian bytes with a header, so a stored fingerprint outlives this process."""
        header = _HEADER.pack(_MAGIC, _FORMAT_VERSION, self.num_perm, self.seed, len(self.shingles))
        return (
            header + self.signature.astype("<u8").tobytes() + self.shingles.astype("<u8").tobytes()
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        magic, version, num_perm, seed, count = _HEADER.unpack_from(data)
        if magic != _MAGIC or version != _FORMAT_VERSION:
            raise ValueError("not a tongket fingerprint of a known version")
        if len(data) != _HEADER.size + 8 * (num_perm + count):
            raise ValueError("fingerprint bytes have the wrong length")
        values = np.frombuffer(data, dtype="<u8", offset=_HEADER.size).astype(np.uint64)
        return cls(signature=values[:num_perm], shingles=values[num_perm:], seed=seed)


class Fingerprinter:
    """Computes fingerprints with fixed MinHash parameters.

    The permutations are derived from ``seed`` with BLAKE2b rather than a numpy
    generator, whose streams may change between numpy versions: fingerprints stored
    years ago must stay comparable. Token hashes are cached, since a corpus has far
    fewer distinct syllables than tokens. Not thread-safe (it reuses work buffers).
    """

    def __init__(self, num_perm: int = DEFAULT_NUM_PERM, seed: int = 0) -> None:
        self.num_perm = num_perm
        self.seed = seed
        self._a, self._b = _permutations(num_perm, seed)
        self._token_hashes: dict[str, int] = _TokenHashes()
        self._products = np.empty((_BLOCK, num_perm), dtype=np.uint64)
        self._residues = np.empty((_BLOCK, num_perm), dtype=np.uint64)

    def fingerprint(self, text: str) -> Fingerprint:
        distinct = np.unique(self.shingle_hashes(text))
        return Fingerprint(signature=self._minhash(distinct), shingles=distinct, seed=self.seed)

    def fingerprint_many(self, texts: Iterable[str]) -> list[Fingerprint]:
        return [self.fingerprint(text) for text in texts]

    def shingle_hashes(self, text: str) -> np.ndarray:
        """64-bit hash of each shingle, in text order (repeats included)."""
        tokens = tokenize(text)
        hashes = np.fromiter(
            map(self._token_hashes.__getitem__, tokens), dtype=np.uint64, count=len(tokens)
        )
        return _combine_shingles(hashes)

    def _minhash(self, distinct: np.ndarray) -> np.ndarray:
        signature = np.full(self.num_perm, _EMPTY, dtype=np.uint64)
        keys = distinct >> np.uint64(32)
        for start in range(0, len(keys), _BLOCK):
            block = keys[start : start + _BLOCK]
            products = self._products[: len(block)]
            residues = self._residues[: len(block)]
            np.multiply(block[:, None], self._a, out=products)
            np.add(products, self._b, out=products)
            # a*x + b < 2**63 + 2**61, so (y & p) + (y >> 61) is y mod p except that
            # residues 0..5 may come out as p..p+5: the same order, bar those six.
            np.bitwise_and(products, _MERSENNE_61, out=residues)
            np.right_shift(products, np.uint64(61), out=products)
            np.add(residues, products, out=residues)
            np.minimum(signature, residues.min(axis=0), out=signature)
        return signature


class _TokenHashes(dict[str, int]):
    def __missing__(self, token: str) -> int:
        digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        self[token] = value
        return value


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    a = np.empty(num_perm, dtype=np.uint64)
    b = np.empty(num_perm, dtype=np.uint64)
    for index in range(num_perm):
        digest = hashlib.blake2b(f"tongket-minhash:{seed}:{index}".encode(), digest_size=16)
        low, high = struct.unpack("<QQ", digest.digest())
        a[index] = 1 + low % ((1 << 31) - 1)
        b[index] = high % ((1 << 61) - 1)
    return a, b


def _combine_shingles(token_hashes: np.ndarray) -> np.ndarray:
    count = len(token_hashes) - SHINGLE_SIZE + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    combined = token_hashes[:count].copy()
    for offset in range(1, SHINGLE_SIZE):
        combined *= _POLY
        combined += token_hashes[offset : offset + count]
    # SplitMix64 finaliser: the MinHash keys are the top 32 bits, which must depend
    # on every token.
    combined ^= combined >> np.uint64(30)
    combined *= _MIX_1
    combined ^= combined >> np.uint64(27)
    combined *= _MIX_2
    combined ^= combined >> np.uint64(31)
    return combined


def _set_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if not len(a) or not len(b):
        return 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


def _check_compatible(a: Fingerprint, b: Fingerprint) -> None:
    if a.num_perm != b.num_perm or a.seed != b.seed:
        raise ValueError("fingerprints were computed with different MinHash parameters")


# ---------------------------------------------------------------------------
# Finding similar pairs


def choose_bands(num_perm: int, threshold: float, recall: float = TARGET_RECALL) -> tuple[int, int]:
    """``(bands, rows)`` with the most rows per band whose S-curve reaches ``recall``.

    More rows per band mean fewer chance candidates below the threshold; the curve
    ``1 - (1 - t**r)**b`` must still be at least ``recall`` at the threshold ``t``.
    """
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= recall:
            return bands, rows
    return num_perm, 1


def similar_pairs(
    fingerprints: Sequence[Fingerprint], threshold: float = DEFAULT_THRESHOLD
) -> list[DuplicatePair]:
    """Pairs of fingerprints with similarity at least ``threshold``, most similar first."""
    _check_threshold(threshold)
    candidates = candidate_pairs(fingerprints, threshold)
    return _verified(candidates, fingerprints, fingerprints, threshold)


def similar_to_earlier(
    fingerprints: Sequence[Fingerprint],
    earlier: Sequence[Fingerprint],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[DuplicatePair]:
    """Pairs (new ``a``, earlier ``b``) at least ``threshold`` similar, most similar first.

    ``earlier`` are stored fingerprints of past contests; they are only read.
    """
    _check_threshold(threshold)
    combined = [*fingerprints, *earlier]
    split = len(fingerprints)
    candidates = candidate_pairs(combined, threshold)
    cross = candidates[(candidates[:, 0] < split) & (candidates[:, 1] >= split)]
    cross[:, 1] -= split
    return _verified(cross, fingerprints, earlier, threshold)


def find_near_duplicates(
    texts: Sequence[str],
    threshold: float = DEFAULT_THRESHOLD,
    *,
    fingerprinter: Fingerprinter | None = None,
) -> list[DuplicatePair]:
    """Near-duplicate pairs among ``texts`` with their shared passages.

    Pairs are sorted by similarity, highest first, then by index.
    """
    fingerprinter = fingerprinter or Fingerprinter()
    fingerprints = fingerprinter.fingerprint_many(texts)
    pairs = similar_pairs(fingerprints, threshold)
    tracer = _PassageTracer(texts, fingerprinter)
    return [
        DuplicatePair(pair.a, pair.b, pair.similarity, tuple(tracer.passages(pair.a, pair.b)))
        for pair in pairs
    ]


def _check_threshold(threshold: float) -> None:
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")


def candidate_pairs(fingerprints: Sequence[Fingerprint], threshold: float) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, sharing at least one LSH band."""
    if not fingerprints:
        return np.empty((0, 2), dtype=np.int64)
    for other in fingerprints[1:]:
        _check_compatible(fingerprints[0], other)
    present = np.array([not fp.is_empty for fp in fingerprints], dtype=bool)
    indexes = np.flatnonzero(present)
    if len(indexes) < 2:
        return np.empty((0, 2), dtype=np.int64)
    signatures = np.stack([fingerprints[i].signature for i in indexes])
    bands, rows = choose_bands(signatures.shape[1], threshold)
    keys = _band_keys(signatures, bands, rows)
    found = [_colliding(keys[:, band]) for band in range(bands)]
    local = np.unique(np.concatenate(found), axis=0)
    return indexes[local] if len(local) else np.empty((0, 2), dtype=np.int64)


def _band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    banded = signatures[:, : bands * rows].reshape(len(signatures), bands, rows)
    keys = banded[:, :, 0].copy()
    for row in range(1, rows):
        keys *= _POLY
        keys += banded[:, :, row]
    return keys


def _colliding(keys: np.ndarray) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of positions holding equal keys."""
    order = np.argsort(keys, kind="stable")
    equal = keys[order][1:] == keys[order][:-1]
    edges = np.diff(np.concatenate(([0], equal.view(np.int8), [0])))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) + 1
    twos = stops - starts == 2
    pairs = [np.stack([order[starts[twos]], order[starts[twos] + 1]], axis=1)]
    for start, stop in zip(starts[~twos], stops[~twos], strict=True):
        pairs.append(np.array(list(itertools.combinations(order[start:stop], 2))))
    found = np.concatenate(pairs).astype(np.int64).reshape(-1, 2)
    return np.sort(found, axis=1)


def _verified(
    candidates: np.ndarray,
    left: Sequence[Fingerprint],
    right: Sequence[Fingerprint],
    threshold: float,
) -> list[DuplicatePair]:
    pairs = []
    for a, b in candidates.tolist():
        similarity = left[a].similarity(right[b])
        if similarity >= threshold:
            pairs.append(DuplicatePair(a, b, similarity))
    pairs.sort(key=lambda pair: (-pair.similarity, pair.a, pair.b))
    return pairs


# ---------------------------------------------------------------------------
# Passages


def passages(text_a: str, text_b: str, fingerprinter: Fingerprinter | None = None) -> list[Passage]:
    """Character ranges of the text the two share, ordered by position in ``text_a``.

    A passage is a maximal run of consecutive shingles found in the same order in
    both texts, so a paragraph copied whole is one passage even when paragraphs were
    shuffled around it; runs that touch or overlap in both texts are merged.
    """
    tracer = _PassageTracer([text_a, text_b], fingerprinter or Fingerprinter())
    return tracer.passages(0, 1)


class _PassageTracer:
    """Traces passages for pairs of ``texts``, tokenising each text at most once."""

    def __init__(self, texts: Sequence[str], fingerprinter: Fingerprinter) -> None:
        self._texts = texts
        self._fingerprinter = fingerprinter
        self._cache: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}

    def passages(self, a: int, b: int) -> list[Passage]:
        hashes_a, spans_a = self._tokens(a)
        hashes_b, spans_b = self._tokens(b)
        runs = _merge_runs(_diagonal_runs(hashes_a, hashes_b))
        return [
            (spans_a[a0][0], spans_a[a1][1], spans_b[b0][0], spans_b[b1][1])
            for a0, a1, b0, b1 in runs
        ]

    def _tokens(self, index: int) -> tuple[list[int], list[tuple[int, int]]]:
        if index not in self._cache:
            text = self._texts[index]
            hashes = self._fingerprinter.shingle_hashes(text).tolist()
            self._cache[index] = (hashes, token_spans(text))
        return self._cache[index]


def _diagonal_runs(hashes_a: list[int], hashes_b: list[int]) -> list[tuple[int, int, int, int]]:
    """Maximal runs ``(i0, i1, j0, j1)`` with ``a[i0 + k] == b[j0 + k]``, in shingles."""
    positions_b: dict[int, list[int]] = {}
    for j, value in enumerate(hashes_b):
        positions_b.setdefault(value, []).append(j)
    runs: list[tuple[int, int, int, int]] = []
    active: dict[int, tuple[int, int]] = {}  # last j of a run ending at i - 1 -> (i0, j0)
    for i, value in enumerate(hashes_a):
        extended: dict[int, tuple[int, int]] = {}
        for j in positions_b.get(value, ())[:_MAX_REPEATS]:
            extended[j] = active.pop(j - 1, (i, j))
        runs.extend((i0, i - 1, j0, j) for j, (i0, j0) in active.items())
        active = extended
    end = len(hashes_a) - 1
    runs.extend((i0, end, j0, j) for j, (i0, j0) in active.items())
    return runs


def _merge_runs(runs: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Token ranges ``(a0, a1, b0, b1)``, inclusive, of runs merged where they touch."""
    tokens = sorted(
        (i0, i1 + SHINGLE_SIZE - 1, j0, j1 + SHINGLE_SIZE - 1) for i0, i1, j0, j1 in runs
    )
    merged: list[tuple[int, int, int, int]] = []
    for a0, a1, b0, b1 in tokens:
        if merged:
            m0, m1, n0, n1 = merged[-1]
            if a0 <= m1 + 1 and max(b0, n0) <= min(b1, n1) + 1:
                merged[-1] = (m0, max(m1, a1), min(n0, b0), max(n1, b1))
                continue
        merged.append((a0, a1, b0, b1))
    return merged


# ---------------------------------------------------------------------------
# Output


def to_contract_json(pairs: Iterable[DuplicatePair], names: Sequence[str]) -> dict[str, object]:
    """The ``tongket dedup --json`` document for ``pairs`` of the texts named ``names``."""
    return {
        "pairs": [
            {
                "a": names[pair.a],
                "b": names[pair.b],
                "similarity": pair.similarity,
                "passages": [list(passage) for passage in pair.passages],
            }
            for pair in pairs
        ]
    }
