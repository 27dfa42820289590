"""Citation extraction quality on the labelled corpus: precision, recall and F1 per field.

Run from the repository root: `uv run python bench/cite_quality.py [--held-out] [--verbose]`.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tongket.vn.citations import extract_references, reference_to_json
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
    parser.add_argument("--verbose", action="store_true", help="print each text's differences")
    args = parser.parse_args()
    texts = load_corpus(CORPUS)
    if args.held_out:
        texts = [text for text in texts if text.held_out]
    refs = sum(len(text.refs) for text in texts)
    print(f"{len(texts)} texts, {refs} expected references ({CORPUS})")
    print(format_table(evaluate_extractor(texts)))
    if args.verbose:
        for text in texts:
            _print_differences(text)


def _print_differences(text: LabelledText) -> None:
    predicted = [reference_to_json(ref) for ref in extract_references(text.text)]
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
    for ref in text.refs:
        print("  expected ", {k: v for k, v in ref.items() if k != "mentions"})
    for ref in predicted:
        print("  predicted", {k: v for k, v in ref.items() if k != "mentions"})


if __name__ == "__main__":
    main()
