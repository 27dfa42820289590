from hypothesis import given
from hypothesis import strategies as st

from tongket.vn.text import fold, normalize, sort_key


def test_old_and_new_tone_placement_normalise_to_one_form():
    assert normalize("hoà thuỷ khoá khoẻ") == normalize("hòa thủy khóa khỏe")


def test_tone_stays_put_where_both_conventions_agree():
    assert normalize("hoàng huỳnh quý") == "hoàng huỳnh quý"


def test_fold_removes_diacritics_and_reads_d_bar_as_d():
    assert fold("Khương Mai ĐÌNH") == "khuong mai dinh"


def test_vietnamese_alphabetical_order():
    names = ["Ân", "Ăn", "Anh", "An", "Đà", "Dà", "Da", "Bẹ", "Bé", "Bẻ", "Be"]
    assert sorted(names, key=sort_key) == [
        "An",
        "Anh",
        "Ăn",
        "Ân",
        "Be",
        "Bẻ",
        "Bé",
        "Bẹ",
        "Da",
        "Dà",
        "Đà",
    ]


def test_numbers_inside_names_sort_by_value():
    names = ["Quận 10", "Quận 2", "Quận 1"]
    assert sorted(names, key=sort_key) == ["Quận 1", "Quận 2", "Quận 10"]


@given(st.text())
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


@given(
    st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxy àáảãạ"),
    st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxy"),
)
def test_a_word_sorts_before_its_extensions(word, suffix):
    assert sort_key(word) <= sort_key(word + suffix)


@given(st.text())
def test_sort_key_is_made_of_digits(text):
    assert sort_key(text).isdigit()


def test_fold_keeps_punctuation_and_other_scripts():
    assert fold("Hà Nội – “Đảng”") == "ha noi – “dang”"


@given(st.text())
def test_fold_is_the_decomposition_without_marks(text):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.casefold())
    expected = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")
    assert fold(text) == expected


def test_superscript_digits_do_not_break_the_sort_key():
    assert sort_key("¹").isdigit()
