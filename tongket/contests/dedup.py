"""Near-duplicate detection among contest entries.

Similarity is the Jaccard similarity of two texts' sets of 5-token shingles, where
tokens are the runs of ``\\w+`` in the NFC, lower-cased text (for Vietnamese, the
syllables), as CONTRACT.md defines it for ``tongket dedup``. Comparing every pair
exactly is quadratic: a district contest has hundreds of entries, a city one
thousands, and each new contest should also be checked against earlier years.

So each text gets a :class:`Fingerprint`, computed once and storable as bytes: a
MinHash signature (for finding candidates) and the sorted set of its 64-bit shingle
hashes (for checking them exactly).

- Tokens are found and hashed in numpy over the text's code points (a polynomial
  hash per token, then the SplitMix64 finaliser), shingles by a polynomial over five
  token hashes and the finaliser again. The hashes depend on the code points only,
  so they are stable across processes, platforms and Python versions. :func:`tokenize`
  is the plain regular-expression definition; the tests hold the two together.
- The MinHash uses the universal family ``(a*x + b) mod p`` with ``p = 2**31 - 1``
  over 31-bit shingle keys ``x``: ``a*x + b`` fits in 64 bits, so numpy computes it
  exactly for a block of shingles and all permutations at once, and the Mersenne
  prime is reduced with shifts and masks instead of a division. (With ``p = 2**61 - 1``
  the product only fits if ``a*x`` stays below a few ``p``; the family then barely
  wraps, the permutations are alike, and the estimate error doubled in a trial.)
- LSH banding: the ``k`` signature rows are cut into ``b`` bands of ``r`` rows; two
  texts become candidates when all rows of some band agree, which happens with
  probability ``1 - (1 - s**r)**b`` for Jaccard similarity ``s`` (the S-curve).
  With the default ``k = 96`` and threshold 0.5 we use ``r = 3, b = 32``:

  ======  =============  =========================================================
  s       P(candidate)   meaning
  ======  =============  =========================================================
  0.10    0.032          unrelated essays on one theme: few wasted checks
  0.30    0.58           verified exactly and dropped
  0.50    0.986          recall at the threshold itself is above 0.95
  0.60    0.9990
  0.80    1.0000
  ======  =============  =========================================================

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

import functools
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
_BMP = 0x10000
_PRIME = (1 << 31) - 1
_MERSENNE_31 = np.uint64(_PRIME)
_EMPTY = np.uint32(np.iinfo(np.uint32).max)
_BASE = 0x100000001B3  # odd, so invertible modulo 2**64
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
    tokens = _Tokens(text)
    return list(zip(tokens.starts.tolist(), tokens.ends.tolist(), strict=True))


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


class _Tokens:
    """The tokens of a text as code-point ranges, found with numpy.

    A token is a maximal run of word characters, which is what ``\\w+`` matches;
    whether a character is one is looked up in a table of the regular expression's
    own answers.
    """

    def __init__(self, text: str) -> None:
        normalized = _normalize(text)
        self.codes = np.frombuffer(normalized.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        edges = np.diff(_is_word(self.codes).view(np.int8), prepend=0, append=0)
        self.normalized_starts = np.flatnonzero(edges == 1)
        self.normalized_ends = np.flatnonzero(edges == -1)
        self._text, self._normalized = text, normalized

    @functools.cached_property
    def starts(self) -> np.ndarray:
        """Start of each token in the original text."""
        starts, _ = self._offset_maps
        return self.normalized_starts if starts is None else starts[self.normalized_starts]

    @functools.cached_property
    def ends(self) -> np.ndarray:
        """End (exclusive) of each token in the original text."""
        _, ends = self._offset_maps
        return self.normalized_ends if ends is None else ends[self.normalized_ends - 1]

    @functools.cached_property
    def _offset_maps(self) -> tuple[np.ndarray | None, np.ndarray | None]:
        return _offset_maps(self._text, self._normalized)

    def hashes(self) -> np.ndarray:
        """A 64-bit hash of each token: the polynomial of its code points, mixed.

        With prefix sums of ``code * B**-i`` the polynomial of every token comes out
        of a few whole-array operations instead of a Python loop over tokens.
        """
        starts, ends = self.normalized_starts, self.normalized_ends
        powers, inverse_powers = _powers(len(self.codes) + 1)
        prefix = np.zeros(len(self.codes) + 1, dtype=np.uint64)
        np.cumsum(self.codes * inverse_powers[: len(self.codes)], out=prefix[1:])
        hashes = (prefix[ends] - prefix[starts]) * powers[ends - 1]
        hashes += (ends - starts).astype(np.uint64) * _POLY
        return _mix(hashes)


@functools.cache
def _word_table() -> np.ndarray:
    return np.array([_WORD.match(chr(code)) is not None for code in range(_BMP)], dtype=bool)


def _is_word(codes: np.ndarray) -> np.ndarray:
    word = _word_table()[np.minimum(codes, _BMP - 1)]
    beyond = codes >= _BMP
    if beyond.any():
        for code in np.unique(codes[beyond]).tolist():
            word[codes == code] = _WORD.match(chr(code)) is not None
    return word


@functools.lru_cache(maxsize=2)
def _powers_cache(size: int) -> tuple[np.ndarray, np.ndarray]:
    powers = np.full(size, _BASE, dtype=np.uint64)
    inverse_powers = np.full(size, pow(_BASE, -1, 1 << 64), dtype=np.uint64)
    powers[0] = inverse_powers[0] = 1
    return np.multiply.accumulate(powers), np.multiply.accumulate(inverse_powers)


def _powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """``B**i`` and ``B**-i`` modulo 2**64 for ``i < size``, grown by powers of two."""
    return _powers_cache(max(1 << 14, 1 << (size - 1).bit_length()))


def _offset_maps(text: str, normalized: str) -> tuple[np.ndarray | None, np.ndarray | None]:
    """For each normalised character, the start and end of its source in ``text``.

    ``None`` when the offsets agree, as for any NFC text. Otherwise normalisation is
    redone cluster by cluster (a base character and the combining marks after it),
    which is how NFC composes Vietnamese; in the rare scripts where composition
    crosses clusters the lengths disagree and the normalised offsets are kept.
    """
    if len(normalized) == len(text) and unicodedata.is_normalized("NFC", text):
        return None, None
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _clusters(text):
        width = len(_normalize(text[start:end]))
        starts.extend([start] * width)
        ends.extend([end] * width)
    if len(starts) != len(normalized):
        return None, None
    return np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)


def _clusters(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for index in range(1, len(text)):
        if unicodedata.combining(text[index]) == 0:
            yield start, index
            start = index
    if text:
        yield start, len(text)


def _mix(values: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser, in place: every output bit depends on every input bit."""
    values ^= values >> np.uint64(30)
    values *= _MIX_1
    values ^= values >> np.uint64(27)
    values *= _MIX_2
    values ^= values >> np.uint64(31)
    return values


def _shingle_hashes(token_hashes: np.ndarray) -> np.ndarray:
    count = len(token_hashes) - SHINGLE_SIZE + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    combined = token_hashes[:count].copy()
    for offset in range(1, SHINGLE_SIZE):
        combined *= _POLY
        combined += token_hashes[offset : offset + count]
    return _mix(combined)


def shingle_hashes(text: str) -> np.ndarray:
    """64-bit hash of each shingle of ``text``, in text order (repeats included)."""
    return _shingle_hashes(_Tokens(text).hashes())


# ---------------------------------------------------------------------------
# Fingerprints


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """What near-duplicate search needs of one text, computed once and storable.

    ``signature`` holds the MinHash values (``num_perm`` of them, all ``2**32 - 1``
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
            header + self.signature.astype("<u4").tobytes() + self.shingles.astype("<u8").tobytes()
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        if len(data) < _HEADER.size:
            raise ValueError("fingerprint bytes are too short")
        magic, version, num_perm, seed, count = _HEADER.unpack_from(data)
        if magic != _MAGIC or version != _FORMAT_VERSION:
            raise ValueError("not a tongket fingerprint of a known version")
        if len(data) != _HEADER.size + 4 * num_perm + 8 * count:
            raise ValueError("fingerprint bytes have the wrong length")
        signature = np.frombuffer(data, dtype="<u4", count=num_perm, offset=_HEADER.size)
        shingles = np.frombuffer(data, dtype="<u8", offset=_HEADER.size + 4 * num_perm)
        return cls(signature.astype(np.uint32), shingles.astype(np.uint64), seed)


class Fingerprinter:
    """Computes fingerprints with fixed MinHash parameters.

    The permutations are derived from ``seed`` with BLAKE2b rather than a numpy
    generator, whose streams may change between numpy versions: fingerprints stored
    years ago must stay comparable. Not thread-safe: it reuses its work arrays.
    """

    def __init__(self, num_perm: int = DEFAULT_NUM_PERM, seed: int = 0) -> None:
        self.num_perm = num_perm
        self.seed = seed
        self._a, self._b = _permutations(num_perm, seed)
        self._values = np.empty((_BLOCK, num_perm), dtype=np.uint64)
        self._folded = np.empty((_BLOCK, num_perm), dtype=np.uint64)

    def fingerprint(self, text: str) -> Fingerprint:
        distinct = _distinct(shingle_hashes(text))
        return Fingerprint(signature=self._minhash(distinct), shingles=distinct, seed=self.seed)

    def fingerprint_many(self, texts: Iterable[str]) -> list[Fingerprint]:
        return [self.fingerprint(text) for text in texts]

    def _minhash(self, distinct: np.ndarray) -> np.ndarray:
        signature = np.full(self.num_perm, _PRIME + 1, dtype=np.uint64)
        keys = distinct >> np.uint64(33)
        for start in range(0, len(keys), _BLOCK):
            block = keys[start : start + _BLOCK]
            values = self._values[: len(block)]
            folded = self._folded[: len(block)]
            np.multiply(block[:, None], self._a, out=values)
            np.add(values, self._b, out=values)
            _fold(values, folded)
            _fold(folded, values)
            np.minimum(signature, values.min(axis=0), out=signature)
        if not len(keys):
            return np.full(self.num_perm, _EMPTY, dtype=np.uint32)
        return signature.astype(np.uint32)


def _fold(values: np.ndarray, out: np.ndarray) -> None:
    """``out = (values & p) + (values >> 31)``, congruent to ``values`` modulo p.

    From below 2**62 one fold leaves less than 2**32 and a second one at most p + 1,
    so after two folds only the residues 0 and 1 may show as p and p + 1: the order
    of the values, which is all a minimum needs, is that of the residues but for
    those two.
    """
    np.bitwise_and(values, _MERSENNE_31, out=out)
    np.right_shift(values, np.uint64(31), out=values)
    np.add(out, values, out=out)


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    a = np.empty(num_perm, dtype=np.uint64)
    b = np.empty(num_perm, dtype=np.uint64)
    for index in range(num_perm):
        digest = hashlib.blake2b(f"tongket-minhash:{seed}:{index}".encode(), digest_size=16)
        low, high = struct.unpack("<QQ", digest.digest())
        a[index] = 1 + low % (_PRIME - 1)
        b[index] = high % _PRIME
    return a, b


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values; ``np.unique`` does the same several times slower."""
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


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

    ``earlier`` are stored fingerprints of past contests, used as they are; pairs
    within either collection are not reported.
    """
    _check_threshold(threshold)
    split = len(fingerprints)
    candidates = candidate_pairs([*fingerprints, *earlier], threshold)
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
    fingerprints = (fingerprinter or Fingerprinter()).fingerprint_many(texts)
    tracer = _PassageTracer(texts)
    return [
        DuplicatePair(pair.a, pair.b, pair.similarity, tuple(tracer.passages(pair.a, pair.b)))
        for pair in similar_pairs(fingerprints, threshold)
    ]


def candidate_pairs(fingerprints: Sequence[Fingerprint], threshold: float) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, whose signatures agree on a whole LSH band."""
    for other in fingerprints[1:]:
        _check_compatible(fingerprints[0], other)
    indexes = np.flatnonzero([not fp.is_empty for fp in fingerprints])
    if len(indexes) < 2:
        return np.empty((0, 2), dtype=np.int64)
    signatures = np.stack([fingerprints[i].signature for i in indexes.tolist()])
    bands, rows = choose_bands(signatures.shape[1], threshold)
    keys = _band_keys(signatures, bands, rows)
    local = np.unique(np.concatenate([_colliding(keys[:, band]) for band in range(bands)]), axis=0)
    return indexes[local].reshape(-1, 2)


def _check_threshold(threshold: float) -> None:
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")


def _band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    banded = signatures[:, : bands * rows].reshape(len(signatures), bands, rows)
    keys = banded[:, :, 0].astype(np.uint64)
    for row in range(1, rows):
        keys *= _POLY
        keys += banded[:, :, row]
    return keys


def _colliding(keys: np.ndarray) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of positions holding equal keys."""
    order = np.argsort(keys, kind="stable")
    equal = keys[order][1:] == keys[order][:-1]
    edges = np.diff(equal.view(np.int8), prepend=0, append=0)
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) + 1
    twos = stops - starts == 2
    pairs = [np.stack([order[starts[twos]], order[starts[twos] + 1]], axis=1)]
    for start, stop in zip(starts[~twos], stops[~twos], strict=True):
        pairs.append(np.array(list(itertools.combinations(order[start:stop], 2))))
    return np.sort(np.concatenate(pairs).astype(np.int64).reshape(-1, 2), axis=1)


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


def passages(text_a: str, text_b: str) -> list[Passage]:
    """Character ranges of the text the two share, ordered by position in ``text_a``.

    A passage is a maximal run of consecutive shingles found in the same order in
    both texts, so a paragraph copied whole is one passage even when paragraphs were
    shuffled around it; runs that touch or overlap in both texts are merged.
    """
    return _PassageTracer([text_a, text_b]).passages(0, 1)


class _PassageTracer:
    """Traces passages for pairs of ``texts``, tokenising each text at most once."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._cache: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def passages(self, a: int, b: int) -> list[Passage]:
        hashes_a, starts_a, ends_a = self._tokens(a)
        hashes_b, starts_b, ends_b = self._tokens(b)
        runs = np.array(_merge_runs(_diagonal_runs(hashes_a, hashes_b).tolist()), dtype=np.intp)
        if not len(runs):
            return []
        found = np.stack(
            [starts_a[runs[:, 0]], ends_a[runs[:, 1]], starts_b[runs[:, 2]], ends_b[runs[:, 3]]],
            axis=1,
        )
        return [(a0, a1, b0, b1) for a0, a1, b0, b1 in found.tolist()]

    def _tokens(self, index: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if index not in self._cache:
            tokens = _Tokens(self._texts[index])
            self._cache[index] = (_shingle_hashes(tokens.hashes()), tokens.starts, tokens.ends)
        return self._cache[index]


def _diagonal_runs(hashes_a: np.ndarray, hashes_b: np.ndarray) -> np.ndarray:
    """Maximal runs ``(i0, i1, j0, j1)`` with ``a[i0 + k] == b[j0 + k]``, in shingles.

    Every match ``(i, j)`` lies on the diagonal ``j - i``; sorted by diagonal, then
    by ``i``, a run is a stretch of consecutive ``i`` on one diagonal.
    """
    order_b = np.argsort(hashes_b, kind="stable")
    sorted_b = hashes_b[order_b]
    low = np.searchsorted(sorted_b, hashes_a, side="left")
    counts = np.minimum(np.searchsorted(sorted_b, hashes_a, side="right") - low, _MAX_REPEATS)
    if not counts.any():
        return np.empty((0, 4), dtype=np.int64)
    i = np.repeat(np.arange(len(hashes_a)), counts)
    rank = np.arange(len(i)) - np.repeat(np.cumsum(counts) - counts, counts)
    j = order_b[np.repeat(low, counts) + rank]
    order = np.lexsort((i, j - i))
    i, j = i[order], j[order]
    breaks = (np.diff(i) != 1) | (np.diff(j) != 1)
    starts = np.flatnonzero(np.concatenate(([True], breaks)))
    ends = np.flatnonzero(np.concatenate((breaks, [True])))
    return np.stack([i[starts], i[ends], j[starts], j[ends]], axis=1)


def _merge_runs(runs: list[list[int]]) -> list[tuple[int, int, int, int]]:
    """Token ranges ``(a0, a1, b0, b1)``, inclusive, of runs merged where they touch."""
    last = SHINGLE_SIZE - 1
    tokens = sorted((i0, i1 + last, j0, j1 + last) for i0, i1, j0, j1 in runs)
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
