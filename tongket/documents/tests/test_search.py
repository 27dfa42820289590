import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tongket.documents.search import highlight, mark_spans, query_words, snippet


def _marked(segments):
    return [segment.text for segment in segments if segment.hit]


def test_query_words_are_folded_and_distinct():
    assert query_words("Nghị QUYẾT nghi 35") == ["nghi", "quyet", "35"]


def test_highlight_marks_the_words_whatever_their_accents():
    segments = highlight("Quán triệt Nghị quyết số 35", ["nghi", "quyet"])
    assert _marked(segments) == ["Nghị", "quyết"]


def test_snippet_shows_where_the_words_stand_together():
    text = "QUẬN ỦY THANH XUÂN\n" + "Nội dung khác. " * 30 + "Tổ chức quán triệt Nghị quyết."
    segments = snippet(text, ["quan", "triet"])
    assert _marked(segments)[:2] == ["quán", "triệt"]
    assert segments[0].text == "… "


def test_snippet_is_empty_without_a_hit():
    assert snippet("Nghị quyết", ["ke", "hoach"]) == []


def test_decomposed_text_is_highlighted_on_whole_letters():
    text = unicodedata.normalize("NFD", "Thực hiện Nghị quyết")
    assert _marked(snippet(text, ["nghi"])) == [unicodedata.normalize("NFD", "Nghị")]


def test_mark_spans_marks_citations_in_the_text():
    segments = mark_spans("Thực hiện Nghị quyết 35, rồi Kế hoạch 9.", [[29, 39], [10, 23]])
    assert _marked(segments) == ["Nghị quyết 35", "Kế hoạch 9"]


@given(st.text(max_size=200), st.lists(st.sampled_from(["a", "nghi", "đ", "35"]), max_size=3))
def test_segments_always_give_back_the_text(text, words):
    assert "".join(segment.text for segment in highlight(text, words)) == text


def test_words_match_at_the_start_of_a_word_only():
    assert _marked(highlight("Kế hoạch 135-KH/TU thực hiện 35-NQ/TW", ["35"])) == ["35"]
