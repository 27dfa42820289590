"""Scoring citation extraction against hand-labelled texts.

A predicted reference matches an expected one by its symbol, or by type and number
when the expected reference has no symbol. Each field is then scored as a set of
(reference, value) items per text, so that a wrong value counts once as a false
positive and once as a false negative, and a missed reference costs every field it
carries. Dates also get an accuracy over the expected references (a missed
reference's date counts as wrong), since "no date" is a valid answer to score.
"""

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tongket.vn.citations import extract_references, reference_to_json

FIELDS = ("reference", "symbol", "type", "number", "date", "issuer", "implements", "mentions")

Ref = Mapping[str, Any]


@dataclass
class Score:
    """Counts for one field, and the precision, recall and F1 they give."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in FIELDS})
    dates_right: int = 0
    expected_references: int = 0

    @property
    def date_accuracy(self) -> float:
        if not self.expected_references:
            return 1.0
        return self.dates_right / self.expected_references


@dataclass(frozen=True)
class LabelledText:
    id: str
    text: str
    refs: list[dict[str, Any]]
    held_out: bool = False


def load_corpus(directory: Path) -> list[LabelledText]:
    """The labelled texts stored as one JSON file each in directory, by file name."""
    texts = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        texts.append(
            LabelledText(data["id"], data["text"], data["refs"], data.get("held_out", False))
        )
    return texts


def evaluate_extractor(texts: Iterable[LabelledText]) -> Evaluation:
    """Run extract_references on each text and score it against the labels."""
    pairs = []
    for labelled in texts:
        predicted = [reference_to_json(ref) for ref in extract_references(labelled.text)]
        pairs.append((labelled.refs, predicted))
    return evaluate(pairs)


def evaluate(pairs: Iterable[tuple[Sequence[Ref], Sequence[Ref]]]) -> Evaluation:
    """Score (expected, predicted) reference lists, one pair per text."""
    evaluation = Evaluation()
    for expected, predicted in pairs:
        for name in FIELDS:
            _count(evaluation.scores[name], _items(name, expected), _items(name, predicted))
        found = {reference_key(ref): ref for ref in predicted}
        for ref in expected:
            evaluation.expected_references += 1
            match = found.get(reference_key(ref))
            if match is not None and match.get("date") == ref.get("date"):
                evaluation.dates_right += 1
    return evaluation


def reference_key(ref: Ref) -> tuple[str, ...]:
    """What identifies a reference across expected and predicted lists."""
    if ref.get("symbol"):
        return ("symbol", ref["symbol"])
    number = str(ref.get("number"))
    return ("type", ref.get("type") or "", str(int(number)) if number.isdigit() else number)


def _items(name: str, refs: Sequence[Ref]) -> set[tuple[Any, ...]]:
    items: set[tuple[Any, ...]] = set()
    for ref in refs:
        key = reference_key(ref)
        if name == "reference":
            items.add(key)
        elif name == "implements":
            items.update((key, target) for target in ref.get("implements") or ())
        elif name == "mentions":
            items.add((key, _mention_count(ref.get("mentions"))))
        elif ref.get(name) is not None:
            items.add((key, ref[name]))
    return items


def _mention_count(mentions: Any) -> int:
    return mentions if isinstance(mentions, int) else len(mentions or ())


def _count(score: Score, expected: set[tuple[Any, ...]], predicted: set[tuple[Any, ...]]) -> None:
    score.true_positives += len(expected & predicted)
    score.false_positives += len(predicted - expected)
    score.false_negatives += len(expected - predicted)


def format_table(evaluation: Evaluation) -> str:
    """A plain-text table of precision, recall and F1 per field."""
    lines = [f"{'field':<12}{'precision':>10}{'recall':>10}{'F1':>8}{'TP':>6}{'FP':>5}{'FN':>5}"]
    for name, score in evaluation.scores.items():
        lines.append(
            f"{name:<12}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>8.3f}"
            f"{score.true_positives:>6}{score.false_positives:>5}{score.false_negatives:>5}"
        )
    lines.append(
        f"date accuracy {evaluation.date_accuracy:.3f} "
        f"({evaluation.dates_right}/{evaluation.expected_references} expected references)"
    )
    return "\n".join(lines)
