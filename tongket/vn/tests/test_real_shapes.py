"""Symbols and links as real documents write them (issue 22), and names without numbers."""

import pytest

from tongket.vn.citations import extract_references
from tongket.vn.document import read_citations
from tongket.vn.named import find_named_documents
from tongket.vn.symbols import normalize_symbol


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("30c/NQ-CP", "30C/NQ-CP"),
        ("01a/KH-BCĐ", "01A/KH-BCĐ"),
        ("15a-QĐ/TU", "15A-QĐ/TU"),
        ("5104/BTTTT-PTTH&TTĐT", "5104/BTTTT-PTTH&TTĐT"),
        ("183/2010/TTLT/BTC-BNN", "183/2010/TTLT/BTC-BNN"),
        ("197/STTTT", "197/STTTT"),
    ],
)
def test_symbols_keep_the_shape_they_are_written_in(written, normalised):
    assert normalize_symbol(written) == normalised


def test_a_number_with_a_letter_is_its_own_document():
    refs = extract_references("Kế hoạch số 01a/KH-BCĐ và Kế hoạch số 01/KH-BCĐ của Ban Chỉ đạo.")
    assert [ref.symbol for ref in refs] == ["01A/KH-BCĐ", "01/KH-BCĐ"]
    assert refs[0].number == "01a"


def test_a_slash_after_the_issuers_ends_the_symbol():
    assert normalize_symbol("45/UBND-VX") == "45/UBND-VX"
    refs = extract_references("Công văn số 45/UBND-VX/2023 của UBND quận.")
    assert refs[0].symbol == "45/UBND-VX"


@pytest.mark.parametrize(
    ("text", "source", "targets"),
    [
        (
            "Công văn số 99/UBND-VX ngày 02/3/2021 của UBND quận về việc triển khai "
            "Quyết định số 12/QĐ-UBND ngày 01/3/2021 của UBND thành phố.",
            "99/UBND-VX",
            ["12/QĐ-UBND"],
        ),
        (
            "Kế hoạch số 7-KH/ĐU ngày 3/3/2020 về tiếp tục thực hiện Nghị quyết số 35-NQ/TW.",
            "7-KH/ĐU",
            ["35-NQ/TW"],
        ),
        (
            "Hướng dẫn số 3-HD/BTGQU (Triển khai thực hiện chỉ thị số 05-CT/TW của Bộ Chính trị)",
            "3-HD/BTGQU",
            ["05-CT/TW"],
        ),
        (
            "Quyết định số 10/QĐ-UBND ngày 5/5/2020 của UBND quận về ban hành Chương trình "
            "hành động thực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2020.",
            "10/QĐ-UBND",
            ["16/CT-TTg"],
        ),
        (
            "Chương trình số 05-CTr/HU của Huyện ủy về thực hiện các nhiệm vụ tại Nghị quyết "
            "số 35-NQ/TW ngày 22/10/2018 và Chỉ thị số 28-CT/TW ngày 21/9/2013 của Ban Bí thư.",
            "05-CTr/HU",
            ["35-NQ/TW", "28-CT/TW"],
        ),
    ],
)
def test_links_between_the_documents_a_text_cites(text, source, targets):
    refs = {ref.symbol: ref for ref in extract_references(text)}
    assert refs[source].implements == targets


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch số 5-KH/ĐU ngày 1/2/2020 căn cứ Nghị quyết số 35-NQ/TW ngày 22/10/2018.",
        "Quyết định số 11/QĐ-UBND ngày 6/6/2020 sửa đổi Quyết định số 10/QĐ-UBND của UBND quận.",
    ],
)
def test_a_basis_or_an_amendment_is_not_an_implementation(text):
    assert all(not ref.implements for ref in extract_references(text))


def test_the_header_number_is_the_document_itself_not_a_citation():
    text = (
        "ỦY BAN NHÂN DÂN\nQUẬN THANH XUÂN\nSố: 87/KH-UBND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nThanh Xuân, ngày 14 tháng 3 năm 2022\n"
        "KẾ HOẠCH\nTriển khai Quyết định số 12/QĐ-UBND ngày 01/3/2021 của UBND thành phố\n"
        "Thực hiện Quyết định số 12/QĐ-UBND ngày 01/3/2021, UBND quận ban hành Kế hoạch như sau."
    )
    found = read_citations(text)
    assert found.self is not None and found.self.symbol == "87/KH-UBND"
    assert found.self.date == "2022-03-14"
    assert found.self.implements == ["12/QĐ-UBND"]
    assert [ref.symbol for ref in found.refs] == ["12/QĐ-UBND"]


def test_the_own_number_named_again_in_the_text_is_a_reference():
    text = (
        "ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG ANH\nSố: 155/KH-UBND\nĐông Anh, ngày 02 tháng 3 năm 2017\n"
        "KẾ HOẠCH\nvề tuyên truyền\nKế hoạch 155/KH-UBND năm 2017 được gửi tới các xã."
    )
    found = read_citations(text)
    assert found.self is not None and found.self.symbol == "155/KH-UBND"
    assert [ref.symbol for ref in found.refs] == ["155/KH-UBND"]
    assert len(found.refs[0].mentions) == 1


def test_documents_named_only_are_found_apart_from_numbered_ones():
    text = (
        "Căn cứ Hiến pháp năm 2013, Luật Cán bộ, công chức và Điều lệ Đảng; "
        "Luật số 24/2018/QH14 ngày 12/6/2018."
    )
    found = read_citations(text)
    assert [named.name for named in found.named] == [
        "Hiến pháp năm 2013",
        "Luật Cán bộ, công chức",
        "Điều lệ Đảng",
    ]
    assert [ref.symbol for ref in found.refs] == ["24/2018/QH14"]


def test_lower_case_law_words_are_not_names():
    assert find_named_documents("Tuyên truyền pháp luật cho nhân dân theo luật định.") == []


def test_a_state_body_written_on_two_header_lines_is_one_issuer():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 44/KH-UBND\nHà Nam, ngày 02 tháng 3 năm 2024\n"
        "KẾ HOẠCH\nTriển khai Chỉ thị số 05-CT/TW\n"
    )
    found = read_citations(text)
    assert found.self is not None and found.self.issuer == "Ủy ban nhân dân tỉnh Hà Nam"
