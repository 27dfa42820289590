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

from tongket.vn.citations import Reference, reference_to_json
from tongket.vn.document import DocumentCitations, read_citations
from tongket.vn.symbols import number_key

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
    own_number: Score = field(default_factory=Score)
    named: Score = field(default_factory=Score)

    @property
    def date_accuracy(self) -> float:
        if not self.expected_references:
            return 1.0
        return self.dates_right / self.expected_references


@dataclass(frozen=True)
class LabelledText:
    """One text and what a careful reader finds in it.

    `self` is the document's own number and date from its header (None when it has no
    header), `named` the documents it cites by name only ("Luật Đất đai năm 2013"),
    `set` the batch the text was written in: texts of a held-out set were written before
    the code that reads them and are not looked at while changing it.
    """

    id: str
    text: str
    refs: list[dict[str, Any]]
    held_out: bool = False
    set: str = ""
    self: dict[str, Any] | None = None
    named: list[str] = field(default_factory=list)
    # Older texts were labelled before own numbers and names were read: not scored on them.
    labels_own_and_named: bool = False


def load_corpus(directory: Path) -> list[LabelledText]:
    """The labelled texts stored as one JSON file each in directory, by file name."""
    texts = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        texts.append(
            LabelledText(
                data["id"],
                data["text"],
                data["refs"],
                data.get("held_out", False),
                data.get("set", ""),
                data.get("self"),
                data.get("named", []),
                "self" in data,
            )
        )
    return texts


def evaluate_extractor(texts: Iterable[LabelledText]) -> Evaluation:
    """Read each text as `tongket cite` does and score it against the labels."""
    pairs = []
    evaluation_extra: list[tuple[LabelledText, DocumentCitations]] = []
    for labelled in texts:
        found = read_citations(labelled.text)
        pairs.append((labelled.refs, [reference_to_json(ref) for ref in found.refs]))
        evaluation_extra.append((labelled, found))
    evaluation = evaluate(pairs)
    for labelled, found in evaluation_extra:
        if not labelled.labels_own_and_named:
            continue
        _score_self(evaluation.own_number, labelled.self, found.self)
        _count(
            evaluation.named,
            {(name,) for name in labelled.named},
            {(named.name,) for named in found.named},
        )
    return evaluation


def _score_self(score: Score, expected: Ref | None, found: Reference | None) -> None:
    """The own number is right when its symbol and date both are."""
    want = {(expected["symbol"], expected.get("date"))} if expected else set()
    got = {(found.symbol, found.date)} if found is not None and found.symbol else set()
    _count(score, want, got)


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
    return ("type", ref.get("type") or "", number_key(number) if number[:1].isdigit() else number)


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
    for name, score in (("own number", evaluation.own_number), ("named only", evaluation.named)):
        if score.true_positives + score.false_positives + score.false_negatives:
            lines.append(
                f"{name:<12}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>8.3f}"
                f"{score.true_positives:>6}{score.false_positives:>5}{score.false_negatives:>5}"
            )
    lines.append(
        f"date accuracy {evaluation.date_accuracy:.3f} "
        f"({evaluation.dates_right}/{evaluation.expected_references} expected references)"
    )
    return "\n".join(lines)
