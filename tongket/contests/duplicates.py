"""Near-duplicate entries: within a contest, and against other contests and earlier years.

Fingerprints are stored with each entry at intake, so checking a contest against
past years reads bytes instead of re-reading and re-hashing old texts. A forwarded
copy is the same work by design, never a duplicate of its source: pairs whose
entries share an original are left out.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import QuerySet

from tongket.contests.access import visible_contests
from tongket.contests.dedup import (
    DEFAULT_THRESHOLD,
    Fingerprint,
    passages,
    similar_pairs,
    similar_to_earlier,
    tokenize,
)
from tongket.contests.models import Contest, Entry


@dataclass(frozen=True)
class DuplicatePair:
    a: Entry
    b: Entry
    similarity: float

    @property
    def across_contests(self) -> bool:
        return self.a.contest_id != self.b.contest_id


@dataclass(frozen=True)
class Segment:
    text: str
    passage: int | None  # the number of the shared passage, or None for own text


def _with_fingerprints(entries: QuerySet[Entry]) -> tuple[list[Entry], list[Fingerprint]]:
    rows = list(
        entries.filter(fingerprint__isnull=False)
        .select_related("fingerprint", "contest", "submitting_unit")
        .defer("text")
        .order_by("contest_id", "sequence")
    )
    return rows, [Fingerprint.from_bytes(bytes(row.fingerprint.data)) for row in rows]


def duplicates_in(contest: Contest, *, threshold: float = DEFAULT_THRESHOLD) -> list[DuplicatePair]:
    entries, prints = _with_fingerprints(contest.entries.all())
    return [
        DuplicatePair(entries[pair.a], entries[pair.b], pair.similarity)
        for pair in similar_pairs(prints, threshold)
    ]


def earlier_entries(user: User, contest: Contest) -> QuerySet[Entry]:
    """Entries of the other contests the user can see, of this contest's year or before."""
    others = visible_contests(user).exclude(pk=contest.pk).filter(year__lte=contest.year)
    return Entry.objects.filter(contest__in=others)


def duplicates_of_earlier(
    user: User, contest: Contest, *, threshold: float = DEFAULT_THRESHOLD
) -> list[DuplicatePair]:
    entries, prints = _with_fingerprints(contest.entries.all())
    earlier, earlier_prints = _with_fingerprints(earlier_entries(user, contest))
    if not entries or not earlier:
        return []
    roots = _origins([*entries, *earlier])
    return [
        DuplicatePair(entries[pair.a], earlier[pair.b], pair.similarity)
        for pair in similar_to_earlier(prints, earlier_prints, threshold)
        if roots[entries[pair.a].pk] != roots[earlier[pair.b].pk]
    ]


def _origins(entries: Iterable[Entry]) -> dict[int, int]:
    """Each entry's original: the end of its chain of forwarded copies."""
    parent = {entry.pk: entry.forwarded_from_id for entry in entries}
    missing = {p for p in parent.values() if p is not None and p not in parent}
    while missing:
        found = dict(Entry.objects.filter(pk__in=missing).values_list("pk", "forwarded_from_id"))
        parent.update(found)
        missing = {p for p in found.values() if p is not None and p not in parent}
    roots = {}
    for pk in list(parent):
        node: int = pk
        while (up := parent.get(node)) is not None:
            node = up
        roots[pk] = node
    return roots


# Shared runs shorter than this are stock phrases ("Nghị quyết số 35-NQ/TW của Bộ
# Chính trị"), not copying; the page leaves them unmarked.
MIN_PASSAGE_TOKENS = 8


def side_by_side(
    a: str, b: str, *, min_tokens: int = MIN_PASSAGE_TOKENS
) -> tuple[list[Segment], list[Segment], int]:
    """Both texts cut into own and shared stretches; shared ones numbered alike on both sides.

    A phrase that occurs several times matches several places of the other text; the
    longest passages are kept first and any that overlap them on either side are left
    out, so that each stretch is paired with one stretch only.
    """
    found = [p for p in passages(a, b) if len(tokenize(a[p[0] : p[1]])) >= min_tokens]
    kept: list[tuple[int, int, int, int]] = []
    for passage in sorted(found, key=lambda p: (p[0] - p[1], p[0])):
        if not any(_overlap(passage, other) for other in kept):
            kept.append(passage)
    found = sorted(kept)
    left = _segments(a, [(start, end, n) for n, (start, end, _s, _e) in enumerate(found, 1)])
    right = _segments(b, [(start, end, n) for n, (_s, _e, start, end) in enumerate(found, 1)])
    return left, right, len(found)


def _overlap(p: tuple[int, int, int, int], q: tuple[int, int, int, int]) -> bool:
    return (p[0] < q[1] and q[0] < p[1]) or (p[2] < q[3] and q[2] < p[3])


def _segments(text: str, marks: list[tuple[int, int, int]]) -> list[Segment]:
    segments, position = [], 0
    for start, end, number in sorted(marks):
        start = max(start, position)
        if start >= end:
            continue
        if start > position:
            segments.append(Segment(text[position:start], None))
        segments.append(Segment(text[start:end], number))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:], None))
    return segments


def similarity_of(a: Entry, b: Entry) -> float:
    """The exact similarity of two entries' shingle sets, from their stored fingerprints."""
    first = Fingerprint.from_bytes(bytes(a.fingerprint.data))
    return first.similarity(Fingerprint.from_bytes(bytes(b.fingerprint.data)))
