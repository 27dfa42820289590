from tongket.vn.issuers import issuer_code_of_phrase, issuer_ending_at, match_issuer


def _issuer(text):
    found = match_issuer(text, 0)
    return found.phrase if found else None


def test_issuer_ends_before_the_title():
    assert _issuer("Bộ Chính trị về tăng cường") == "Bộ Chính trị"


def test_term_is_part_of_the_issuer_and_its_tone_mark_is_normalised():
    assert (
        _issuer("Ban Chấp hành Trung ương Đảng khoá XIII về")
        == "Ban Chấp hành Trung ương Đảng khóa XIII"
    )


def test_brackets_around_the_term_are_dropped():
    assert _issuer("Bộ Chính trị (khóa XII) về") == "Bộ Chính trị khóa XII"


def test_place_names_belong_to_the_issuer():
    assert _issuer("Ủy ban nhân dân Thành phố Hà Nội.") == "Ủy ban nhân dân Thành phố Hà Nội"
    assert _issuer("Đảng ủy phường Khương Mai ban hành") == "Đảng ủy phường Khương Mai"


def test_ministry_names_with_va_are_one_issuer():
    assert _issuer("Bộ Giáo dục và Đào tạo, Sở") == "Bộ Giáo dục và Đào tạo"


def test_a_following_type_word_is_not_part_of_the_issuer():
    assert _issuer("Ban Tổ chức Trung ương và Hướng dẫn số 36") == "Ban Tổ chức Trung ương"


def test_a_verb_ends_the_issuer():
    assert _issuer("Tỉnh ủy Nghệ An thực hiện") == "Tỉnh ủy Nghệ An"
    assert _issuer("Chính phủ quy định") == "Chính phủ"


def test_ordinary_words_are_not_an_issuer():
    assert _issuer("bão số 3") is None


def test_issuer_before_the_verb_is_found():
    text = "Trước đó, Thủ tướng Chính phủ đã ban hành"
    found = issuer_ending_at(text, text.index(" đã ban"))
    assert found is not None and found.phrase == "Thủ tướng Chính phủ"


def test_issuer_phrase_points_to_a_party_code():
    assert issuer_code_of_phrase("Ban Thường vụ Quận ủy") == "QU"
    assert issuer_code_of_phrase("Tỉnh ủy Nghệ An") == "TU"
    assert issuer_code_of_phrase("Bộ Chính trị") == "TW"


def test_issuer_ends_at_a_line_that_opens_a_paragraph():
    assert _issuer("Bộ Chính trị\nThực hiện Kế hoạch") == "Bộ Chính trị"
    assert _issuer("Bộ Chính trị\n\nCăn cứ Điều lệ Đảng") == "Bộ Chính trị"


def test_issuer_wrapped_onto_the_next_line_goes_on():
    assert _issuer("Ban Thường vụ\nThành ủy Hà Nội về") == "Ban Thường vụ Thành ủy Hà Nội"


def test_issuer_never_goes_on_past_a_blank_line():
    assert _issuer("Bộ Chính trị\n\nTrang 2") == "Bộ Chính trị"
