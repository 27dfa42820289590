import json
import random
import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tongket.contests.dedup import (
    Fingerprint,
    Fingerprinter,
    choose_bands,
    exact_jaccard,
    find_near_duplicates,
    passages,
    shingle_hashes,
    shingles,
    similar_pairs,
    similar_to_earlier,
    to_contract_json,
    token_spans,
    tokenize,
)

VOCABULARY = (
    "nghị quyết đảng bộ chính trị tăng cường bảo vệ nền tảng tư tưởng đấu tranh phản bác "
    "quan điểm sai trái thù địch cán bộ đảng viên nhân dân tuyên truyền học tập quán triệt "
    "thực hiện phong trào thi đua kết quả đạt được hạn chế nguyên nhân bài học kinh nghiệm "
    "phường xã quận huyện thành phố tỉnh ủy ban mặt trận tổ quốc đoàn thanh niên hội phụ nữ"
)
SYLLABLES = VOCABULARY.split(" ")


def essay(seed: int, words: int = 300) -> str:
    """A Vietnamese-looking text whose 5-token shingles are all but unique."""
    rng = random.Random(seed)
    sentences = []
    for start in range(0, words, 12):
        chunk = [rng.choice(SYLLABLES) for _ in range(min(12, words - start))]
        sentences.append(" ".join(chunk).capitalize() + ".")
    return " ".join(sentences)


word_lists = st.lists(st.sampled_from(SYLLABLES[:12]), max_size=40)


# Tokens and shingles


def test_tokens_are_lower_cased_syllables_with_their_diacritics():
    assert tokenize("Nghị quyết 35-NQ/TW của Bộ Chính trị!") == [
        "nghị",
        "quyết",
        "35",
        "nq",
        "tw",
        "của",
        "bộ",
        "chính",
        "trị",
    ]


def test_decomposed_input_gives_the_same_tokens_as_composed():
    composed = "Tăng cường bảo vệ nền tảng tư tưởng của Đảng"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert tokenize(decomposed) == tokenize(composed)
    assert list(shingle_hashes(decomposed)) == list(shingle_hashes(composed))


def test_case_does_not_matter():
    assert exact_jaccard("BẢO VỆ NỀN TẢNG TƯ TƯỞNG", "bảo vệ nền tảng tư tưởng") == 1.0


def test_shingles_are_five_consecutive_tokens():
    assert shingles("một hai ba bốn năm sáu") == {
        ("một", "hai", "ba", "bốn", "năm"),
        ("hai", "ba", "bốn", "năm", "sáu"),
    }


def test_text_shorter_than_five_tokens_has_no_shingle():
    assert shingles("một hai ba bốn") == set()
    assert len(shingle_hashes("một hai ba bốn")) == 0
    assert exact_jaccard("một hai ba bốn", "một hai ba bốn") == 0.0


def test_token_spans_point_into_the_original_decomposed_text():
    text = unicodedata.normalize("NFD", "Học tập Nghị quyết")
    spans = token_spans(text)
    words = [unicodedata.normalize("NFC", text[start:end]) for start, end in spans]
    assert words == ["Học", "tập", "Nghị", "quyết"]


@given(st.text())
def test_token_spans_cover_each_token(text):
    spans = token_spans(text)
    tokens = tokenize(text)
    assert len(spans) == len(tokens)
    for token, (start, end) in zip(tokens, spans, strict=True):
        assert token in unicodedata.normalize("NFC", text[start:end]).lower()


@given(st.text())
def test_there_is_one_shingle_hash_per_shingle_position(text):
    assert len(shingle_hashes(text)) == max(0, len(tokenize(text)) - 4)


# Similarity


def test_identical_texts_have_similarity_one():
    text = essay(1)
    [pair] = find_near_duplicates([text, text])
    assert (pair.a, pair.b, pair.similarity) == (0, 1, 1.0)


def test_unrelated_texts_are_not_paired():
    assert find_near_duplicates([essay(1), essay(2), essay(3)]) == []


def test_empty_and_short_texts_are_never_paired():
    assert find_near_duplicates(["", "", "một hai", "một hai", "   "]) == []


def test_no_texts_give_no_pairs():
    assert find_near_duplicates([]) == []


def test_planted_partial_copy_is_found_with_its_passage_in_both_texts():
    copied = essay(10, words=200).rstrip(".")
    a = essay(11, words=40) + " " + copied + ". " + essay(12, words=20)
    b = essay(13, words=20) + "\n\n" + copied
    [pair] = find_near_duplicates([essay(14), a, essay(15), b])
    assert (pair.a, pair.b) == (1, 3)
    assert pair.similarity == exact_jaccard(a, b)
    [(a_start, a_end, b_start, b_end)] = pair.passages
    assert copied in a[a_start:a_end]
    assert copied in b[b_start:b_end]
    # The passage is the copied text and at most a few words around it.
    assert a_end - a_start < len(copied) + 40


def test_passages_of_reordered_paragraphs_follow_the_first_text():
    paragraphs = [essay(20 + i, words=60).rstrip(".") for i in range(4)]
    a = "\n\n".join(paragraphs)
    b = "\n\n".join(reversed(paragraphs))
    found = passages(a, b)
    assert [start for start, *_ in found] == sorted(start for start, *_ in found)
    for paragraph in paragraphs:
        assert any(paragraph in a[a0:a1] and paragraph in b[b0:b1] for a0, a1, b0, b1 in found)


def test_passages_point_into_decomposed_originals():
    copied = essay(30, words=40)
    a = unicodedata.normalize("NFD", essay(31, words=20) + " " + copied)
    b = copied + " " + essay(32, words=20)
    [(a0, a1, b0, b1)] = passages(a, b)
    assert unicodedata.normalize("NFC", a[a0:a1]) == copied.rstrip(".")
    assert b[b0:b1] == copied.rstrip(".")


def test_pairs_below_the_threshold_are_left_out():
    base = essay(40, words=200)
    half = base[: len(base) // 2] + " " + essay(41, words=100)
    similarity = exact_jaccard(base, half)
    assert 0.2 < similarity < 0.5
    assert find_near_duplicates([base, half]) == []
    [pair] = find_near_duplicates([base, half], threshold=similarity)
    assert pair.similarity == pytest.approx(similarity)


def test_pairs_are_sorted_by_similarity_highest_first():
    base = essay(50, words=300)
    words = base.split(" ")
    variants = [" ".join(words[: len(words) - cut]) for cut in (120, 0, 60)]
    pairs = find_near_duplicates([base, *variants], threshold=0.3)
    similarities = [pair.similarity for pair in pairs]
    assert similarities == sorted(similarities, reverse=True)
    assert len(pairs) == 6


def test_threshold_must_be_a_share():
    with pytest.raises(ValueError):
        find_near_duplicates(["a"], threshold=0)


def test_bands_reach_the_recall_target_at_the_threshold():
    for threshold in (0.3, 0.5, 0.7, 0.9):
        bands, rows = choose_bands(96, threshold)
        assert 1 - (1 - threshold**rows) ** bands >= 0.95
    assert choose_bands(96, 0.5) == (32, 3)


# Stored fingerprints


def test_fingerprint_survives_bytes():
    fingerprint = Fingerprinter().fingerprint(essay(60))
    restored = Fingerprint.from_bytes(fingerprint.to_bytes())
    assert np.array_equal(restored.signature, fingerprint.signature)
    assert np.array_equal(restored.shingles, fingerprint.shingles)
    assert restored.similarity(fingerprint) == 1.0


@pytest.mark.parametrize("data", [b"\0" * 64, b"TKMH", b""])
def test_garbage_is_not_a_fingerprint(data):
    with pytest.raises(ValueError):
        Fingerprint.from_bytes(data)


def test_truncated_fingerprint_is_refused():
    data = Fingerprinter().fingerprint(essay(61)).to_bytes()
    with pytest.raises(ValueError):
        Fingerprint.from_bytes(data[:-8])


def test_new_entries_are_compared_with_stored_fingerprints_of_earlier_years():
    earlier_texts = [essay(70 + i) for i in range(5)]
    stored = [Fingerprinter().fingerprint(t).to_bytes() for t in earlier_texts]
    earlier = [Fingerprint.from_bytes(data) for data in stored]
    new = Fingerprinter().fingerprint_many([essay(80), earlier_texts[3], essay(81), essay(82)])
    assert [(p.a, p.b, p.similarity) for p in similar_to_earlier(new, earlier)] == [(1, 3, 1.0)]


def test_fingerprints_with_other_parameters_are_refused():
    text = essay(90)
    with pytest.raises(ValueError):
        similar_pairs([Fingerprinter(seed=1).fingerprint(text), Fingerprinter().fingerprint(text)])


# Output


def test_contract_json_names_the_texts():
    text = essay(100)
    pairs = find_near_duplicates([essay(101), text, text])
    end = len(text) - 1  # before the final full stop
    assert json.loads(json.dumps(to_contract_json(pairs, ["x.txt", "a.txt", "b.txt"]))) == {
        "pairs": [{"a": "a.txt", "b": "b.txt", "similarity": 1.0, "passages": [[0, end, 0, end]]}]
    }


# Agreement with the brute-force reference


@settings(max_examples=60, deadline=None)
@given(word_lists, word_lists, word_lists)
def test_reported_similarity_is_exact_jaccard(shared, only_a, only_b):
    a = " ".join(only_a + shared)
    b = " ".join(shared + only_b)
    exact = exact_jaccard(a, b)
    fingerprinter = Fingerprinter()
    assert fingerprinter.fingerprint(a).similarity(fingerprinter.fingerprint(b)) == exact
    pairs = find_near_duplicates([a, b])
    assert [pair.similarity for pair in pairs] in ([], [exact])
    if exact < 0.5:
        assert pairs == []
    if exact >= 0.9:
        assert len(pairs) == 1


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.0, 1.0))
def test_minhash_estimate_is_close_to_exact_jaccard(seed, share):
    words = essay(seed, words=400).split(" ")
    kept = round(share * len(words))
    a = " ".join(words)
    b = " ".join(words[:kept] + essay(seed + 1, words=400 - kept).split(" "))
    fingerprinter = Fingerprinter()
    estimate = fingerprinter.fingerprint(a).estimated_similarity(fingerprinter.fingerprint(b))
    # 96 rows: the standard error is at most 0.05; six of them is far out.
    assert estimate == pytest.approx(exact_jaccard(a, b), abs=0.3)
