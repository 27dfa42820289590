"""Citation extraction quality on the labelled corpus: precision, recall and F1 per field.

Run from the repository root: `uv run python bench/cite_quality.py [--held-out] [--set NAME]
[--verbose]`. Without a choice it prints the whole corpus, then each set on its own: the
held-out sets (`unseen`, `unseen-2`) were written before the code that reads them and are
not looked at while changing it, so theirs are the honest figures.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tongket.vn.citations import reference_to_json
from tongket.vn.document import read_citations
from tongket.vn.evaluation import (
    LabelledText,
    evaluate,
    evaluate_extractor,
    format_table,
    load_corpus,
    reference_key,
)

CORPUS = Path(__file__).resolve().parent.parent / "tongket" / "vn" / "tests" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", action="store_true", help="only the held-out texts")
    parser.add_argument("--set", help="only the texts of this set (dev-2, unseen-2, …)")
    parser.add_argument("--verbose", action="store_true", help="print each text's differences")
    args = parser.parse_args()
    texts = load_corpus(CORPUS)
    if args.held_out:
        texts = [text for text in texts if text.held_out]
    if args.set:
        texts = [text for text in texts if (text.set or "original") == args.set]
    _report("all chosen texts", texts)
    if not args.set and not args.held_out:
        for name in sorted({text.set or "original" for text in texts}):
            chosen = [text for text in texts if (text.set or "original") == name]
            held = " (held out)" if all(text.held_out for text in chosen) else ""
            _report(f"set {name}{held}", chosen)
    if args.verbose:
        for text in texts:
            _print_differences(text)


def _report(title: str, texts: list[LabelledText]) -> None:
    refs = sum(len(text.refs) for text in texts)
    print(f"\n== {title}: {len(texts)} texts, {refs} expected references")
    print(format_table(evaluate_extractor(texts)))


def _print_differences(text: LabelledText) -> None:
    read = read_citations(text.text)
    predicted = [reference_to_json(ref) for ref in read.refs]
    if evaluate([(text.refs, predicted)]).scores["reference"].f1 == 1.0:
        fields = ("type", "number", "date", "issuer", "implements")
        found = {reference_key(ref): ref for ref in predicted}
        same = all(
            all(found[reference_key(ref)][name] == ref[name] for name in fields)
            for ref in text.refs
        )
        if same:
            return
    print(f"\n== {text.id}")
    if text.self or read.self:
        print("  own      ", text.self, "→", read.self and (read.self.symbol, read.self.date))
    if text.named or read.named:
        print("  named    ", text.named, "→", [named.name for named in read.named])
    for ref in text.refs:
        print("  expected ", {k: v for k, v in ref.items() if k != "mentions"})
    for ref in predicted:
        print("  predicted", {k: v for k, v in ref.items() if k != "mentions"})


if __name__ == "__main__":
    main()
