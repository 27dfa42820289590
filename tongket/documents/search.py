"""Accent-insensitive search terms and highlighted snippets.

The register stores each document's folded text (`tongket.vn.text.fold`: lower case,
no diacritics, đ → d) and matches folded query words against it at the start of a
word, so "nghi quyet 35" finds "Nghị quyết 35" and "35-NQ/TW" but not "135". To show *where* it matched, the hit is found in the folded text
and mapped back to the original characters. No Django import.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from tongket.vn.text import fold

SHOWN_TEXT = 200_000
SNIPPET_BEFORE = 70
SNIPPET_AFTER = 150
MAX_WORDS = 8


@dataclass(frozen=True)
class Segment:
    """A piece of text to show, highlighted or not."""

    text: str
    hit: bool


def query_words(query: str) -> list[str]:
    """The folded words of a query, each of which a document must contain."""
    return list(dict.fromkeys(fold(query).split()))[:MAX_WORDS]


def highlight(text: str, words: list[str]) -> list[Segment]:
    """The whole text, cut into segments with every occurrence of the words highlighted."""
    return _segments(text, words)


def snippet(text: str, words: list[str]) -> list[Segment]:
    """A short passage around the first hit in text, highlighted; [] when nothing hits."""
    first = _first_hit(text, words)
    if first is None:
        return []
    start = max(0, first - SNIPPET_BEFORE)
    end = min(len(text), first + SNIPPET_AFTER)
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", first, end)
        end = space if space > first else end
    passage = " ".join(text[start:end].split())
    segments = _segments(passage, words)
    if start > 0:
        segments.insert(0, Segment("… ", False))
    if end < len(text):
        segments.append(Segment(" …", False))
    return segments


def mark_spans(text: str, spans: list[list[int]]) -> list[Segment]:
    """The text (its beginning, if very long) with the given [start, end) spans marked."""
    shown = text[:SHOWN_TEXT]
    segments: list[Segment] = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(shown))
        if start >= end:
            continue
        if start > position:
            segments.append(Segment(shown[position:start], False))
        segments.append(Segment(shown[start:end], True))
        position = end
    if position < len(shown):
        segments.append(Segment(shown[position:], False))
    if len(text) > len(shown):
        segments.append(Segment(" …", False))
    return segments


def _first_hit(text: str, words: list[str]) -> int | None:
    """Where the words occur closest together (earliest among equals), in original
    characters: "quan triet" should show "Quán triệt", not the "Quận" of the header."""
    folded = fold(text)
    phrase = next(word_starts(folded, " ".join(words)), None)
    if phrase is not None:
        best: int | None = phrase
    else:
        best, best_score = None, 0
        for position in _occurrences(folded, words):
            window = folded[max(0, position - 40) : position + 120]
            score = sum(1 for word in words if word in window)
            if score > best_score or (score == best_score and best is not None and position < best):
                best, best_score = position, score
    if best is None or len(folded) == len(text):
        return best
    # Folding changed the length (decomposed marks, "ß"): walk to the original offset.
    return _origin(text)[best]


def _occurrences(folded: str, words: list[str], limit: int = 50) -> list[int]:
    found: list[int] = []
    for word in words:
        for count, position in enumerate(word_starts(folded, word)):
            if count == limit:
                break
            found.append(position)
    return sorted(found)


def word_starts(folded: str, word: str) -> Iterator[int]:
    """Where word occurs in folded text at the start of a word: "35" in "Nghị quyết 35"
    and "35-NQ/TW", not in "135"."""
    position = folded.find(word)
    while position >= 0:
        if position == 0 or not folded[position - 1].isalnum():
            yield position
        position = folded.find(word, position + 1)


def _origin(text: str) -> list[int]:
    """For each character of fold(text), the index of the character it came from."""
    origin: list[int] = []
    for index, char in enumerate(text):
        origin.extend([index] * len(fold(char)))
    origin.append(len(text))
    return origin


def _segments(text: str, words: list[str]) -> list[Segment]:
    folded = "".join(fold(char) for char in text)
    origin = _origin(text) if len(folded) != len(text) else None
    marked = [False] * len(text)
    for word in words:
        for position in word_starts(folded, word):
            start, end = position, position + len(word)
            if origin is not None:
                start, end = origin[start], origin[end]
            for index in range(start, end):
                marked[index] = True
    segments: list[Segment] = []
    run_start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or marked[index] != marked[run_start]:
            segments.append(Segment(text[run_start:index], marked[run_start]))
            run_start = index
    return segments
